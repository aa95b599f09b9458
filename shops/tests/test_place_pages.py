"""The public pages of today's map: the districts index, a former district's page, a commune's
page and its A4 list, the place on a shop's page, the English versions and the sitemap."""

import html
import re

import pytest
from django.urls import reverse

from camnang.tests.test_sharing import decode_qr
from camnang.tests.utils import card_names, count_queries, h1_count
from core.cache import bump_content_version
from core.models import Status
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.models import Category, Commune
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def commune(name: str) -> Commune:
    return Commune.objects.get(name=name, province_code=38)


def text_of(response) -> str:
    """The page's text, tags removed, whitespace collapsed."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    return text.replace(" ,", ",")


def select_options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return [html.unescape(label) for label in re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))]


# --- A former district's page -------------------------------------------------------------


def test_district_page_says_it_is_a_former_district_and_lists_its_communes(client, ha_trung):
    hoat_giang, bim_son = commune("Xã Hoạt Giang"), commune("Phường Bỉm Sơn")
    ShopFactory(name="Tạp hóa Yên Dương", district=ha_trung, commune=hoat_giang)
    ShopFactory(name="Tạp hóa Hà Bình", district=ha_trung, commune=hoat_giang)
    ShopFactory(name="Cửa hàng nháp", district=ha_trung, commune=hoat_giang, status=Status.DRAFT)
    ProducerFactory(name="HTX Hoạt Giang", district=ha_trung, commune=hoat_giang)
    response = client.get(ha_trung.get_absolute_url())
    assert response.status_code == 200
    assert h1_count(response) == 1
    page = response.content.decode()
    assert re.search(r"<h1>Huyện Hà Trung <span class=\"kicker\">\(khu vực huyện cũ\)</span></h1>", page)
    text = text_of(response)
    assert "Từ ngày 1/7/2025 không còn cấp huyện: huyện Hà Trung nay là địa bàn của các xã, phường" in text
    assert "6 xã, phường hiện nay" in text
    items = re.findall(
        r'<li><a href="(/xa-phuong/[^"]+)">([^<]+)</a> <span class="count">([^<]+)</span>', page
    )
    assert [(url, name) for url, name, _count in items] == [
        (bim_son.get_absolute_url(), "Phường Bỉm Sơn"),
        ("/xa-phuong/xa-ha-long/", "Xã Hà Long"),
        ("/xa-phuong/xa-ha-trung/", "Xã Hà Trung"),
        ("/xa-phuong/xa-hoat-giang/", "Xã Hoạt Giang"),
        ("/xa-phuong/xa-linh-toai/", "Xã Lĩnh Toại"),
        ("/xa-phuong/xa-tong-son/", "Xã Tống Sơn"),
    ]
    counts = {name: count for _url, name, count in items}
    assert counts["Xã Hoạt Giang"] == "2 cửa hàng · 1 cơ sở"
    assert counts["Xã Hà Long"] == "0 cửa hàng"
    # What each unit took from this district, divided communes marked.
    assert (
        "Xã Hoạt Giang 2 cửa hàng · 1 cơ sở Gồm: Thị trấn Hà Trung (một phần), Xã Hoạt Giang, "
        "Xã Yên Dương, Xã Hà Bình (một phần)" in text
    )
    assert "Phường Bỉm Sơn 0 cửa hàng Gồm: Xã Hà Vinh" in text


def test_district_page_filters_by_todays_commune_and_ignores_another_districts(client, ha_trung):
    ShopFactory(name="Tạp hóa Yên Dương", district=ha_trung, commune=commune("Xã Hoạt Giang"))
    ShopFactory(name="Tạp hóa Hà Vinh", district=ha_trung, commune=commune("Phường Bỉm Sơn"))
    ShopFactory(name="Tạp hóa chưa xếp xã", district=ha_trung, commune_name="Thị trấn Hà Trung")
    url = ha_trung.get_absolute_url()

    response = client.get(url, {"commune": "xa-hoat-giang"})
    assert card_names(response.context["shop_cards"]) == ["Tạp hóa Yên Dương"]
    assert "Một số lựa chọn lọc không hợp lệ" not in response.content.decode()
    # Bỉm Sơn's shops in the ward are not Hà Trung's.
    ShopFactory(
        name="Siêu thị Bỉm Sơn", district=districts_of(ha_trung)["bim-son"], commune=commune("Phường Bỉm Sơn")
    )
    response = client.get(url, {"commune": "phuong-bim-son"})
    assert card_names(response.context["shop_cards"]) == ["Tạp hóa Hà Vinh"]
    # A commune of another district is not a filter here: ignored, and said so.
    response = client.get(url, {"commune": "phuong-ham-rong"})
    assert response.status_code == 200
    assert len(response.context["shop_cards"]) == 3
    assert "Một số lựa chọn lọc không hợp lệ đã được bỏ qua." in response.content.decode()


def districts_of(district):
    from shops.models import District

    return {d.slug: d for d in District.objects.filter(province_code=district.province_code)}


def test_each_page_offers_its_own_communes_in_the_filter(client, districts):
    # Rendered filters are kept per content version: one district's must never show on another.
    ha_trung = client.get(districts["ha-trung"].get_absolute_url()).content.decode()
    assert select_options(ha_trung, "commune") == [
        "Mọi xã, phường",
        "Phường Bỉm Sơn",
        "Xã Hà Long",
        "Xã Hà Trung",
        "Xã Hoạt Giang",
        "Xã Lĩnh Toại",
        "Xã Tống Sơn",
    ]
    dong_son = client.get(districts["dong-son"].get_absolute_url()).content.decode()
    assert select_options(dong_son, "commune") == [
        "Mọi xã, phường",
        "Phường Đông Quang",
        "Phường Đông Sơn",
        "Phường Đông Tiến",
    ]
    # A commune's page filters its own shops: no commune to choose.
    page = client.get(commune("Xã Hà Trung").get_absolute_url()).content.decode()
    assert 'name="commune"' not in page and 'name="category"' in page


def test_dong_son_page_explains_the_2024_merger(client, districts):
    response = client.get(districts["dong-son"].get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    assert "Huyện Đông Sơn (khu vực huyện cũ)" in text
    assert (
        "Phường Đông Sơn 0 cửa hàng Gồm: Phường Rừng Thông, Xã Đông Hoàng, Xã Đông Ninh, Xã Đông Hòa" in text
    )


# --- A commune's page -------------------------------------------------------------------


def test_commune_page_lists_its_public_shops_and_producers_and_what_it_was_formed_from(client, districts):
    ha_trung, nga_son = districts["ha-trung"], districts["nga-son"]
    unit = commune("Xã Hoạt Giang")
    ShopFactory(name="Tạp hóa Yên Dương", district=ha_trung, commune=unit, address="Thôn 5")
    ShopFactory(name="Cửa hàng nháp", district=ha_trung, commune=unit, status=Status.DRAFT)
    ShopFactory(name="Tạp hóa Hà Long", district=ha_trung, commune=commune("Xã Hà Long"))
    ProducerFactory(name="HTX Rau Hoạt Giang", district=ha_trung, commune=unit)
    ProducerFactory(name="HTX ẩn", district=ha_trung, commune=unit, status=Status.HIDDEN)
    nga_son.is_active = False
    nga_son.save()
    ShopFactory(name="Cửa hàng ở huyện ẩn", district=nga_son, commune=unit)

    response = client.get(unit.get_absolute_url())
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert card_names(response.context["shop_cards"]) == ["Tạp hóa Yên Dương"]
    assert card_names(response.context["producer_cards"]) == ["HTX Rau Hoạt Giang"]
    page = response.content.decode()
    assert "<h1>Xã Hoạt Giang</h1>" in page
    text = text_of(response)
    assert "Đơn vị hành chính từ ngày 1/7/2025, được lập từ:" in text
    assert (
        "Thị trấn Hà Trung (một phần), Xã Hoạt Giang, Xã Yên Dương, Xã Hà Bình (một phần) — Huyện Hà Trung cũ"
        in text
    )
    breadcrumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group(0)
    assert 'href="/dia-ban/"' in breadcrumbs and 'href="/dia-ban/ha-trung/"' in breadcrumbs
    assert '<span aria-current="page">Xã Hoạt Giang</span>' in breadcrumbs
    assert 'href="/doi-dia-chi/"' in page
    for name in ("Cửa hàng nháp", "HTX ẩn", "Cửa hàng ở huyện ẩn", "Tạp hóa Hà Long"):
        assert name not in page


def test_a_unit_formed_from_two_former_districts_names_both(client, districts):
    response = client.get(commune("Phường Bỉm Sơn").get_absolute_url())
    text = text_of(response)
    assert "— Thị xã Bỉm Sơn cũ" in text and "Xã Hà Vinh — Huyện Hà Trung cũ" in text


def test_unknown_or_hidden_commune_is_404(client, districts):
    assert client.get("/xa-phuong/khong-co/").status_code == 404
    assert client.get("/xa-phuong/khong-co/in/").status_code == 404
    assert client.get("/xa-phuong/khong-co/qr.svg").status_code == 404
    unit = commune("Xã Hà Long")
    shop = ShopFactory(name="Tạp hóa Hà Bắc", district=districts["ha-trung"], commune=unit)
    assert client.get(unit.get_absolute_url()).status_code == 200
    unit.is_active = False
    unit.save()
    bump_content_version()  # as the commit of the edit does (the test's transaction never commits)
    for suffix in ("", "in/", "qr.svg"):
        assert client.get(unit.get_absolute_url() + suffix).status_code == 404
    # The shop stays public; its page names the commune without linking to a page that is gone.
    page = client.get(shop.get_absolute_url()).content.decode()
    assert "Xã Hà Long" in page and f'href="{unit.get_absolute_url()}"' not in page


def test_commune_print_page_fits_its_lists_and_its_qr_code_opens_the_commune(client, districts):
    ha_trung = districts["ha-trung"]
    unit = commune("Xã Hoạt Giang")
    ShopFactory(
        name="Tạp hóa In Được", district=ha_trung, commune=unit, phone="030 123 4567", home_delivery=True
    )
    ShopFactory(name="Cửa hàng nháp", district=ha_trung, commune=unit, status=Status.DRAFT)
    ProducerFactory(name="HTX Rau Hoạt Giang", district=ha_trung, commune=unit, address="Thôn 2")
    response = client.get(reverse("shops:commune_print", kwargs={"slug": unit.slug}))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "Cửa hàng bán online, giao tận nhà – Xã Hoạt Giang" in page
    assert "Tạp hóa In Được" in page and "0301 234 567" in page and "Giao tận nhà" in page
    assert "HTX Rau Hoạt Giang" in page and "Cơ sở sản xuất nông sản" in page
    assert "Cửa hàng nháp" not in page
    assert "css/print.css" in page and "css/site.css" not in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert decode_qr(svg) == "http://testserver/xa-phuong/xa-hoat-giang/"
    qr = client.get(reverse("shops:commune_qr", kwargs={"slug": unit.slug}))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert decode_qr(qr.content.decode()) == "http://testserver/xa-phuong/xa-hoat-giang/"


def test_commune_print_keeps_the_pages_filters(client, districts):
    medicine = Category.objects.get(slug="thuoc-vat-tu-y-te")
    unit = commune("Xã Hoạt Giang")
    ShopFactory(
        name="Nhà thuốc Lọc Được", district=districts["ha-trung"], commune=unit, categories=[medicine]
    )
    ShopFactory(name="Tạp hóa Bị Lọc", district=districts["ha-trung"], commune=unit)
    page = client.get(unit.get_absolute_url(), {"category": "thuoc-vat-tu-y-te"}).content.decode()
    assert 'href="/xa-phuong/xa-hoat-giang/in/?category=thuoc-vat-tu-y-te"' in page
    printed = client.get("/xa-phuong/xa-hoat-giang/in/?category=thuoc-vat-tu-y-te").content.decode()
    assert "Nhà thuốc Lọc Được" in printed and "Tạp hóa Bị Lọc" not in printed


def test_a_district_list_printed_for_one_commune_says_which(client, districts):
    ha_trung = districts["ha-trung"]
    ShopFactory(name="Tạp hóa Yên Dương", district=ha_trung, commune=commune("Xã Hoạt Giang"))
    ShopFactory(name="Tạp hóa Hà Bắc", district=ha_trung, commune=commune("Xã Hà Long"))
    page = client.get("/dia-ban/ha-trung/", {"commune": "xa-hoat-giang"}).content.decode()
    assert 'href="/dia-ban/ha-trung/in/?commune=xa-hoat-giang"' in page
    printed = client.get("/dia-ban/ha-trung/in/?commune=xa-hoat-giang").content.decode()
    assert "<h1>Cửa hàng bán online, giao tận nhà – Xã Hoạt Giang (khu vực huyện Hà Trung cũ)</h1>" in printed
    assert "Tạp hóa Yên Dương" in printed and "Tạp hóa Hà Bắc" not in printed
    printed = client.get("/dia-ban/ha-trung/in/").content.decode()
    assert "<h1>Cửa hàng bán online, giao tận nhà – Huyện Hà Trung</h1>" in printed


# --- The place on a shop's page, and the districts index ---------------------------------------


def test_shop_page_gives_todays_commune_the_old_name_as_written_and_the_former_district(client, ha_trung):
    shop = ShopFactory(
        name="Tạp hóa Bình An",
        district=ha_trung,
        commune=commune("Phường Bỉm Sơn"),
        commune_name="xã Hà Vinh",
        address="Thôn 3",
    )
    response = client.get(shop.get_absolute_url())
    assert response.status_code == 200 and h1_count(response) == 1
    page = response.content.decode()
    assert 'Thôn 3, <a href="/xa-phuong/phuong-bim-son/">Phường Bỉm Sơn</a>' in page
    assert "(trước 1/7/2025: xã Hà Vinh)" in page
    assert "Thuộc khu vực huyện Hà Trung cũ" in page
    # Written with today's name, there is no old name to give.
    shop.commune, shop.commune_name = commune("Xã Hà Trung"), "Xã Hà Trung"
    shop.save()
    page = client.get(shop.get_absolute_url()).content.decode()
    assert "trước 1/7/2025" not in page
    # Not placed yet: the commune as written.
    shop.commune, shop.commune_name = None, "Thị trấn Hà Trung"
    shop.save()
    page = client.get(shop.get_absolute_url()).content.decode()
    assert "Thôn 3, Thị trấn Hà Trung<br>" in page


def test_districts_index_explains_the_reform_and_lists_each_districts_communes(client, districts):
    response = client.get(reverse("shops:districts"))
    assert response.status_code == 200 and h1_count(response) == 1
    page = response.content.decode()
    text = text_of(response)
    assert "Địa bàn đã thay đổi từ ngày 1/7/2025" in text
    assert 'href="/doi-dia-chi/"' in page
    assert page.count('class="district-link"') == 27
    # In the alphabet people read: Đông among the D's, before Hạc Thành.
    assert (
        "Thành phố Thanh Hóa 0 cửa hàng · 0 cơ sở sản xuất Nay gồm: Phường Đông Quang, Phường Đông Sơn, "
        "Phường Đông Tiến, Phường Hạc Thành, Phường Hàm Rồng, Phường Nguyệt Viên, Phường Quảng Phú" in text
    )
    assert "Huyện Hà Trung 0 cửa hàng · 0 cơ sở sản xuất Nay gồm: Phường Bỉm Sơn, Xã Hà Long," in text
    assert 'href="/xa-phuong/xa-hoat-giang/"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/en/dia-ban/",
        "/en/dia-ban/ha-trung/",
        "/en/dia-ban/dong-son/",
        "/en/dia-ban/ha-trung/?commune=xa-hoat-giang",
        "/en/xa-phuong/xa-hoat-giang/",
        "/en/xa-phuong/xa-hoat-giang/in/",
        "/en/doi-dia-chi/",
        "/en/doi-dia-chi/?xa=Thị+trấn+Hà+Trung",
    ],
)
def test_english_pages(client, districts, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
    assert '<html lang="en"' in response.content.decode()


def test_sitemap_has_the_communes(client, districts):
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-communes.xml" in index
    response = client.get("/sitemap-communes.xml")
    assert response.status_code == 200
    urls = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert len(urls) == 166
    assert "http://testserver/xa-phuong/xa-hoat-giang/" in urls


# --- Query budgets ------------------------------------------------------------------------


def test_queries_of_a_commune_page_do_not_grow_with_what_it_was_formed_from(client, districts):
    # Phường Hạc Thành took twelve wards, some of them divided; Xã Mường Chanh only itself.
    assert commune("Phường Hạc Thành").successions.count() >= 10
    assert commune("Xã Mường Chanh").successions.count() == 1
    assert count_queries(client, "/xa-phuong/phuong-hac-thanh/") == count_queries(
        client, "/xa-phuong/xa-muong-chanh/"
    )


def grow(district, unit, n):
    categories = list(Category.objects.all()[:3])
    for i in range(n):
        ShopFactory(name=f"Cửa hàng tăng thêm {i}", district=district, commune=unit, categories=categories)
        producer = ProducerFactory(name=f"HTX tăng thêm {i}", district=district, commune=unit)
        ListingFactory(producer=producer)
        ProductFactory(name=f"Sản phẩm tăng thêm {i}", producer=producer, ocop_stars=3)


@pytest.mark.parametrize(
    "url",
    [
        "/xa-phuong/xa-hoat-giang/",
        "/xa-phuong/xa-hoat-giang/?category=gao-luong-thuc",
        "/dia-ban/ha-trung/",
        "/dia-ban/ha-trung/?commune=xa-hoat-giang",
        "/dia-ban/",
    ],
)
def test_queries_of_the_place_pages_do_not_grow_with_rows(client, districts, url):
    unit = commune("Xã Hoạt Giang")
    grow(districts["ha-trung"], unit, 2)
    few = count_queries(client, url)
    grow(districts["ha-trung"], unit, 25)
    grow(districts["ha-trung"], commune("Xã Hà Long"), 5)
    assert count_queries(client, url) == few
