import pytest
from django.urls import reverse

from camnang.tests.utils import card_names, count_queries, h1_count
from core.models import Status
from shops.models import Category, Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def test_district_page_lists_only_published_shops_with_one_tap_links(client, ha_trung):
    ShopFactory(name="Tạp hóa Minh Hằng", district=ha_trung, phone="030 111 2222", zalo="0301112222")
    ShopFactory(name="Cửa hàng nháp", district=ha_trung, status=Status.DRAFT)
    ShopFactory(name="Cửa hàng đã ẩn", district=ha_trung, status=Status.HIDDEN)

    response = client.get(ha_trung.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(response) == 1
    assert "Huyện Hà Trung" in html
    assert "Tạp hóa Minh Hằng" in html
    assert 'href="tel:+84301112222"' in html and ">Gọi 0301 112 222</a>" in html
    assert 'href="https://zalo.me/0301112222"' in html
    assert "Cửa hàng nháp" not in html
    assert "Cửa hàng đã ẩn" not in html


def test_district_filters_by_category_kind_and_delivery(client, ha_trung):
    medicine = Category.objects.get(slug="thuoc-vat-tu-y-te")
    ShopFactory(name="Nhà thuốc Phúc An", kind=Shop.Kind.PHARMACY, district=ha_trung, categories=[medicine])
    ShopFactory(name="Tạp hóa Giao Nhanh", district=ha_trung, home_delivery=True)
    ShopFactory(name="Chợ Đò Lèn", kind=Shop.Kind.MARKET, district=ha_trung, pickup=True)
    url = ha_trung.get_absolute_url()

    def names(query):
        return card_names(client.get(url, query).context["shop_cards"])

    assert names({"category": "thuoc-vat-tu-y-te"}) == ["Nhà thuốc Phúc An"]
    assert names({"kind": "market"}) == ["Chợ Đò Lèn"]
    assert names({"delivery": "home"}) == ["Tạp hóa Giao Nhanh"]
    assert names({"delivery": "pickup"}) == ["Chợ Đò Lèn"]
    assert len(names({})) == 3


def test_pagination_keeps_the_filters(client, ha_trung):
    for i in range(55):
        ShopFactory(name=f"Tạp hóa {i:02d}", district=ha_trung, home_delivery=True)
    response = client.get(ha_trung.get_absolute_url(), {"delivery": "home"})
    html = response.content.decode()
    assert len(response.context["page_obj"]) == 50
    assert 'href="?delivery=home&amp;page=2"' in html
    page2 = client.get(ha_trung.get_absolute_url(), {"delivery": "home", "page": 2})
    assert len(page2.context["page_obj"]) == 5


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9" * 200},
        {"category": "khong-co"},
        {"kind": "<script>alert(1)</script>"},
        {"delivery": "' OR 1=1 --"},
        {"kind": "\x00\xff"},
    ],
)
def test_malformed_filters_and_pages_never_fail(client, ha_trung, query):
    ShopFactory(district=ha_trung)
    response = client.get(ha_trung.get_absolute_url(), query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_invalid_filter_is_reported(client, ha_trung):
    response = client.get(ha_trung.get_absolute_url(), {"kind": "spaceship"})
    assert "Một số lựa chọn lọc không hợp lệ đã được bỏ qua." in response.content.decode()


def test_unknown_and_hidden_districts_are_404(client, districts):
    assert client.get("/dia-ban/khong-ton-tai/").status_code == 404
    muong_lat = districts["muong-lat"]
    muong_lat.is_active = False
    muong_lat.save()
    assert client.get(muong_lat.get_absolute_url()).status_code == 404


def test_shop_page(client, ha_trung):
    food = Category.objects.get(slug="luong-thuc")
    shop = ShopFactory(
        name="Siêu thị mini Hồng Phát",
        district=ha_trung,
        address="Số 12 đường Lê Lợi",
        opening_hours="6:30 – 21:00",
        home_delivery=True,
        order_by_zalo=True,
        categories=[food],
    )
    response = client.get(shop.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    for text in [
        "Siêu thị mini Hồng Phát",
        "Số 12 đường Lê Lợi",
        "6:30 – 21:00",
        "Giao tận nhà",
        "Gạo, lương thực",
    ]:
        assert text in html
    assert 'href="tel:+84301234567"' in html and ">Gọi 0301 234 567</a>" in html
    assert 'href="https://zalo.me/0301234567"' in html


def test_unpublished_shop_is_404(client, ha_trung):
    shop = ShopFactory(district=ha_trung, status=Status.DRAFT)
    assert client.get(shop.get_absolute_url()).status_code == 404
    assert client.get("/cua-hang/khong-co-cua-hang-nay/").status_code == 404


def test_district_index_counts_published_shops(client, ha_trung):
    ShopFactory.create_batch(3, district=ha_trung)
    ShopFactory(district=ha_trung, status=Status.DRAFT)
    response = client.get(reverse("shops:districts"))
    ha = next(d for d in response.context["districts"] if d.slug == "ha-trung")
    assert ha.shop_count == 3
    assert len(response.context["districts"]) == 27


def test_district_page_queries_do_not_grow_with_shops(client, ha_trung):
    from producers.tests.factories import ProducerFactory

    categories = list(Category.objects.all()[:3])
    ShopFactory.create_batch(5, district=ha_trung, categories=categories)
    ProducerFactory.create_batch(2, district=ha_trung)
    url = ha_trung.get_absolute_url()
    few = count_queries(client, url)
    ShopFactory.create_batch(60, district=ha_trung, categories=categories)
    ProducerFactory.create_batch(10, district=ha_trung)
    assert count_queries(client, url) == few
    assert count_queries(client, url + "?page=2&category=luong-thuc") <= few
