"""Markdown written by staff, turned into HTML that is safe to show to citizens.

Markdown is converted first (raw HTML inside it passes through Markdown untouched),
then everything is cleaned by nh3 against an allow-list: no script or style, no event
handler attributes, no URL schemes other than http, https, mailto and tel, and ids
only on headings, prefixed (the table of contents links to them). External links then get
rel="nofollow noopener". The result is stored with the row, not rebuilt per request.
"""

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.text import slugify

from camnang.text import fold

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not just unwrapped.
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
EXTERNAL_REL = "nofollow noopener"
ANCHOR_PREFIX = "muc-"
# nh3 serialises every attribute as name="value" with quotes escaped, so this is exact.
_LINK_TAG = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[dict]


def heading_slug(value: str, separator: str = "-") -> str:
    """Anchor ids without diacritics: "Thanh toán an toàn" -> "thanh-toan-an-toan"."""
    return slugify(fold(unescape(_TAG.sub("", value)))).replace("-", separator) or "muc"


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    # Protocol-relative URLs ("//evil.example") would bypass the scheme list.
    if attribute in {"href", "src"} and value.strip().startswith("//"):
        return None
    return value


def sanitize(html: str) -> str:
    """Clean an HTML fragment against the allow-list and mark external links."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_url,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        # Keeps heading anchors apart from the page's own ids ("main", ...).
        id_prefix=ANCHOR_PREFIX,
    )
    return _LINK_TAG.sub(_mark_link, cleaned)


def _mark_link(match: re.Match) -> str:
    attributes = match.group(1)
    href = _HREF.search(attributes)
    if href and is_external(unescape(href.group(1))):
        attributes += f' rel="{EXTERNAL_REL}"'
    return f"<a{attributes}>"


def is_external(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def table_of_contents(html: str) -> list[dict]:
    """Level-2 headings with their level-3 children, read from the cleaned HTML.

    Reading the output (not the Markdown) guarantees every entry's anchor exists.
    """
    toc: list[dict] = []
    for level, anchor, inner in _HEADING.findall(html):
        entry = {"id": unescape(anchor), "title": unescape(_TAG.sub("", inner)).strip(), "children": []}
        if level == "3" and toc:
            toc[-1]["children"].append(entry)
        else:
            toc.append(entry)
    return toc


def render_markdown(text: str) -> Rendered:
    converter = markdown.Markdown(
        extensions=["toc", "tables", "sane_lists"],
        extension_configs={"toc": {"slugify": heading_slug, "toc_depth": "2-3"}},
        output_format="html",
    )
    html = sanitize(converter.convert(text or ""))
    return Rendered(html=html, toc=table_of_contents(html))
