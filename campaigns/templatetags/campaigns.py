import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_HEADING_TAG = re.compile(r"<(/?)h([2-6])\b")


@register.filter
def shift_headings(html: str, levels: int = 1):
    """Demote the headings of already-sanitised HTML by `levels` (at most to h6).

    The printed handbook nests chapters under part titles, so a chapter's "##"
    sections become h4 there instead of h2.
    """
    levels = int(levels)
    return mark_safe(_HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + levels)}", html))
