"""QR codes as small inline SVG, for printed lists and shop pages."""

from functools import lru_cache

import qrcode
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.html import escape


@lru_cache(maxsize=512)
def qr_svg(url: str, *, size_mm: int = 30, title: str = "") -> str:
    """An SVG QR code for `url`; each row's dark runs are merged into one path segment."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(url)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    segments = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                segments.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    n = len(matrix)
    label = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" width="{size_mm}mm" '
        f'height="{size_mm}mm" role="img" shape-rendering="crispEdges">{label}'
        f'<rect width="{n}" height="{n}" fill="#fff"/><path fill="#000" d="{"".join(segments)}"/></svg>'
    )


def qr_code_response(request, path: str, *, title: str) -> HttpResponse:
    """An SVG QR code pointing at `path` on this site, cacheable for a day."""
    response = HttpResponse(
        qr_svg(request.build_absolute_uri(path), title=title), content_type="image/svg+xml"
    )
    patch_cache_control(response, public=True, max_age=86400)
    return response
