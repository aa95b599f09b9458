from django.conf import settings
from django.templatetags.static import static

from camnang.contact import tel_url


def portal(request):
    """Province and contact details every page shows."""
    return {
        "province_name": settings.PROVINCE_NAME,
        "hotline": settings.PORTAL_HOTLINE,
        "hotline_url": tel_url(settings.PORTAL_HOTLINE),
        "hotline_owner": settings.PORTAL_HOTLINE_OWNER,
        "demo_notice": settings.DEMO_NOTICE,
        # Query strings (filters, pages) are not part of a page's canonical address.
        "canonical_url": request.build_absolute_uri(request.path),
        "default_share_image": request.build_absolute_uri(static("img/og-share.png")),
    }
