"""The rules of search, each on what a citizen sees: whole words, the last word as a prefix,
ranking, words that mean nothing, goods, places, phone numbers, typos and bad input.
The same tests run on SQLite and on PostgreSQL."""

import pytest
from django.urls import reverse

from camnang.tests.utils import card_names
from core.models import Status
from producers.tests.factories import ProducerFactory, ProductFactory
from shops.models import Category, Commune, GoodsWord, Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db
URL = reverse("search")


@pytest.fixture
def directory(districts):
    hac_thanh = Commune.objects.get(slug="phuong-hac-thanh")
    ha_trung_commune = Commune.objects.get(slug="xa-ha-trung")
    medical = Category.objects.get(slug="thuoc-vat-tu-y-te")
    food = Category.objects.get(slug="luong-thuc")
    city, ha_trung, nga_son = districts["thanh-hoa"], districts["ha-trung"], districts["nga-son"]

    def shop(name, district, commune=None, **fields):
        return ShopFactory(name=name, district=district, commune=commune, commune_name="", **fields)

    shop("Nhà thuốc Minh Châu", city, hac_thanh, kind=Shop.Kind.PHARMACY, phone="+84912345678")
    shop("Quầy thuốc Minh Châu", ha_trung, ha_trung_commune, kind=Shop.Kind.HOUSEHOLD, categories=[medical])
    shop("Tạp hóa Thạch Thành", nga_son, kind=Shop.Kind.HOUSEHOLD, phone="+84987000111")
    shop("Cửa hàng Bình An", ha_trung, ha_trung_commune, categories=[food], extra_phones=["+842373852000"])
    shop("Tạp hóa Số 5", nga_son, address="Thôn Bình An")
    shop("Siêu thị mini Hạc Thành", nga_son, kind=Shop.Kind.SUPERMARKET)  # named after a place elsewhere
    shop("Đại lý gas Phú Sơn", nga_son, categories=[Category.objects.get(slug="gas-chat-dot")])
    shop("Thịt gà ta Bình Minh", nga_son, categories=[Category.objects.get(slug="thit-trung-sua")])
    shop("Nhà thuốc Nháp", city, hac_thanh, kind=Shop.Kind.PHARMACY, status=Status.DRAFT)
    producer = ProducerFactory(name="HTX Nông sản Hạc Thành", district=city, commune=hac_thanh)
    ProductFactory(name="Gạo nếp cái hoa vàng", producer=producer, ocop_stars=4)
    return districts


def get(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response


def shops(response) -> list[str]:
    group = next(g for g in response.context["groups"] if g.key == "shops")
    return card_names(group.preview)


def group_names(response, key) -> list[str]:
    group = next(g for g in response.context["groups"] if g.key == key)
    return card_names(group.preview)


# --- Words ----------------------------------------------------------------------------------


def test_whole_words_never_a_fragment_inside_another_word(client, directory):
    # "thach" is a word of "Tạp hóa Thạch Thành"; "hac" is inside it and must not match.
    assert "Tạp hóa Thạch Thành" not in shops(get(client, "hac minh"))
    assert shops(get(client, "thach thanh", words="1")) == ["Tạp hóa Thạch Thành"]
    assert shops(get(client, "inh")) == []  # not inside "Minh Châu"


def test_the_last_word_is_a_prefix_while_typing(client, directory):
    assert shops(get(client, "nha thu")) == ["Nhà thuốc Minh Châu"]
    assert shops(get(client, "nha thuoc minh ch")) == ["Nhà thuốc Minh Châu"]
    # Only the last word: "nh" before another word is not "nhà", so no shop has every word.
    assert get(client, "nh thuoc").context["partial"] is True


def test_ranking_exact_phrase_then_name_then_the_rest(client, directory):
    # Both shops have "minh châu" in the name; the exact phrase "nhà thuốc minh châu" begins one.
    assert shops(get(client, "nha thuoc minh chau"))[0] == "Nhà thuốc Minh Châu"
    # The words in the name rank above the words in the address.
    assert shops(get(client, "binh an")) == ["Cửa hàng Bình An", "Tạp hóa Số 5"]


def test_most_words_when_none_has_all_and_the_page_says_so(client, directory):
    response = get(client, "nha thuoc trung tam xyzabc")
    assert response.context["partial"] is True
    assert shops(response)[0] == "Nhà thuốc Minh Châu"
    assert "Không có kết quả nào có đủ mọi từ bạn gõ" in response.content.decode()
    # When something has every word, only those are shown, with no such notice.
    response = get(client, "nha thuoc minh chau")
    assert response.context["partial"] is False
    assert "Không có kết quả nào có đủ mọi từ" not in response.content.decode()


def test_words_that_mean_nothing_are_ignored_unless_they_are_all_there_is(client, directory):
    response = get(client, "cần mua thuốc minh châu")
    assert response.context["read"].ignored == ["cần", "mua"]
    assert "Bỏ qua các từ không cần để tìm: cần, mua." in response.content.decode()
    assert "Nhà thuốc Minh Châu" in shops(response)
    # Typed with other accents they are words: "bản" (a village) is not "bán".
    assert get(client, "bản minh châu").context["read"].ignored == []
    # Nothing but such words: they are searched, not dropped into an empty page.
    response = get(client, "mua bán")
    assert response.context["read"].ignored == []
    assert not response.context.get("no_terms")


def test_drafts_stay_hidden_whatever_the_query(client, directory):
    assert "Nháp" not in get(client, "nha thuoc").content.decode()
    assert "Nháp" not in get(client, "phuong hac thanh").content.decode()


# --- Goods ------------------------------------------------------------------------------------


def test_a_thing_finds_the_shops_that_sell_it(client, directory):
    # "thuốc hạ sốt": pharmacies (their kind) and shops of the medical category.
    response = get(client, "thuốc hạ sốt")
    assert sorted(shops(response)) == ["Nhà thuốc Minh Châu", "Quầy thuốc Minh Châu"]
    assert "“thuốc hạ sốt”: tìm cả Nhà thuốc; Thuốc, vật tư y tế." in response.content.decode()
    assert sorted(shops(get(client, "khau trang"))) == ["Nhà thuốc Minh Châu", "Quầy thuốc Minh Châu"]
    assert shops(get(client, "mua gạo")) == ["Cửa hàng Bình An"]  # category "Gạo, lương thực"


def test_accents_decide_between_things_spelt_alike(client, directory):
    # "gà" (chicken) is not "ga" (gas) when typed with accents; without, it may be either.
    assert shops(get(client, "gà")) == ["Thịt gà ta Bình Minh"]
    assert sorted(shops(get(client, "ga"))) == ["Thịt gà ta Bình Minh", "Đại lý gas Phú Sơn"]


@pytest.mark.django_db(transaction=True)  # the admin's save commits, as on a real server
def test_editors_keep_the_goods_words_in_the_admin_and_search_follows(admin_client, directory, client):
    assert shops(get(client, "banh chung")) == []  # the index of goods words is now held
    response = admin_client.post(
        reverse("admin:shops_goodsword_add"), {"words": "Bánh chưng", "finds": "Gạo, lương thực"}
    )
    assert response.status_code == 302
    assert shops(get(client, "banh chung")) == ["Cửa hàng Bình An"]  # no stale page, no stale index
    # Bad input is refused with a message, and nothing is saved.
    for data, message in [
        ({"words": "bánh chưng", "finds": "Gạo"}, "Cụm từ này đã có trong danh sách."),
        ({"words": "...", "finds": "Gạo"}, "Hãy ghi một cụm từ có chữ."),
        ({"words": "xôi", "finds": " ; "}, "Hãy ghi ít nhất một tên nhóm hàng hoặc loại cửa hàng."),
    ]:
        response = admin_client.post(reverse("admin:shops_goodsword_add"), data)
        assert response.status_code == 200 and message in response.content.decode()
    assert GoodsWord.objects.filter(words__in=["...", "xôi"]).count() == 0


# --- Places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["Hạc Thành", "hac thanh", "phường Hạc Thành", "P. Hạc Thành", "PHUONG HAC THANH"]
)
def test_a_commune_of_today_narrows_the_results_to_it(client, directory, query):
    response = get(client, query)
    assert [place.label for place in response.context["read"].places] == ["Phường Hạc Thành"]
    assert shops(response) == ["Nhà thuốc Minh Châu"]  # not the supermarket named after it
    assert group_names(response, "producers") == ["HTX Nông sản Hạc Thành"]
    page = response.content.decode()
    assert "Đang lọc theo nơi:" in page and 'href="/xa-phuong/phuong-hac-thanh/"' in page
    # The filter can be removed: the words are then matched against names.
    assert "words=1" in page
    assert "Siêu thị mini Hạc Thành" in shops(get(client, "hac thanh", words="1"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("huyện Hà Trung", ["Cửa hàng Bình An", "Quầy thuốc Minh Châu"]),
        ("quầy thuốc hà trung", ["Quầy thuốc Minh Châu"]),
        ("nha thuoc TP Thanh Hoa", ["Nhà thuốc Minh Châu"]),
        ("gas nga son", ["Đại lý gas Phú Sơn"]),
    ],
)
def test_a_former_district_narrows_too(client, directory, query, expected):
    assert sorted(shops(get(client, query))) == expected


def test_the_provinces_own_name_narrows_nothing(client, directory):
    response = get(client, "nhà thuốc thanh hóa")
    assert response.context["read"].places == []
    assert shops(response) == ["Nhà thuốc Minh Châu"]


# --- Phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["0912345678", "0912.345.678", "0912 345 678", "+84 912 345 678", "84912345678", "912345678"]
)
def test_a_phone_number_in_any_spelling_finds_the_shop(client, directory, query):
    assert shops(get(client, query)) == ["Nhà thuốc Minh Châu"]


def test_another_number_of_the_shop_finds_it_too(client, directory):
    assert shops(get(client, "(0237) 3852 000")) == ["Cửa hàng Bình An"]
    assert shops(get(client, "3852 000")) == []  # not a whole number


# --- Typos ------------------------------------------------------------------------------------


def test_did_you_mean_offers_the_portals_own_words(client, directory):
    response = get(client, "nha thuocc minh chau")
    assert response.context["suggestion"] == "nha thuốc minh chau"
    assert 'Có phải bạn muốn tìm: <a href="/tim-kiem/?q=nha%20thu%E1%BB%91c%20minh%20chau">' in (
        response.content.decode()
    )
    assert not get(client, "nha thuoc minh chau").context.get("suggestion")  # found: nothing to offer


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nhà thuốc " * 40, "chỉ 100 ký tự đầu"),
        ("!!! ??? ...", "Từ khóa chỉ có ký hiệu"),
        ("123", "Không tìm thấy kết quả nào"),
        ("thu\x00oc", "Một số lựa chọn không hợp lệ đã được bỏ qua."),
    ],
)
def test_bad_input_is_answered_clearly(client, directory, query, expected):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()
