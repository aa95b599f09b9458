"""What every printable A4 list shares: the page it comes from, its QR code, the date."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.qr import qr_svg


def print_context(request, *, back_url: str, place: str) -> dict:
    page_url = request.build_absolute_uri(back_url)
    return {
        "back_url": back_url,
        "page_url": page_url,
        "qr": qr_svg(page_url, title=_("Mã QR đến trang %(place)s") % {"place": place}),
        "printed_on": timezone.localdate(),
    }
