"""Printing, QR codes, sharing, search-engine metadata and open data."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from core.models import Status
from core.qr import qr_svg
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.models import Category
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def decode_qr_image(image) -> str:
    import zxingcpp

    results = zxingcpp.read_barcodes(image)
    assert results, "no QR code found"
    return results[0].text


def decode_qr(svg: str) -> str:
    """Rasterise the QR code's SVG path with Pillow and read it back."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)", svg):
        x, y, width = int(x), int(y), int(width)
        draw.rectangle([x * scale, y * scale, (x + width) * scale - 1, (y + 1) * scale - 1], fill=0)
    return decode_qr_image(image)


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def test_qr_code_encodes_the_url():
    assert decode_qr(qr_svg("https://camnang.example.gov.vn/dia-ban/ha-trung/")) == (
        "https://camnang.example.gov.vn/dia-ban/ha-trung/"
    )


def test_printable_district_list(client, ha_trung):
    ShopFactory(name="Tạp hóa In Được", district=ha_trung, phone="030 123 4567", home_delivery=True)
    ShopFactory(name="Cửa hàng nháp", district=ha_trung, status=Status.DRAFT)
    response = client.get(reverse("shops:district_print", kwargs={"slug": "ha-trung"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Tạp hóa In Được" in html and "0301 234 567" in html and "Giao tận nhà" in html
    assert "Cửa hàng nháp" not in html
    assert re.search(r"In ngày \d\d/\d\d/\d{4}", html)
    assert "css/print.css" in html and "css/site.css" not in html  # compact, black-and-white layout
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert decode_qr(svg) == "http://testserver/dia-ban/ha-trung/"


def test_printable_list_keeps_the_filters(client, ha_trung):
    medicine = Category.objects.get(slug="thuoc-vat-tu-y-te")
    ShopFactory(name="Nhà thuốc Lọc Được", district=ha_trung, categories=[medicine])
    ShopFactory(name="Tạp hóa Bị Lọc", district=ha_trung)
    url = reverse("shops:district_print", kwargs={"slug": "ha-trung"}) + "?category=thuoc-vat-tu-y-te"
    html = client.get(url).content.decode()
    assert "Nhà thuốc Lọc Được" in html and "Tạp hóa Bị Lọc" not in html


def test_printable_producer_list(client, ha_trung):
    producer = ProducerFactory(name="HTX Rau Hà Lĩnh", district=ha_trung)
    ProductFactory(producer=producer, name="Rau cải ngọt", ocop_stars=3)
    ListingFactory(producer=producer)
    html = client.get(
        reverse("producers:district_producers_print", kwargs={"slug": "ha-trung"})
    ).content.decode()
    assert "HTX Rau Hà Lĩnh" in html and "Rau cải ngọt (3★ OCOP)" in html and "voso.vn" in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert decode_qr(svg) == "http://testserver/dia-ban/ha-trung/nong-san/"


def test_per_shop_qr_code(client, ha_trung):
    shop = ShopFactory(district=ha_trung)
    response = client.get(reverse("shops:shop_qr", kwargs={"slug": shop.slug}))
    assert response["Content-Type"] == "image/svg+xml"
    assert decode_qr(response.content.decode()) == f"http://testserver{shop.get_absolute_url()}"
    page = client.get(shop.get_absolute_url()).content.decode()
    assert f'src="/cua-hang/{shop.slug}/qr.svg"' in page
    assert client.get(reverse("shops:shop_qr", kwargs={"slug": "khong-co"})).status_code == 404


def test_share_links_and_preview_tags(client, ha_trung):
    shop = ShopFactory(name="Siêu thị Chia Sẻ", district=ha_trung)
    html = client.get(shop.get_absolute_url()).content.decode()
    page_url = f"http://testserver{shop.get_absolute_url()}"
    assert f'<link rel="canonical" href="{page_url}">' in html
    assert '<meta property="og:title" content="Siêu thị Chia Sẻ – Huyện Hà Trung">' in html
    assert f'<meta property="og:url" content="{page_url}">' in html
    assert '<meta property="og:image" content="http://testserver/static/img/og-share.png">' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fcua-hang%2F" in html
    assert re.search(r'<input id="share-url" type="text" readonly value="http://testserver/cua-hang/', html)
    # No third-party script: only the portal's own.
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_product_preview_uses_its_photo_and_schema_org_product(client, ha_trung, tmp_path):
    from django.core.files.base import ContentFile

    producer = ProducerFactory(district=ha_trung)
    product = ProductFactory(producer=producer, name="Nem chua", price=45000, description="Đặc sản.")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    product.photo.save("nem.jpg", ContentFile(buffer.getvalue()))
    html = client.get(product.get_absolute_url()).content.decode()
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/products/nem[^"]*\.jpg">', html
    )
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Product" and data["name"] == "Nem chua"
    assert data["offers"] == {
        "@type": "Offer",
        "price": 45000,
        "priceCurrency": "VND",
        "availability": "https://schema.org/InStock",
        "url": f"http://testserver{product.get_absolute_url()}",
        "seller": {"@type": "Organization", "name": producer.name},
    }


def test_shop_schema_org_local_business_is_escaped(client, ha_trung):
    shop = ShopFactory(name="Tạp hóa </script><script>alert(1)</script>", district=ha_trung)
    html = client.get(shop.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "LocalBusiness"
    assert data["telephone"] == shop.phone
    assert data["address"]["addressRegion"] == "Huyện Hà Trung"
    assert "<script>alert(1)" not in html


def test_sitemap_lists_published_pages_only(client, ha_trung):
    shop = ShopFactory(district=ha_trung)
    draft = ShopFactory(district=ha_trung, status=Status.DRAFT)
    product = ProductFactory(producer=ProducerFactory(district=ha_trung))
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = [loc.text for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", ns)]
    locations = []
    for section in sections:
        body = client.get(section.replace("http://testserver", "")).content
        locations += [loc.text for loc in ET.fromstring(body).findall("s:url/s:loc", ns)]
    assert f"http://testserver{shop.get_absolute_url()}" in locations
    assert f"http://testserver{product.get_absolute_url()}" in locations
    assert f"http://testserver{product.producer.get_absolute_url()}" in locations
    assert "http://testserver/dia-ban/ha-trung/" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations


def sitemap_locations(client) -> list[str]:
    """Every address the sitemap index leads to, section by section."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = client.get("/sitemap.xml")
    locations = []
    for section in ET.fromstring(index.content).findall("s:sitemap/s:loc", ns):
        body = client.get(section.text.replace("http://testserver", "")).content
        locations += [loc.text for loc in ET.fromstring(body).findall("s:url/s:loc", ns)]
    return locations


def test_sitemap_lists_exactly_what_the_public_can_open(client, ha_trung):
    from datetime import timedelta

    from campaigns.tests.factories import ChapterFactory, NewsFactory
    from shops.tests.factories import DistrictFactory

    hidden = DistrictFactory(is_active=False)
    today = timezone.localdate()
    hidden_items = [
        ShopFactory(district=hidden),
        ProducerFactory(district=hidden),
        ProductFactory(producer=ProducerFactory(district=hidden)),
        ShopFactory(district=ha_trung, status=Status.HIDDEN),
        ProducerFactory(district=ha_trung, status=Status.DRAFT),
        ProductFactory(producer=ProducerFactory(district=ha_trung, status=Status.DRAFT)),
        ProductFactory(producer=ProducerFactory(district=ha_trung), status=Status.DRAFT),
        ChapterFactory(status=Status.DRAFT),
        NewsFactory(status=Status.DRAFT),
        NewsFactory(published_on=today + timedelta(days=3)),  # embargoed until then
    ]
    shown = [NewsFactory(published_on=today), ChapterFactory(), ShopFactory(district=ha_trung)]
    locations = sitemap_locations(client)
    for item in hidden_items:
        assert f"http://testserver{item.get_absolute_url()}" not in locations, item
    assert f"http://testserver{hidden.get_absolute_url()}" not in locations
    for item in shown:
        assert f"http://testserver{item.get_absolute_url()}" in locations, item
    # Whatever is listed opens for a visitor who is not logged in.
    for location in locations:
        assert client.get(location.replace("http://testserver", "")).status_code == 200, location


def test_robots_txt(client, settings):
    body = client.get("/robots.txt").content.decode()
    for prefix in settings.ROBOTS_DISALLOW:  # the one list the cache and the referral count read too
        assert f"Disallow: {prefix}\n" in body
    assert "Disallow: /en/go/\n" in body  # outbound links exist under every language
    assert "Sitemap: http://testserver/sitemap.xml" in body


# --- Open data --------------------------------------------------------------------------


@pytest.fixture
def directory(ha_trung, districts):
    food = Category.objects.get(slug="luong-thuc")
    ShopFactory(name="Tạp hóa Mở", district=ha_trung, categories=[food], home_delivery=True)
    ShopFactory(name="Siêu thị Đông Sơn Mở", district=districts["dong-son"])
    ShopFactory(name="Cửa hàng ẩn", district=ha_trung, status=Status.HIDDEN)
    producer = ProducerFactory(name="HTX Mở", district=ha_trung)
    ProductFactory(producer=producer, name="Gạo Mở", price=20000, harvest_months=[5, 6])
    ListingFactory(producer=producer, url="https://voso.vn/cua-hang/htx-mo")
    return districts


def test_open_data_page_documents_every_field(client, directory):
    from core import registry

    response = client.get(reverse("opendata:index"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    for dataset in registry.datasets.values():
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in html


def test_csv_for_the_province_and_a_district(client, directory):
    response = client.get("/du-lieu-mo/cua-hang.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r["name"] for r in rows) == ["Siêu thị Đông Sơn Mở", "Tạp hóa Mở"]
    mo = next(r for r in rows if r["name"] == "Tạp hóa Mở")
    assert (
        mo["district_code"] == "392" and mo["categories"] == "Gạo, lương thực" and mo["home_delivery"] == "1"
    )
    district_rows = list(
        csv.DictReader(
            io.StringIO(client.get("/du-lieu-mo/ha-trung/cua-hang.csv").content.decode("utf-8-sig"))
        )
    )
    assert [r["name"] for r in district_rows] == ["Tạp hóa Mở"]


def test_json_is_paginated_with_etag_and_cors(client, directory, monkeypatch):
    monkeypatch.setattr("camnang.opendata.PAGE_SIZE", 1)
    response = client.get("/du-lieu-mo/cua-hang.json")
    body = response.json()
    assert body["count"] == 2 and body["pages"] == 2 and len(body["results"]) == 1
    assert body["next"] == "http://testserver/du-lieu-mo/cua-hang.json?page=2"
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    assert client.get("/du-lieu-mo/cua-hang.json", headers={"if-none-match": etag}).status_code == 304
    page2 = client.get("/du-lieu-mo/cua-hang.json?page=2").json()
    assert page2["previous"] and page2["next"] is None
    assert {r["name"] for r in body["results"] + page2["results"]} == {"Siêu thị Đông Sơn Mở", "Tạp hóa Mở"}
    preflight = client.options("/du-lieu-mo/cua-hang.json", headers={"origin": "https://partner.example"})
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]


def test_json_field_names_are_stable(client, directory):
    from core import registry

    for slug, dataset in registry.datasets.items():
        body = client.get(f"/du-lieu-mo/{slug}.json").json()
        assert body["results"], slug
        assert list(body["results"][0]) == [f.name for f in dataset.fields], slug
    product = client.get("/du-lieu-mo/ha-trung/san-pham.json").json()["results"][0]
    assert product["price_vnd"] == 20000 and product["harvest_months"] == [5, 6]
    assert (product["price_date"], product["price_source"]) == (timezone.localdate().isoformat(), "producer")
    assert product["price_source_label"] == "Cơ sở sản xuất báo giá"
    producer = client.get("/du-lieu-mo/co-so-san-xuat.json").json()["results"][0]
    assert producer["platform_listings"] == [
        {"platform": "voso.vn", "url": "https://voso.vn/cua-hang/htx-mo"}
    ]


def test_open_data_etag_changes_when_data_changes(client, directory):
    etag = client.get("/du-lieu-mo/cua-hang.json")["ETag"]
    ShopFactory(name="Cửa hàng mới", district=directory["ha-trung"])
    response = client.get("/du-lieu-mo/cua-hang.json", headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


@pytest.mark.parametrize(
    "path",
    ["/du-lieu-mo/khong-co.json", "/du-lieu-mo/khong-co/cua-hang.csv", "/du-lieu-mo/ha-trung/bi-mat.json"],
)
def test_unknown_datasets_and_districts_are_404(client, directory, path):
    assert client.get(path).status_code == 404


def test_open_data_bad_page_and_methods(client, directory):
    assert client.get("/du-lieu-mo/cua-hang.json?page=abc").json()["page"] == 1
    assert client.post("/du-lieu-mo/cua-hang.json").status_code in (403, 405)


def test_shared_links_preview_the_1200_by_630_banner(client, ha_trung):
    from campaigns.tests.factories import BannerFactory

    banner = BannerFactory(slug="cam-nang")
    html = client.get(ha_trung.get_absolute_url()).content.decode()
    assert '<meta property="og:image" content="http://testserver/banner/cam-nang/1200x630.png">' in html
    image = client.get(banner.image_url(1200, 630))
    assert image.status_code == 200
    assert Image.open(io.BytesIO(b"".join(image))).size == (1200, 630)


def test_sitemap_lists_the_handbook_and_news(client, db):
    from campaigns.tests.factories import ChapterFactory, NewsFactory

    chapter, post = ChapterFactory(), NewsFactory()
    body = (
        client.get("/sitemap-handbook.xml").content.decode()
        + client.get("/sitemap-news.xml").content.decode()
    )
    assert f"http://testserver{chapter.get_absolute_url()}" in body
    assert f"http://testserver{post.get_absolute_url()}" in body
