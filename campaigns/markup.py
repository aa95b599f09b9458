"""Markdown written by staff, turned into HTML that is safe to show to citizens.

Markdown is converted first (raw HTML inside it passes through Markdown untouched),
then everything is cleaned by nh3 against an allow-list: no script or style, no event
handler attributes, no URL schemes other than http, https, mailto and tel, no address a
browser could read as another host in disguise (protocol-relative, backslashes, tabs or
newlines inside, or their encoded forms), and ids only on headings, prefixed (the table
of contents links to them). External links then get rel="nofollow noopener". The result
is stored with the row, not rebuilt per request.
"""

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote

import markdown
import nh3
from django.utils.text import slugify

from core.text import fold

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


# Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so "/\\evil.example",
# "\\\\evil.example" or "/<tab>/evil.example" lead to another host: a URL with any of them is dropped.
_UNSAFE_URL_CHARACTER = re.compile(r"[\x00-\x1f\x7f\\]")
# What a URL parser strips from both ends before reading it (C0 controls and space).
_URL_PADDING = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# The slashes (or backslashes, with any spaces or controls between them) after the scheme,
# or at the start of a URL without one: two of them start a host name.
_SLASHES = re.compile(r"[/\\\x00-\x20\x7f]*")


def _percent_decoded(url: str) -> str:
    """The URL with %-escapes decoded until nothing changes (a double-encoded %255C too)."""
    for _ in range(5):
        decoded = unquote(url)
        if decoded == url:
            break
        url = decoded
    return url


def is_unsafe_url(value: str) -> bool:
    """Whether a link or image address could be read by a browser as another host in disguise.

    Checks the value as written, with HTML entities decoded, and the part before any
    query or fragment %-decoded (a server that decodes "/%2F%2Fevil.example" before
    redirecting would also lead away).
    """
    written = {value, unescape(value)}
    if any(_UNSAFE_URL_CHARACTER.search(url) for url in written):
        return True
    for url in written:
        head = _percent_decoded(re.split(r"[?#]", url.strip(_URL_PADDING), maxsplit=1)[0])
        head = head.strip(_URL_PADDING)
        scheme = _SCHEME.match(head)
        slashes = _SLASHES.match(head, scheme.end() if scheme else 0).group()
        if _UNSAFE_URL_CHARACTER.search(slashes):
            return True
        if not scheme and slashes.count("/") >= 2:
            return True  # protocol-relative ("//evil.example") would bypass the scheme list
    return False


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"href", "src"} and is_unsafe_url(value):
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
    """Whether a browser would take the link to another site.

    Every http(s) URL counts, with or without "//": a URL parser reads
    "https:evil.example" as https://evil.example/ too. Addresses that could be read as
    another host in disguise never reach this point (is_unsafe_url drops them), but are
    counted as external all the same.
    """
    url = url.strip(_URL_PADDING)
    if is_unsafe_url(url) or url.startswith("//"):
        return True
    scheme = _SCHEME.match(url)
    return bool(scheme) and scheme.group(1).lower() in {"http", "https"}


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
