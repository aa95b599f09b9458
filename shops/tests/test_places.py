"""Finding today's unit for an address as people write it: `locate()` and the old-to-new
address lookup, as a page (/doi-dia-chi/) and as JSON for partner sites (/doi-dia-chi.json)."""

import html
import re

import pytest
from django.urls import reverse

from camnang.tests.utils import h1_count, wsgi_get
from core.text import fold
from shops.models import Commune
from shops.services import locate, match_district

pytestmark = pytest.mark.django_db

PAGE = reverse("shops:address_lookup")
JSON = reverse("shops:address_lookup_json")


def where(text, district=None, **kwargs):
    """What locate() answers, as names: (found unit, candidates, default)."""
    location = locate(text, match_district(district) if district else None, **kwargs)
    return (
        location.commune.name if location.commune else None,
        [unit.name for unit in location.candidates],
        location.default.name if location.default else None,
    )


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Xã Hà Vinh", None),
        ("ha vinh", None),
        ("HÀ VINH", None),
        ("  Hà   Vinh ", None),
        ("x. Hà Vinh", None),
        ("X.Hà Vinh", None),
        ("xa ha vinh", "huyen ha trung"),
        ("Hà Vinh", "Huyện Hà Trung"),
        ("Hà Vinh", "H. Hà Trung"),
        ("Hà Vinh", "392"),
    ],
)
def test_an_old_name_with_or_without_accents_kind_or_district(districts, text, district):
    assert where(text, district) == ("Phường Bỉm Sơn", ["Phường Bỉm Sơn"], None)


@pytest.mark.parametrize(
    ("text", "district", "unit"),
    [
        # Kind words, written out or short.
        ("thị trấn Hà Lĩnh", None, "Xã Tống Sơn"),
        ("tt Hà Lĩnh", None, "Xã Tống Sơn"),
        ("TT. Hà Long", None, "Xã Hà Long"),
        ("phường Nam Ngạn", None, "Phường Hàm Rồng"),
        ("p. Tào Xuyên", None, "Phường Nguyệt Viên"),
        # Today's names, with or without the kind.
        ("Phường Hạc Thành", None, "Phường Hạc Thành"),
        ("hac thanh", None, "Phường Hạc Thành"),
        ("Xã Hà Trung", None, "Xã Hà Trung"),
        # A township that became a ward in 2024 and a commune that kept its name.
        ("Thị trấn Rừng Thông", None, "Phường Đông Sơn"),
        ("rung thong", "Đông Sơn", "Phường Đông Sơn"),
        ("Hoạt Giang", "Hà Trung", "Xã Hoạt Giang"),
        # Hạ Trung (Bá Thước) and Hà Trung fold alike: written with accents, the accents decide.
        ("Hạ Trung", None, "Xã Bá Thước"),
        ("xã Hạ Trung", None, "Xã Bá Thước"),
        ("ha trung", "Bá Thước", "Xã Bá Thước"),
        # A name shared by several units, told apart by the district.
        ("Phường Ba Đình", "Bỉm Sơn", "Phường Bỉm Sơn"),
        ("Phường Ba Đình", "Thành phố Thanh Hóa", "Phường Hạc Thành"),
        ("Ba Đình", "Nga Sơn", "Xã Ba Đình"),
        ("Lam Sơn", "Thọ Xuân", "Xã Lam Sơn"),
        ("Lam Sơn", "Ngọc Lặc", "Xã Minh Sơn"),
        # A name that begins like a kind word: Phượng Nghi is not "Phường Nghi".
        ("Xã Phượng Nghi", None, "Xã Xuân Du"),
        ("Phượng Nghi", "Như Thanh", "Xã Xuân Du"),
        ("XÃ PHƯỢNG NGHI", None, "Xã Xuân Du"),
        ("phuong nghi", "Như Thanh", "Xã Xuân Du"),
        ("xa phuong nghi", None, "Xã Xuân Du"),
    ],
)
def test_names_kinds_and_districts(districts, text, district, unit):
    assert where(text, district)[0] == unit


def test_a_divided_commune_gives_its_parts_and_the_default(districts):
    location = locate("Thị trấn Hà Trung")
    assert not location.found and location.divided
    assert [u.name for u in location.candidates] == ["Xã Hà Trung", "Xã Hoạt Giang"]
    assert location.default.name == "Xã Hà Trung"
    assert location.former.name == "Thị trấn Hà Trung"
    assert location.message == (
        "Thị trấn Hà Trung (Huyện Hà Trung) được chia cho 2 đơn vị: Xã Hà Trung, Xã Hoạt Giang. "
        "Địa chỉ không ghi rõ thôn, xóm thì mặc định thuộc Xã Hà Trung."
    )
    # Divided between units of two former districts: Thiệu Long (Thiệu Hóa) and Định Hòa (Yên Định).
    assert where("xã Thiệu Long") == (None, ["Xã Định Hòa", "Xã Thiệu Hóa"], "Xã Thiệu Hóa")


def test_a_name_of_several_units_asks_for_what_tells_them_apart(districts):
    # In several former districts: the district tells them apart.
    location = locate("Lam Sơn")
    assert not location.found
    assert {u.name for u in location.candidates} == {
        "Phường Bỉm Sơn",
        "Phường Hạc Thành",
        "Xã Lam Sơn",
        "Xã Minh Sơn",
    }
    assert location.message.startswith("Có nhiều đơn vị tên “Lam Sơn”: ")
    assert "Phường Lam Sơn (Thị xã Bỉm Sơn)" in location.message
    assert location.message.endswith("Hãy ghi thêm huyện, thị xã, thành phố cũ để tìm đúng.")
    # "Phường Ba Đình": the wards of Thanh Hóa city and of Bỉm Sơn, not Xã Ba Đình of Nga Sơn.
    assert where("Phường Ba Đình")[1] == ["Phường Bỉm Sơn", "Phường Hạc Thành"]
    # Without accents, Hà Trung is also Hạ Trung.
    assert where("ha trung")[1] == ["Xã Bá Thước", "Xã Hà Trung", "Xã Hoạt Giang"]
    # Within one district the district cannot help: the kind can.
    location = locate("Hà Trung", districts["ha-trung"])
    assert [u.name for u in location.candidates] == ["Xã Hà Trung", "Xã Hoạt Giang"]
    assert "Thị trấn Hà Trung (Huyện Hà Trung); Xã Hà Trung (hiện nay)" in location.message
    assert location.message.endswith("Hãy ghi rõ là xã, phường hay thị trấn.")
    assert "huyện, thị xã, thành phố cũ" not in location.message
    # Neither district nor kind tells the ward of Thanh Hóa city apart from today's Phường Đông
    # Sơn (which took over Đông Sơn district): the date of the address does.
    location = locate("Phường Đông Sơn", districts["thanh-hoa"])
    assert [u.name for u in location.candidates] == ["Phường Đông Sơn", "Phường Hạc Thành"]
    assert location.message == (
        "Có nhiều đơn vị tên “Phường Đông Sơn”: Phường Đông Sơn (Thành phố Thanh Hóa); "
        "Phường Đông Sơn (hiện nay). Tên này có cả trước và sau ngày 1/7/2025: địa chỉ ghi trước "
        "ngày đó là đơn vị cũ, ghi từ ngày đó là đơn vị hiện nay."
    )
    assert where("Phường Đông Sơn", "Đông Sơn")[0] == "Phường Đông Sơn"
    # Two former communes of one district whose names differ only by accents.
    location = locate("xa hoang dong", districts["hoang-hoa"])
    assert [f.split(" (")[0] for f in location.message.split(": ", 1)[1].split("; ")] == [
        "Xã Hoằng Đồng",
        "Xã Hoằng Đông",
    ]
    assert location.message.endswith("Các tên này chỉ khác nhau ở dấu: hãy ghi tên có dấu.")
    assert "1/7/2025" not in location.message
    assert where("Phường Đông Sơn", "Bỉm Sơn")[0] == "Phường Bỉm Sơn"


def test_not_found_says_where_it_looked(districts):
    location = locate("Phường Bến Nghé")
    assert not location.found and not location.candidates
    assert location.message == (
        "Không tìm thấy xã, phường, thị trấn “Phường Bến Nghé” ở tỉnh Thanh Hóa. "
        "Hãy kiểm tra lại tên; nếu địa chỉ ở tỉnh khác, cổng này chưa tra được."
    )
    assert "ở huyện Nga Sơn cũ" in locate("Hà Vinh", districts["nga-son"]).message
    assert locate("   ").message == "Chưa ghi tên xã, phường."


def test_a_wrong_district_is_widened_only_for_the_lookup(districts):
    bim_son = districts["bim-son"]
    assert not locate("Hà Vinh", bim_son).candidates  # placing records never guesses
    location = locate("Hà Vinh", bim_son, widen=True)
    assert location.commune.name == "Phường Bỉm Sơn"
    assert location.message == (
        "Không có xã, phường “Hà Vinh” ở thị xã Bỉm Sơn cũ; kết quả tìm trong cả tỉnh:"
    )


# --- The lookup page ----------------------------------------------------------------------


def lookup(client, **query):
    response = client.get(PAGE, query)
    assert response.status_code == 200
    return response, response.content.decode()


def answer(page: str) -> str:
    """The text of the result section, tags removed."""
    start = page.index('<section class="lookup-result"')
    section = page[start : page.index("</section>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())


def test_the_lookup_page_answers_an_old_address(client, districts):
    response, page = lookup(client, xa="ha vinh", huyen="ha trung")
    assert h1_count(response) == 1
    assert answer(page) == "Kết quả Xã Hà Vinh (huyện Hà Trung) nay thuộc Phường Bỉm Sơn , tỉnh Thanh Hóa."
    assert 'href="/xa-phuong/phuong-bim-son/"' in page
    # The form keeps what was typed.
    assert 'value="ha vinh"' in page and 'value="ha trung"' in page


@pytest.mark.parametrize(
    "text",
    [
        "xã Hà Vinh, huyện Hà Trung",
        "Xã Hà Vinh, Hà Trung",
        "Thôn 3, xã Hà Vinh, huyện Hà Trung, tỉnh Thanh Hóa",
        "thon 3, xa ha vinh, huyen ha trung, thanh hoa",
        "xã Hà Vinh huyện Hà Trung",
        "Hà Vinh; H. Hà Trung",
    ],
)
def test_a_whole_address_in_one_box(client, districts, text):
    body = client.get(JSON, {"xa": text}).json()
    assert body["found"] is True, body
    assert body["commune"]["name"] == "Phường Bỉm Sơn"
    assert body["former"]["district"] == "Huyện Hà Trung"
    assert fold(body["query"]["huyen"]).endswith("ha trung")


def test_the_district_box_wins_over_a_district_in_the_commune_box(client, districts):
    body = client.get(JSON, {"xa": "Thôn 3, xã Hà Vinh", "huyen": "Hà Trung"}).json()
    assert body["commune"]["name"] == "Phường Bỉm Sơn"
    assert body["query"] == {"xa": "xã Hà Vinh", "huyen": "Hà Trung"}
    body = client.get(JSON, {"xa": "xã Hà Vinh, huyện Nga Sơn", "huyen": "Hà Trung"}).json()
    assert body["commune"]["name"] == "Phường Bỉm Sơn" and body["query"]["huyen"] == "Hà Trung"


def test_a_commune_named_like_a_district_is_not_split(client, districts):
    # "Quan Sơn" is both a former district and today's commune of Quan Sơn.
    body = client.get(JSON, {"xa": "xã Quan Sơn"}).json()
    assert body["commune"]["name"] == "Xã Quan Sơn" and body["query"]["huyen"] == ""


def test_the_lookup_page_shows_a_divided_commune_with_its_default(client, districts):
    _response, page = lookup(client, xa="TT Hà Trung")
    assert answer(page) == (
        "Kết quả Thị trấn Hà Trung (Huyện Hà Trung) được chia cho 2 đơn vị: Xã Hà Trung, Xã Hoạt Giang. "
        "Địa chỉ không ghi rõ thôn, xóm thì mặc định thuộc Xã Hà Trung. "
        "Xã Hà Trung — mặc định Xã Hoạt Giang"
    )


def test_the_lookup_page_says_what_it_did_not_find(client, districts):
    _response, page = lookup(client, xa="Phường Bến Nghé")
    assert "Không tìm thấy xã, phường, thị trấn “Phường Bến Nghé” ở tỉnh Thanh Hóa." in answer(page)
    assert "cổng này chưa tra được" in answer(page)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"xa": ""}, "xa", "Hãy ghi tên xã, phường hoặc thị trấn cần tra, ví dụ: xã Hà Vinh."),
        ({"xa": "   "}, "xa", "Hãy ghi tên xã, phường hoặc thị trấn cần tra, ví dụ: xã Hà Vinh."),
        ({"huyen": "Hà Trung"}, "xa", "Hãy ghi tên xã, phường hoặc thị trấn cần tra, ví dụ: xã Hà Vinh."),
        ({"xa": "Hà Vinh" * 286}, "xa", "Tên xã quá dài: hãy ghi gọn, tối đa 200 ký tự."),
        ({"xa": "Hà\x00Vinh"}, "xa", "Tên xã có ký tự không hợp lệ: hãy gõ lại."),
        ({"xa": "Hà Vinh", "huyen": "Hà\x00Trung"}, "huyen", "Tên huyện có ký tự không hợp lệ: hãy gõ lại."),
        (
            {"xa": "Bến Nghé", "huyen": "Quận 1"},
            "huyen",
            "Không có huyện, thị xã, thành phố cũ nào tên “Quận 1” ở tỉnh Thanh Hóa. "
            "Nếu địa chỉ ở tỉnh khác, cổng này chưa tra được.",
        ),
        (
            {"xa": "Phường Bến Nghé, Quận 1"},
            "xa",
            "Không có huyện, thị xã, thành phố cũ nào tên “Quận 1” ở tỉnh Thanh Hóa. "
            "Nếu địa chỉ ở tỉnh khác, cổng này chưa tra được.",
        ),
        (
            {"xa": "Phường Bến Nghé, Quận 1, TP Hồ Chí Minh"},
            "xa",
            "Không có huyện, thị xã, thành phố cũ nào tên “TP Hồ Chí Minh” ở tỉnh Thanh Hóa. "
            "Nếu địa chỉ ở tỉnh khác, cổng này chưa tra được.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_as_a_page_and_as_json(client, districts, query, field, message):
    response = client.get(PAGE, query)
    assert response.status_code == 200
    page = response.content.decode()
    field_id = {"xa": "id_xa", "huyen": "id_huyen"}[field]
    assert f'<span class="error" id="{field_id}-error">{html.escape(message)}</span>' in page
    tag = page[page.index(f'id="{field_id}" name="{field}"') :].split(">", 1)[0]
    assert 'aria-invalid="true"' in tag and f"{field_id}-error" in tag
    assert '<section class="lookup-result"' not in page

    response = client.get(JSON, query)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"found": False, "errors": {field: [message]}}


def test_no_query_shows_the_empty_form_and_json_asks_for_a_commune(client, districts):
    response, page = lookup(client)
    assert 'class="error"' not in page and '<section class="lookup-result"' not in page
    assert 'id="id_xa" name="xa"' in page and "required" in page.split('id="id_xa"')[1].split(">")[0]
    response = client.get(JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "xa": ["Hãy ghi tên xã, phường hoặc thị trấn cần tra, ví dụ: xã Hà Vinh."]
    }


def test_markup_in_the_query_is_shown_as_text(client, districts):
    script = '<script>alert("x")</script>'
    _response, page = lookup(client, xa=script)
    assert script not in page
    assert html.escape(script) in page  # in the box and in the message, as text
    body = client.get(JSON, {"xa": script}).json()
    assert body["found"] is False and body["query"]["xa"] == script
    _response, page = lookup(client, xa="Hà Vinh", huyen='"><img src=x onerror=alert(1)>')
    assert "<img src=x" not in page


# --- JSON for partner sites ---------------------------------------------------------------


def test_json_answers_with_the_unit_its_code_and_page(client, districts):
    response = client.get(JSON, {"xa": "Xã Hà Vinh", "huyen": "Hà Trung"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Hà Vinh" in response.content.decode()  # UTF-8, not \\u escapes
    code = Commune.objects.get(name="Phường Bỉm Sơn").code
    unit = {"code": code, "name": "Phường Bỉm Sơn", "url": "http://testserver/xa-phuong/phuong-bim-son/"}
    assert response.json() == {
        "query": {"xa": "Xã Hà Vinh", "huyen": "Hà Trung"},
        "found": True,
        "commune": unit,
        "divided": False,
        "candidates": [unit],
        "default": None,
        "former": {"code": 15277, "name": "Xã Hà Vinh", "district": "Huyện Hà Trung"},
        "message": "",
    }


def test_json_for_a_divided_commune_and_for_one_not_found(client, districts):
    body = client.get(JSON, {"xa": "thi tran ha trung"}).json()
    assert body["found"] is False and body["divided"] is True
    assert [u["name"] for u in body["candidates"]] == ["Xã Hà Trung", "Xã Hoạt Giang"]
    assert body["default"]["name"] == "Xã Hà Trung"
    assert body["message"].startswith("Thị trấn Hà Trung (Huyện Hà Trung) được chia cho 2 đơn vị")

    response = client.get(JSON, {"xa": "Phường Bến Nghé"})
    assert response.status_code == 200
    body = response.json()
    assert body["found"] is False and body["candidates"] == [] and body["commune"] is None
    assert body["message"].startswith("Không tìm thấy xã, phường, thị trấn “Phường Bến Nghé”")


def test_json_through_the_whole_stack_with_the_page_cache(districts, settings):
    """As a partner site's visitors call it: through the WSGI application and its page cache."""
    settings.PUBLIC_CACHE_SECONDS = 300
    first = wsgi_get("/doi-dia-chi.json?xa=ha+vinh&huyen=ha+trung&utm_source=doitac")
    again = wsgi_get("/doi-dia-chi.json?utm_source=khac&huyen=ha+trung&xa=ha+vinh")
    for response in (first, again):
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
    assert first["X-Cache"] == "MISS" and again["X-Cache"] == "HIT"
    assert first.content == again.content
    # Long or odd input is cut and answered, never an error page.
    for query in ("xa=" + "a" * 2000, "xa=%00%00", "xa=%3Cscript%3E", "xa=+++", ""):
        response = wsgi_get(f"/doi-dia-chi.json?{query}")
        assert response.status_code in (200, 400), query
        assert response["Access-Control-Allow-Origin"] == "*"
        response = wsgi_get(f"/doi-dia-chi/?{query}")
        assert response.status_code == 200, query


def test_english_lookup(client, districts):
    response = client.get("/en/doi-dia-chi/", {"xa": "Hà Vinh"})
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert client.get("/en/doi-dia-chi.json", {"xa": "Hà Vinh"}).json()["found"] is True
