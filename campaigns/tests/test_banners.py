"""The banner kit: sizes without distortion, the zip, stable URLs and embed snippets."""

import io
import zipfile
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from PIL import Image, ImageChops, ImageDraw

from campaigns import banners, services
from campaigns.banners import SIZES
from campaigns.tests.factories import BannerFactory, PartnerFactory, png_file

pytestmark = pytest.mark.django_db

REQUIRED = {(300, 250), (728, 90), (160, 600), (1200, 630)}


def content_box(image: Image.Image, background=(255, 255, 255)):
    """Bounding box of whatever differs from the background colour."""
    plain = Image.new("RGB", image.size, background)
    return ImageChops.difference(image.convert("RGB"), plain).getbbox()


def test_the_required_sizes_are_offered():
    assert {(s.width, s.height) for s in SIZES} >= REQUIRED


@pytest.mark.parametrize("master_size", [(1200, 630), (600, 500), (400, 400), (300, 900), (2000, 300)])
def test_every_size_has_exact_dimensions_and_keeps_the_masters_ratio(master_size):
    # A black disc on white: any stretching turns it into an ellipse.
    w, h = master_size
    master = Image.new("RGB", master_size, "white")
    radius = min(w, h) // 3
    ImageDraw.Draw(master).ellipse(
        (w / 2 - radius, h / 2 - radius, w / 2 + radius, h / 2 + radius), fill="black"
    )
    for size in SIZES:
        out = banners.render_size(master, size, (255, 255, 255))
        assert out.size == (size.width, size.height)
        left, top, right, bottom = content_box(out)
        disc_w, disc_h = right - left, bottom - top
        assert abs(disc_w - disc_h) <= 2, (size.key, disc_w, disc_h)


@pytest.mark.parametrize("master_size", [(1200, 630), (600, 500), (400, 400), (300, 900)])
def test_padded_sizes_show_the_whole_master_at_its_ratio(master_size):
    master = Image.new("RGB", master_size, "red")
    for size in SIZES:
        spot = banners.place(master_size, (size.width, size.height))
        out = banners.render_size(master, size, (255, 255, 255))
        left, top, right, bottom = content_box(out)
        if spot.mode == "contain":
            ratio = master_size[0] / master_size[1]
            assert abs((right - left) / (bottom - top) - ratio) / ratio < 0.03, size.key
            assert right - left == size.width or bottom - top == size.height
        else:
            assert (left, top, right, bottom) == (0, 0, size.width, size.height)


def test_close_ratios_are_cropped_slightly_not_padded():
    spot = banners.place((620, 500), (300, 250))
    assert spot.mode == "cover"
    assert spot.width >= 300 and spot.height >= 250
    assert abs(spot.width / spot.height - 620 / 500) < 0.01
    assert banners.place((1200, 630), (728, 90)).mode == "contain"


def test_padding_uses_the_masters_edge_colour_by_default():
    master = Image.new("RGB", (400, 400), (11, 93, 59))
    assert banners.edge_colour(master) == (11, 93, 59)
    assert banners.parse_colour("#FFAA00") == (255, 170, 0)
    assert banners.parse_colour("xyz") is None


def test_saving_a_banner_generates_files_and_a_zip_of_all_sizes():
    banner = BannerFactory(slug="cam-nang")
    services.generate_banner_files(banner=banner)
    assert banner.files_version == 1
    assert services.banner_files_current(banner)
    from django.core.files.storage import default_storage

    with default_storage.open(services.banner_zip_name("cam-nang")) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = sorted(archive.namelist())
    assert names == sorted(f"cam-nang-{s.key}.png" for s in SIZES)
    for size in SIZES:
        with Image.open(io.BytesIO(archive.read(f"cam-nang-{size.key}.png"))) as image:
            assert image.size == (size.width, size.height)
            assert image.format == "PNG"


def test_image_urls_are_stable_and_cached_long(client):
    banner = BannerFactory(slug="cam-nang")
    url = "/banner/cam-nang/300x250.png"
    assert banner.image_url(300, 250) == url
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=604800" in response["Cache-Control"] and "public" in response["Cache-Control"]
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (300, 250)
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_zip_download(client):
    BannerFactory(slug="cam-nang")
    response = client.get("/banner/cam-nang.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="cam-nang.zip"' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(archive.namelist()) == len(SIZES)


@pytest.mark.parametrize(
    "url",
    [
        "/banner/cam-nang/301x250.png",
        "/banner/khong-co/300x250.png",
        "/banner/khong-co.zip",
        "/banner/an/300x250.png",
    ],
)
def test_unknown_sizes_and_banners_are_404(client, url):
    BannerFactory(slug="cam-nang")
    BannerFactory(slug="an", is_active=False)
    assert client.get(url).status_code == 404


class Snippet(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def snippets(html: str) -> list[str]:
    """The text of every snippet textarea, unescaped as a partner would copy it."""
    from html import unescape

    parts = html.split('<textarea class="snippet"')[1:]
    return [unescape(part.split(">", 1)[1].split("</textarea>", 1)[0]) for part in parts]


def test_banner_page_gives_a_plain_snippet_per_size_with_the_partners_tag(client):
    banner = BannerFactory(slug="cam-nang", alt_text='Cẩm nang "mua bán" <online>')
    partner = PartnerFactory(name="Sở Công Thương", referral_tag="so-cong-thuong")
    response = client.get(reverse("campaigns:banners"), {"doi-tac": partner.referral_tag})
    assert response.status_code == 200
    html = response.content.decode()
    found = snippets(html)
    assert len(found) == len(SIZES)
    for size, snippet in zip(SIZES, found, strict=True):
        assert "script" not in snippet.lower() and "iframe" not in snippet.lower()
        tags = Snippet(snippet).tags
        assert [t for t, _ in tags] == ["a", "img"]
        link, image = tags[0][1], tags[1][1]
        assert link["href"] == "http://testserver/cam-nang/?ref=so-cong-thuong"
        assert image["src"] == f"http://testserver{banner.image_url(size.width, size.height)}"
        assert (image["width"], image["height"]) == (str(size.width), str(size.height))
        assert image["alt"] == 'Cẩm nang "mua bán" <online>'
    # The snippet is shown escaped: the page itself gets no live markup from it.
    assert '<textarea class="snippet"' in html and "&lt;a href=" in html


def test_banner_page_without_or_with_an_unknown_partner(client):
    BannerFactory(slug="cam-nang")
    plain = client.get(reverse("campaigns:banners")).content.decode()
    assert all("?ref=" not in s for s in snippets(plain))
    odd = client.get(reverse("campaigns:banners"), {"doi-tac": "khong-ton-tai<script>" * 20})
    assert odd.status_code == 200
    assert "Không tìm thấy đơn vị" in odd.content.decode()
    assert all("?ref=" not in s for s in snippets(odd.content.decode()))


def test_staff_upload_in_the_admin_generates_the_sizes(admin_client):
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory()
    response = admin_client.post(
        reverse("admin:campaigns_banner_add"),
        {
            "title": "Banner mới",
            "slug": "banner-moi",
            "campaign": campaign.pk,
            "alt_text": "Cẩm nang",
            "master": png_file(800, 800),
            "background": "#ffffff",
            "is_active": "on",
            "position": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    from campaigns.models import Banner

    banner = Banner.objects.get(slug="banner-moi")
    assert banner.files_version == 1
    assert admin_client.get("/banner/banner-moi/728x90.png").status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (png_file(name="gia.png", fmt="GIF"), "Định dạng GIF không được nhận"),
        (None, "Tệp này không phải là ảnh"),
    ],
)
def test_admin_refuses_a_bad_master(admin_client, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.tests.factories import CampaignFactory

    if upload is None:
        upload = SimpleUploadedFile("gia.png", b"not an image at all", content_type="image/png")
    response = admin_client.post(
        reverse("admin:campaigns_banner_add"),
        {
            "title": "B",
            "slug": "b",
            "campaign": CampaignFactory().pk,
            "alt_text": "x",
            "master": upload,
            "position": 0,
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("master", []))
    assert message in errors, errors


def test_a_banner_with_words_draws_its_campaigns_name_and_follows_a_new_name(client):
    from django.core.files.storage import default_storage

    from campaigns.banner_layout import Words, render
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(name="Cẩm nang mua bán hàng online – an toàn phòng chống dịch")
    banner = BannerFactory(slug="chu", campaign=campaign, add_words=True, background="#0b5d3b")
    assert services.banner_words(banner) == Words("Cẩm nang mua bán hàng online", "an toàn phòng chống dịch")
    assert services.banner_words(BannerFactory(add_words=False)) is None
    services.generate_banner_files(banner=banner)
    with banner.master.open("rb") as handle, Image.open(handle) as master:
        expected = render(master.convert("RGBA"), 300, 250, services.banner_words(banner), (11, 93, 59))
    with default_storage.open(services.banner_file_name("chu", "300x250")) as handle:
        assert Image.open(handle).convert("RGB").tobytes() == expected.tobytes()
    # Renamed campaign: the files are stale and the next request draws the new name.
    campaign.name = "Nâng tầm giá trị nông sản"
    campaign.save()
    banner = type(banner).objects.get(pk=banner.pk)
    assert not services.banner_files_current(banner)
    assert client.get("/banner/chu/300x250.png").status_code == 200
    banner.refresh_from_db()
    assert banner.files_version == 2 and services.banner_files_current(banner)


def test_every_public_page_links_to_the_banner_kit_in_its_footer(client):
    html = client.get(reverse("home")).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/banner/">Gắn banner lên trang của bạn</a>' in footer


def test_the_kit_is_public_with_a_copy_button_for_each_snippet(client):
    import re

    BannerFactory(slug="cam-nang")
    response = client.get(reverse("campaigns:banners"))  # an anonymous citizen or partner
    assert response.status_code == 200
    html = response.content.decode()
    fields = re.findall(r'<textarea class="snippet" id="([^"]+)"', html)
    buttons = re.findall(r"<button [^>]*data-copy=[^>]*>[^<]*</button>", html)
    assert len(fields) == len(buttons) == len(SIZES)
    for field, button, size in zip(fields, buttons, SIZES, strict=True):
        assert f'data-copy="{field}"' in button and 'type="button"' in button
        # Hidden until the script can make it work; named for the size it copies.
        assert " hidden>" in button and f'aria-label="Sao chép mã nhúng {size.width}×{size.height}"' in button
        assert ">Sao chép</button>" in button and 'data-done="Đã sao chép"' in button
    assert html.count('role="status"></span>') == len(SIZES)
    # The strict CSP allows no inline script: the portal's one script file does it.
    assert re.findall(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html) == []
    assert re.findall(r'<script[^>]*src="([^"]+)"', html) == ["/static/js/share.js"]


def test_the_kit_explains_what_the_referral_tag_counts_and_keeps(client):
    BannerFactory(slug="cam-nang")
    html = client.get(reverse("campaigns:banners")).content.decode()
    section = html.split('id="ma-gioi-thieu"', 1)[1].split("</section>", 1)[0]
    assert "<code>?ref=</code>" in section
    assert "một lần cho mỗi đơn vị trong một ngày" in section
    assert "tổng lượt trong tháng" in section and "Không lưu địa chỉ IP" in section
    assert 'href="#ma-gioi-thieu"' in html


def test_banner_kit_quotes_the_letters_contact_as_the_letter_gives_it(client):
    html = client.get(reverse("campaigns:banners")).content.decode()
    assert "Phòng Quản lý Bưu chính – Sở Thông tin và Truyền thông" in html and "0915 351 008" in html
    assert "hợp nhất vào Sở Khoa học và Công nghệ" in html
    assert "Nguồn" in html and "tháng 9/2021" in html
