import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.text import thousands

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """45000 -> '45.000 đ' (Vietnamese groups thousands with dots)."""
    try:
        return thousands(amount) + " đ"
    except (TypeError, ValueError):
        return ""


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data: dict) -> str:
    """schema.org data as a <script type="application/ld+json"> block (a data block, not run)."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
