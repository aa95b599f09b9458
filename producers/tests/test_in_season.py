"""The products in season: a month's public products, by commune of today."""

import pytest
from django.urls import reverse

from camnang.tests.utils import h1_count
from core.cache import query_parameters
from core.models import Status
from producers.models import Product
from producers.tests.factories import ProducerFactory, ProductFactory
from shops.models import Commune

pytestmark = pytest.mark.django_db

URL = reverse("producers:in_season")


@pytest.fixture
def season(districts, today):
    """Products of Hà Trung and Nga Sơn in and out of season in November (today's month)."""
    ha_trung, nga_son = districts["ha-trung"], districts["nga-son"]
    first, second = Commune.objects.public().in_district(ha_trung).order_by("name")[:2]
    in_first = ProducerFactory(name="HTX Lúa Một", district=ha_trung, commune=first)
    in_second = ProducerFactory(name="HTX Cam Hai", district=ha_trung, commune=second)
    unplaced = ProducerFactory(name="Hộ Cói Nga", district=nga_son, commune=None, commune_name="Xã Nga Tân")
    ProductFactory(name="Gạo tám thơm", producer=in_first, harvest_months=[10, 11])
    ProductFactory(name="Cam Vân Du", producer=in_second, harvest_months=[11, 12, 1])
    ProductFactory(name="Chiếu cói", producer=unplaced, harvest_months=[11])
    ProductFactory(name="Dưa hấu tháng Năm", producer=in_first, harvest_months=[5])
    ProductFactory(name="Rau tháng Một", producer=in_first, harvest_months=[1])  # "1" is not "11"
    ProductFactory(name="Bưởi tháng Mười hai", producer=in_first, harvest_months=[12])
    ProductFactory(name="Nháp tháng Mười một", producer=in_first, harvest_months=[11], status=Status.DRAFT)
    hidden = ProducerFactory(name="HTX Ẩn", district=ha_trung, commune=first, status=Status.HIDDEN)
    ProductFactory(name="Của cơ sở ẩn", producer=hidden, harvest_months=[11])
    return {"first": first, "second": second, "ha_trung": ha_trung, "nga_son": nga_son}


def shown(response) -> list[str]:
    return [product.name for group in response.context["groups"] for product in group.products]


def test_the_page_shows_this_months_public_products_by_commune(client, season):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and h1_count(response) == 1
    assert "Nông sản đang vào mùa (tháng 11)" in html
    assert sorted(shown(response)) == ["Cam Vân Du", "Chiếu cói", "Gạo tám thơm"]
    for name in ("Dưa hấu", "Rau tháng Một", "Bưởi", "Nháp", "Của cơ sở ẩn"):
        assert name not in html
    groups = response.context["groups"]
    # Communes of today by name; producers not placed in one last, under their former district.
    assert [group.commune for group in groups] == [season["first"], season["second"], None]
    assert [p.name for p in groups[0].products] == ["Gạo tám thơm"]
    assert groups[0].districts == [season["ha_trung"]]
    assert groups[2].districts == [season["nga_son"]]
    assert f">{season['first'].name}</a></h2>" in html
    assert "Huyện Nga Sơn (chưa xác định xã, phường hiện nay)" in html and "Xã Nga Tân" in html
    assert "Khu vực huyện cũ: Huyện Hà Trung" in html


def test_uses_the_one_rule_of_what_is_public(client, season):
    """Whatever Product.objects.public() hides, the page hides too."""
    season["ha_trung"].is_active = False
    season["ha_trung"].save()
    assert set(Product.objects.public().values_list("name", flat=True)) == {"Chiếu cói"}
    assert shown(client.get(URL)) == ["Chiếu cói"]


@pytest.mark.parametrize(
    ("month", "names"),
    [
        ("1", ["Cam Vân Du", "Rau tháng Một"]),
        ("5", ["Dưa hấu tháng Năm"]),
        ("12", ["Bưởi tháng Mười hai", "Cam Vân Du"]),
        ("2", []),
    ],
)
def test_another_month_is_chosen_with_thang(client, season, month, names):
    response = client.get(URL, {"thang": month})
    html = response.content.decode()
    assert sorted(shown(response)) == names
    assert f"Nông sản vào mùa tháng {month}" in html
    assert f'<option value="{month}" selected>' in html
    assert "Tháng này" in html  # a way back to today's month
    if not names:
        assert "Chưa có sản phẩm nào được ghi là thu hoạch trong tháng này." in html


@pytest.mark.parametrize("value", ["13", "0", "abc", "-1", "5.5", "<b>x</b>", "1" * 200])
def test_a_month_that_is_not_one_falls_back_to_this_month_and_says_so(client, season, value):
    response = client.get(URL, {"thang": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(shown(response)) == ["Cam Vân Du", "Chiếu cói", "Gạo tám thơm"]
    assert "không phải là một tháng (ghi từ 1 đến 12): đang hiện nông sản vào mùa tháng 11." in html
    assert '<option value="11" selected>' in html
    assert "<b>x</b>" not in html


def test_the_district_narrows_the_list_and_a_bad_one_is_ignored(client, season):
    assert sorted(shown(client.get(URL, {"district": "nga-son"}))) == ["Chiếu cói"]
    response = client.get(URL, {"district": "khong-co", "thang": "11"})
    assert len(shown(response)) == 3
    assert "Một số lựa chọn lọc không hợp lệ đã được bỏ qua." in response.content.decode()


def test_previous_and_next_month_links_keep_the_district(client, season):
    html = client.get(URL, {"thang": "1", "district": "ha-trung"}).content.decode()
    assert f'href="{URL}?district=ha-trung&amp;thang=12" rel="prev"' in html
    assert f'href="{URL}?district=ha-trung&amp;thang=2" rel="next"' in html


def test_the_page_cache_keeps_the_month_in_its_key():
    assert query_parameters.canonical("thang=5&utm_source=x") == "thang=5"
    assert query_parameters.canonical("district=ha-trung&thang=12") == "district=ha-trung&thang=12"


def test_product_list_links_to_the_page(client, season):
    assert f'href="{URL}"' in client.get(reverse("producers:products")).content.decode()


def test_a_product_page_says_when_the_product_is_in_season(client, season):
    html = client.get(Product.objects.get(name="Gạo tám thơm").get_absolute_url()).content.decode()
    assert f'<a class="badge" href="{URL}">Đang vào mùa</a>' in html
    html = client.get(Product.objects.get(name="Dưa hấu tháng Năm").get_absolute_url()).content.decode()
    assert "Đang vào mùa" not in html
    assert f'href="{URL}">Xem nông sản đang vào mùa</a>' in html


def test_the_month_lookup_refuses_what_is_not_a_month():
    with pytest.raises(ValueError):
        Product.objects.harvested_in(13)
