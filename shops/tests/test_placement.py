"""Placing directory records in today's commune from the commune as written: what
`load_places` does for stored rows, and what imports do. Nothing is guessed: a divided
former commune, or a name that is not in the record's district, stays for staff to place."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from camnang.tests.utils import import_sheet, xlsx_upload
from producers.models import Producer
from producers.tests.factories import ProducerFactory
from shops import services
from shops.models import Commune, Shop
from shops.tests.factories import ShopFactory
from shops.tests.test_importing import HEADERS, shop_row

pytestmark = pytest.mark.django_db


def commune_of(record) -> str | None:
    record.refresh_from_db()
    return record.commune.name if record.commune_id else None


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def test_load_places_places_what_is_certain_and_leaves_the_rest(ha_trung, districts):
    written = {
        "Xã Hà Vinh": "Phường Bỉm Sơn",  # old name
        "xa ha vinh": "Phường Bỉm Sơn",  # without accents
        "Xã Hà Long": "Xã Hà Long",  # today's name
        "xã Hoạt Giang": "Xã Hoạt Giang",  # a name that is both
        "TT. Hà Lĩnh": "Xã Tống Sơn",
        "Thị trấn Hà Trung": None,  # divided between Xã Hà Trung and Xã Hoạt Giang
        "Xã Hà Bình": None,  # divided too
        "Xã Không Có": None,  # unknown
        "Xã Nga Thiện": None,  # a commune of Nga Sơn, not of Hà Trung
        "": None,
    }
    shops = {text: ShopFactory(district=ha_trung, commune_name=text) for text in written}
    producer = ProducerFactory(district=districts["nga-son"], commune_name="Xã Nga Thiện")

    out = io.StringIO()
    call_command("load_places", stdout=out)
    assert {text: commune_of(shop) for text, shop in shops.items()} == written
    assert commune_of(producer) == "Xã Ba Đình"
    assert "placed in their current commune: 6; left for staff to place: 5." in out.getvalue()
    shop = shops["Xã Hà Vinh"]
    assert shop.history.latest().history_change_reason == "Xác định xã, phường hiện nay"
    assert "phuong bim son" in shop.search_text and "xa ha vinh" in shop.search_text

    # Idempotent: nothing more to place, nothing changed, no new history.
    histories = shop.history.count()
    out = io.StringIO()
    call_command("load_places", stdout=out)
    assert "placed in their current commune: 0; left for staff to place: 5." in out.getvalue()
    assert {text: commune_of(shop) for text, shop in shops.items()} == written
    assert shop.history.count() == histories


def test_a_commune_chosen_by_staff_is_never_replaced(ha_trung):
    chosen = Commune.objects.get(name="Xã Hoạt Giang")
    shop = ShopFactory(district=ha_trung, commune_name="Thị trấn Hà Trung", commune=chosen)
    call_command("load_places", stdout=io.StringIO())
    assert commune_of(shop) == "Xã Hoạt Giang"
    assert services.place(shop) is True
    assert commune_of(shop) == "Xã Hoạt Giang"


def test_assign_commune_sets_without_saving(ha_trung):
    shop = Shop(district=ha_trung, commune_name="ha vinh")
    assert services.assign_commune(shop) is True
    assert shop.commune.name == "Phường Bỉm Sơn" and shop.pk is None
    shop = Shop(district=ha_trung, commune_name="Thị trấn Hà Trung")
    assert services.assign_commune(shop) is False and shop.commune is None


# --- Imports ----------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, admin_user, districts):
    client.force_login(admin_user)
    return client


def test_imports_place_rows(staff_client, ha_trung):
    rows = [
        shop_row(1, **{"Xã, phường, thị trấn": "Xã Hà Vinh"}),
        shop_row(2, **{"Xã, phường, thị trấn": "ha long"}),
        shop_row(3, **{"Xã, phường, thị trấn": "Thị trấn Hà Trung"}),
    ]
    job = import_sheet(staff_client, "cua-hang", xlsx_upload(HEADERS, rows))
    assert job.state == job.State.DONE, job.problems
    placed = dict(Shop.objects.values_list("name", "commune__name"))
    assert placed == {
        "Tạp hóa Bình Minh 1": "Phường Bỉm Sơn",
        "Tạp hóa Bình Minh 2": "Xã Hà Long",
        "Tạp hóa Bình Minh 3": None,
    }


def test_importing_a_new_commune_name_places_the_record_again(staff_client, ha_trung):
    shop = ShopFactory(
        name="Tạp hóa Bình Minh 1",
        address="Thôn 1",
        district=ha_trung,
        commune_name="Xã Hà Vinh",
        commune=Commune.objects.get(name="Phường Bỉm Sơn"),
    )
    other = ShopFactory(
        name="Tạp hóa Bình Minh 2",
        address="Thôn 2",
        district=ha_trung,
        commune_name="Xã Hà Vinh",
        commune=Commune.objects.get(name="Phường Bỉm Sơn"),
    )
    rows = [
        [shop.pk, *shop_row(1, **{"Xã, phường, thị trấn": "Xã Hà Long"})],
        [other.pk, *shop_row(2, **{"Xã, phường, thị trấn": "Thị trấn Hà Trung"})],
    ]
    job = import_sheet(staff_client, "cua-hang", xlsx_upload(["Mã", *HEADERS], rows))
    assert job.state == job.State.DONE, job.problems
    # Moved to Hà Long; and a divided commune leaves the record for staff, not in Bỉm Sơn.
    assert commune_of(shop) == "Xã Hà Long"
    assert commune_of(other) is None
    # Written the same way again (case and accents aside): the commune stays.
    rows = [[shop.pk, *shop_row(1, **{"Xã, phường, thị trấn": "xa ha long"})]]
    shop.commune = Commune.objects.get(name="Xã Hà Long")
    shop.save()
    import_sheet(staff_client, "cua-hang", xlsx_upload(["Mã", *HEADERS], rows))
    assert commune_of(shop) == "Xã Hà Long"


def test_producer_imports_place_rows_too(staff_client, ha_trung):
    headers = ["Tên cơ sở", "Loại hình", "Quận, huyện", "Xã, phường, thị trấn", "Điện thoại"]
    rows = [["HTX Rau Yên Dương", "Hợp tác xã", "Hà Trung", "Xã Yên Dương", "0301234567"]]
    job = import_sheet(staff_client, "co-so-san-xuat", xlsx_upload(headers, rows))
    assert job.state == job.State.DONE, job.problems
    assert Producer.objects.get().commune.name == "Xã Hoạt Giang"


# --- The admin ----------------------------------------------------------------------------


def test_a_shop_saved_in_the_admin_with_only_its_commune_as_written_is_placed(staff_client, ha_trung):
    from shops.tests.test_admin import shop_form

    response = staff_client.post(
        reverse("admin:shops_shop_add"), shop_form(ha_trung, commune_name="Xã Hà Vinh")
    )
    assert response.status_code == 302
    assert Shop.objects.get(name="Tạp hóa Hoa Mai").commune.name == "Phường Bỉm Sơn"
