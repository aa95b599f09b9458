"""Today's map as `load_places` builds it: the units of 1 July 2025, the former districts and
communes, and the crosswalk between them, checked against the official texts.

Sources quoted below:

- NQ 1686: Resolution No. 1686/NQ-UBTVQH15 of 16 June 2025 of the National Assembly
  Standing Committee on the arrangement of the commune-level units of Thanh Hóa in 2025,
  Article 1, published in full by Báo Thanh Hóa on 17 June 2025; checked here against its
  English rendering on vietnam.vn ("Resolution No. 1686 of the National Assembly Standing
  Committee on the arrangement of commune-level administrative units of Thanh Hoa province in
  2025"), whose first clauses read:
    1. "Arrange the entire natural area and population size of Anh Son commune and Cac Son
       commune into a new commune called Cac Son commune."
    2. "Arrange the entire natural area and population size of Tan Truong commune and Truong
       Lam commune into a new commune called Truong Lam commune."
    3. "... the entire natural area and population size of Ha Dong, Ha Ngoc, Yen Son communes
       and part of the natural area and population size of Ha Trung town and Ha Binh commune
       into a new commune called Ha Trung commune."
    4. "... Ha Linh town and Ha Tien, Ha Tan and Ha Son communes into a new commune called
       Tong Son commune."
    5. "... Ha Long town, Ha Bac and Ha Giang communes into a new commune called Ha Long."
    6. opens "After arranging according to Clause 3 of this Article, ...": the remaining parts
       of Hà Trung town and Hà Bình go to the next unit, xã Hoạt Giang (the stored copy of
       the text stops there; the Hoạt Giang half is the official data's).
  Reported with it (Báo Thanh Hóa and others): 166 commune-level units, 147 communes and 19
  wards, formed from the 547 units of 30 June 2025.
- TP Thanh Hóa's plan of 19 April 2025 (Tuổi Trẻ, 21 April 2025), which NQ 1686 enacted for the
  city: "Thành lập phường Đông Sơn trên cơ sở nhập nguyên trạng diện tích tự nhiên, quy mô dân
  số của các xã, phường: Rừng Thông, Đông Thịnh, Đông Tân, Đông Hòa, Đông Minh, Đông Hoàng,
  Đông Khê và Đông [Ninh]" — the communes of the former Đông Sơn district (merged into the city
  in 2024) with Đông Tân, a ward of the city before that.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from shops import services
from shops.models import Commune, District, FormerCommune, Succession

pytestmark = pytest.mark.django_db


def successors(name: str, district_slug: str) -> dict[str, bool]:
    """Today's unit(s) a former commune became part of, with whether each is the default."""
    former = FormerCommune.objects.get(name=name, district__slug=district_slug)
    return {s.current.name: s.is_default for s in former.successions.select_related("current")}


def predecessors(name: str) -> set[tuple[str, str]]:
    """(former commune, former district) of every former commune a unit took (a part of)."""
    commune = Commune.objects.get(name=name, province_code=38)
    return {(f.name, f.district.slug) for f in commune.predecessors.select_related("district")}


@pytest.mark.parametrize(
    ("clause", "formers", "district", "unit"),
    [
        # NQ 1686, clause 1: an ordinary merge of two communes of Nghi Sơn.
        (1, ["Xã Anh Sơn", "Xã Các Sơn"], "nghi-son", "Xã Các Sơn"),
        # Clause 2.
        (2, ["Xã Tân Trường", "Xã Trường Lâm"], "nghi-son", "Xã Trường Lâm"),
        # Clause 3, the communes taken whole.
        (3, ["Xã Hà Đông", "Xã Hà Ngọc", "Xã Yến Sơn"], "ha-trung", "Xã Hà Trung"),
        # Clause 4: a township and three communes into a unit with a new name.
        (4, ["Thị trấn Hà Lĩnh", "Xã Hà Tiến", "Xã Hà Tân", "Xã Hà Sơn"], "ha-trung", "Xã Tống Sơn"),
        # Clause 5.
        (5, ["Thị trấn Hà Long", "Xã Hà Bắc", "Xã Hà Giang"], "ha-trung", "Xã Hà Long"),
    ],
)
def test_whole_communes_follow_the_resolution(districts, clause, formers, district, unit):
    for name in formers:
        assert successors(name, district) == {unit: True}, (clause, name)


def test_several_communes_of_one_district_form_one_unit_with_exactly_those_predecessors(districts):
    # NQ 1686, clause 3: Hà Đông, Hà Ngọc, Yến Sơn whole, and parts of Hà Trung and Hà Bình.
    assert predecessors("Xã Hà Trung") == {
        ("Xã Hà Đông", "ha-trung"),
        ("Xã Hà Ngọc", "ha-trung"),
        ("Xã Yến Sơn", "ha-trung"),
        ("Thị trấn Hà Trung", "ha-trung"),
        ("Xã Hà Bình", "ha-trung"),
    }
    assert predecessors("Xã Tống Sơn") == {
        ("Thị trấn Hà Lĩnh", "ha-trung"),
        ("Xã Hà Tiến", "ha-trung"),
        ("Xã Hà Tân", "ha-trung"),
        ("Xã Hà Sơn", "ha-trung"),
    }


def test_divided_communes_go_to_both_units_with_one_default(districts):
    # NQ 1686, clause 3 takes "một phần" of thị trấn Hà Trung and xã Hà Bình into xã Hà Trung;
    # clause 6 puts "phần còn lại" of both into xã Hoạt Giang.
    assert successors("Thị trấn Hà Trung", "ha-trung") == {"Xã Hà Trung": True, "Xã Hoạt Giang": False}
    assert successors("Xã Hà Bình", "ha-trung") == {"Xã Hà Trung": False, "Xã Hoạt Giang": True}
    # Every former commune has exactly one default, whole or divided.
    for former in FormerCommune.objects.filter(district__province_code=38).prefetch_related("successions"):
        assert [s.is_default for s in former.successions.all()].count(True) == 1, former


def test_dong_son_communes_and_a_unit_formed_from_two_former_districts(districts):
    dong_son = districts["dong-son"]
    assert dong_son.code == 405
    assert dong_son.note  # merged into Thanh Hóa city in 2024: the page says so
    # The township Rừng Thông became a ward in 2024; both spellings lead to Phường Đông Sơn.
    assert successors("Phường Rừng Thông", "dong-son") == {"Phường Đông Sơn": True}
    # Phường Đông Sơn: seven communes of the former Đông Sơn district and Đông Tân, a ward of
    # Thanh Hóa city (TP Thanh Hóa's plan of 19 April 2025, enacted by NQ 1686).
    assert predecessors("Phường Đông Sơn") == {
        ("Phường Rừng Thông", "dong-son"),
        ("Phường Đông Thịnh", "dong-son"),
        ("Xã Đông Hòa", "dong-son"),
        ("Xã Đông Minh", "dong-son"),
        ("Xã Đông Hoàng", "dong-son"),
        ("Xã Đông Khê", "dong-son"),
        ("Xã Đông Ninh", "dong-son"),
        ("Phường Đông Tân", "thanh-hoa"),
    }
    commune = Commune.objects.get(name="Phường Đông Sơn", province_code=38)
    assert set(commune.districts.values_list("slug", flat=True)) == {"dong-son", "thanh-hoa"}
    # All 14 communes the 2021 handbook lists under Đông Sơn stay under it.
    assert FormerCommune.objects.filter(district=dong_son).count() == 14
    assert set(Commune.objects.in_district(dong_son).values_list("name", flat=True)) == {
        "Phường Đông Sơn",
        "Phường Đông Quang",
        "Phường Đông Tiến",
    }


def test_a_commune_of_hà_trung_went_to_a_ward_of_bỉm_sơn(districts):
    # Xã Hà Vinh (Huyện Hà Trung) is now part of Phường Bỉm Sơn: the ward is listed under both.
    assert successors("Xã Hà Vinh", "ha-trung") == {"Phường Bỉm Sơn": True}
    bim_son = Commune.objects.get(name="Phường Bỉm Sơn")
    assert set(bim_son.districts.values_list("slug", flat=True)) == {"bim-son", "ha-trung"}


def test_thanh_hoa_has_166_units_19_wards_147_communes_from_547_former_ones(districts):
    communes = Commune.objects.filter(province_code=38)
    assert communes.count() == 166
    assert communes.filter(kind=Commune.Kind.WARD).count() == 19
    assert communes.filter(kind=Commune.Kind.COMMUNE).count() == 147
    assert District.objects.filter(province_code=38).count() == 27
    formers = FormerCommune.objects.filter(district__province_code=38)
    assert formers.count() == 547
    # Every former commune has a successor, and every unit of today a predecessor.
    assert not formers.filter(successions=None).exists()
    assert not communes.filter(successions=None).exists()
    # Official codes: Xã Hà Trung took the code of the former township (15271).
    assert communes.get(name="Xã Hà Trung").code == 15271
    assert communes.get(name="Xã Hà Trung").slug == "xa-ha-trung"


def test_loading_twice_changes_nothing_and_keeps_staff_edits_until_update(districts):
    def snapshot():
        return (
            sorted(Commune.objects.values_list("code", "name", "slug")),
            sorted(District.objects.values_list("code", "name", "slug")),
            sorted(FormerCommune.objects.values_list("code", "name", "district__code")),
            sorted(Succession.objects.values_list("former__code", "current__code", "is_default")),
            sorted(Commune.districts.through.objects.values_list("commune__code", "district__code")),
        )

    before = snapshot()
    out = io.StringIO()
    call_command("load_places", stdout=out)
    assert "0 units created, 0 updated" in out.getvalue()
    assert snapshot() == before

    commune = Commune.objects.get(name="Xã Hà Trung")
    commune.name, commune.short_name = "Xã Hà Trung (huyện lỵ cũ)", "Hà Trung (huyện lỵ cũ)"
    commune.save()
    district = districts["ha-trung"]
    district.name = "Huyện Hà Trung (cũ)"
    district.save()
    call_command("load_places", stdout=io.StringIO())
    commune.refresh_from_db()
    district.refresh_from_db()
    assert commune.name == "Xã Hà Trung (huyện lỵ cũ)"
    assert district.name == "Huyện Hà Trung (cũ)"

    out = io.StringIO()
    call_command("load_places", update=True, stdout=out)
    commune.refresh_from_db()
    district.refresh_from_db()
    assert commune.name == "Xã Hà Trung" and commune.short_name == "Hà Trung"
    assert district.name == "Huyện Hà Trung"
    assert snapshot() == before
    assert "0 units created" in out.getvalue()


# --- Another province -----------------------------------------------------------------------


def test_nghe_an_loads_next_to_thanh_hoa(districts):
    from shops import geography

    data = geography.province(40)
    out = io.StringIO()
    call_command("load_places", province=40, stdout=out)
    assert out.getvalue().startswith(f"Nghệ An (40): {len(data.communes)} communes and wards")
    assert Commune.objects.filter(province_code=40).count() == len(data.communes)
    assert District.objects.filter(province_code=40).count() == len(data.districts)
    assert FormerCommune.objects.filter(district__province_code=40).count() == len(data.former_communes)
    # Thanh Hóa's units are untouched.
    assert Commune.objects.filter(province_code=38).count() == 166
    assert District.objects.filter(province_code=38).count() == 27
    # Every commune page of both provinces has its own address.
    assert Commune.objects.values("slug").distinct().count() == Commune.objects.count()


@override_settings(PROVINCE_CODE=40, PROVINCE_NAME="Nghệ An")
def test_nghe_an_alone_with_the_lookup_for_it(db, client):
    call_command("load_places", stdout=io.StringIO())
    vinh = District.objects.get(name="Thành phố Vinh")
    assert Commune.objects.in_district(vinh).exists()
    former = FormerCommune.objects.filter(district=vinh).select_related("district").first()
    expected = {s.current.name for s in former.successions.select_related("current")}

    body = client.get("/doi-dia-chi.json", {"xa": former.name, "huyen": "Vinh"}).json()
    assert body["found"] == (len(expected) == 1)
    assert {unit["name"] for unit in body["candidates"]} == expected
    assert body["former"]["district"] == "Thành phố Vinh"
    assert client.get("/doi-dia-chi/", {"xa": former.name}).status_code == 200


def test_the_lookup_answers_for_the_configured_province_only(districts, client, settings):
    call_command("load_places", province=40, stdout=io.StringIO())
    # Thanh Hóa's portal does not answer with Nghệ An's units ...
    body = client.get("/doi-dia-chi.json", {"xa": "Phường Trường Vinh"}).json()
    assert body["found"] is False and body["candidates"] == []
    assert "ở tỉnh Thanh Hóa" in body["message"]
    assert client.get("/doi-dia-chi.json", {"xa": "Hà Vinh", "huyen": "Vinh"}).status_code == 400
    # ... and Nghệ An's does not answer with Thanh Hóa's.
    settings.PROVINCE_CODE, settings.PROVINCE_NAME = 40, "Nghệ An"
    body = client.get("/doi-dia-chi.json", {"xa": "Phường Trường Vinh"}).json()
    assert body["found"] is True and body["commune"]["name"] == "Phường Trường Vinh"
    body = client.get("/doi-dia-chi.json", {"xa": "Xã Hà Vinh"}).json()
    assert body["found"] is False and "ở tỉnh Nghệ An" in body["message"]
    body = client.get("/doi-dia-chi.json", {"xa": "Xã Hà Vinh", "huyen": "Hà Trung"}).json()
    assert "ở tỉnh Nghệ An" in body["errors"]["huyen"][0]


@pytest.mark.parametrize("code", [42, 82])
def test_provinces_with_two_districts_of_one_name_load(db, code):
    # Hà Tĩnh had both Thị xã Kỳ Anh and Huyện Kỳ Anh; Đồng Tháp several such pairs.
    from shops import geography

    data = geography.province(code)
    call_command("load_places", province=code, stdout=io.StringIO())
    assert District.objects.filter(province_code=code).count() == len(data.districts)
    if code == 42:
        assert set(District.objects.filter(short_name="Kỳ Anh").values_list("slug", flat=True)) == {
            "ky-anh",
            "thi-xa-ky-anh",
        }


def test_load_places_reports_what_it_placed(districts):
    from shops.tests.factories import ShopFactory

    ShopFactory(district=districts["ha-trung"], commune_name="Xã Hà Vinh")
    ShopFactory(district=districts["ha-trung"], commune_name="Thị trấn Hà Trung")
    ShopFactory(district=districts["ha-trung"], commune_name="")
    out = io.StringIO()
    call_command("load_places", stdout=out)
    assert "placed in their current commune: 1; left for staff to place: 2." in out.getvalue()
    assert services.place_unplaced() == (0, 2)


def test_the_official_data_is_the_release_requirements_txt_pins():
    """The sources the docstring of shops/geography.py names are the ones every install gets."""
    from importlib.metadata import version
    from pathlib import Path

    from django.conf import settings

    pins = dict(
        line.split("==")
        for line in (Path(settings.BASE_DIR) / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins.get("vietnam-provinces") == version("vietnam-provinces") == "2025.10.1"
    assert pins.get("vietnamadminunits") == version("vietnamadminunits") == "1.0.4"
