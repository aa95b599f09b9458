import pytest
from django.urls import reverse

from camnang.tests.utils import card_names, count_queries, h1_count
from core.models import Status
from producers.tests.factories import ProducerFactory, ProductFactory
from shops.models import Category
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db
URL = reverse("search")


@pytest.fixture
def directory(districts):
    ha_trung, dong_son = districts["ha-trung"], districts["dong-son"]
    food = Category.objects.get(slug="luong-thuc")
    ShopFactory(name="Tạp hóa Minh Hằng", district=ha_trung, commune_name="Xã Hà Lĩnh")
    ShopFactory(name="Nhà thuốc Đức Thịnh", district=dong_son, commune_name="Thị trấn Rừng Thông")
    ShopFactory(name="Cửa hàng gạo Đông Sơn", district=ha_trung, commune_name="Xã Hà Bắc", categories=[food])
    ShopFactory(name="Tạp hóa Đông Sơn nháp", district=dong_son, status=Status.DRAFT)
    producer = ProducerFactory(name="HTX Nông sản Đông Anh", district=dong_son)
    ProductFactory(name="Gạo nếp cái hoa vàng", producer=producer)
    return districts


def names(response, key):
    """The names on a group's result cards, as shown."""
    group = next(g for g in response.context["groups"] if g.key == key)
    return sorted(card_names(group.preview))


@pytest.mark.parametrize("query", ["dong son", "ĐÔNG SƠN", "Đông Sơn", "đông sơn", "  Dong   SON "])
def test_accent_and_case_insensitive(client, directory, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    # "Đông Sơn" names a former district: the results are narrowed to it.
    assert [place.label for place in response.context["read"].places] == ["Huyện Đông Sơn (huyện cũ)"]
    assert names(response, "shops") == ["Nhà thuốc Đức Thịnh"]
    assert names(response, "producers") == ["HTX Nông sản Đông Anh"]
    assert names(response, "products") == ["Gạo nếp cái hoa vàng"]
    # The filter can be removed: the words are then looked for in names and addresses too.
    response = client.get(URL, {"q": query, "words": "1"})
    assert not response.context["read"].places
    assert names(response, "shops") == ["Cửa hàng gạo Đông Sơn", "Nhà thuốc Đức Thịnh"]


def test_search_by_district_commune_category_and_product(client, directory):
    assert names(client.get(URL, {"q": "ha trung"}), "shops") == [
        "Cửa hàng gạo Đông Sơn",
        "Tạp hóa Minh Hằng",
    ]
    assert names(client.get(URL, {"q": "ha linh"}), "shops") == ["Tạp hóa Minh Hằng"]
    assert names(client.get(URL, {"q": "luong thuc"}), "shops") == ["Cửa hàng gạo Đông Sơn"]
    assert names(client.get(URL, {"q": "nep cai"}), "producers") == ["HTX Nông sản Đông Anh"]
    assert names(client.get(URL, {"q": "nha thuoc dong son"}), "shops") == ["Nhà thuốc Đức Thịnh"]


def test_drafts_are_never_found(client, directory):
    assert "nháp" not in client.get(URL, {"q": "nhap"}).content.decode()


def test_district_filter_and_type_tab_with_pagination(client, directory):
    response = client.get(URL, {"q": "gao", "district": "ha-trung"})
    assert names(response, "shops") == ["Cửa hàng gạo Đông Sơn"]
    assert names(response, "products") == []

    for i in range(25):
        ShopFactory(name=f"Tạp hóa số {i}", district=directory["ha-trung"])
    tab = client.get(URL, {"q": "tap hoa", "type": "shops"})
    assert len(tab.context["page_obj"]) == 20
    assert 'href="?q=tap+hoa&amp;type=shops&amp;page=2"' in tab.content.decode()
    page2 = client.get(URL, {"q": "tap hoa", "type": "shops", "page": "2"})
    assert len(page2.context["page_obj"]) == 6


def test_name_matches_rank_first(client, directory):
    ShopFactory(name="Gạo sạch Hà Trung", district=directory["ha-trung"])
    response = client.get(URL, {"q": "gao", "type": "shops"})
    assert response.context["page_obj"][0].name == "Gạo sạch Hà Trung"


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert('x')</script>",
        "'; DROP TABLE shops_shop; --",
        "%' OR '1'='1",
        "\x00\x01\x7f",
        "\ufffd\u202e",
        "a" * 5000,
        "_%_%",
    ],
)
def test_hostile_queries_answer_and_are_escaped(client, directory, query):
    response = client.get(URL, {"q": query, "page": "x", "type": "nope", "district": "<b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert h1_count(response) == 1


def test_long_query_is_cut_and_said_so(client, directory):
    response = client.get(URL, {"q": "gao " * 100})
    assert "Từ khóa quá dài" in response.content.decode()


def test_punctuation_only_query_is_explained(client, directory):
    response = client.get(URL, {"q": "!!!"})
    assert "không có chữ hoặc số" in response.content.decode()


def test_empty_search_shows_the_form(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_queries_do_not_grow_with_results(client, directory):
    few = count_queries(client, URL + "?q=dong+son")
    for i in range(30):
        ShopFactory(
            name=f"Đông Sơn {i}", district=directory["dong-son"], categories=[Category.objects.first()]
        )
        ProductFactory(name=f"Sản phẩm Đông Sơn {i}")
    assert count_queries(client, URL + "?q=dong+son") == few
