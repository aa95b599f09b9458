"""Today's communes in the staff's hands: placing records, the unplaced list, commune
editors, and the places in search and open data."""

import json

import pytest
from django.urls import reverse

from camnang import roles
from camnang.tests.utils import staff_user
from producers.tests.factories import ProducerFactory
from shops import services
from shops.models import Commune, Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def commune(slug) -> Commune:
    return Commune.objects.get(slug=slug)


def test_the_admin_places_a_record_from_the_commune_as_written(admin_client, districts):
    from shops.tests.test_admin import shop_form

    response = admin_client.post(
        reverse("admin:shops_shop_add"), shop_form(districts["ha-trung"], commune_name="xa ha vinh")
    )
    assert response.status_code == 302
    shop = Shop.objects.get(name="Tạp hóa Hoa Mai")
    assert shop.commune == commune("phuong-bim-son")  # Hà Vinh became part of Phường Bỉm Sơn
    assert shop.commune_name == "xa ha vinh"  # kept as written


def test_a_divided_former_commune_is_left_for_staff_and_listed(admin_client, districts):
    from shops.tests.test_admin import shop_form

    data = shop_form(districts["ha-trung"], commune_name="Thị trấn Hà Trung", name="Tạp hóa Chia Đôi")
    assert admin_client.post(reverse("admin:shops_shop_add"), data).status_code == 302
    shop = Shop.objects.get(name="Tạp hóa Chia Đôi")
    assert shop.commune is None  # divided between Xã Hà Trung and Xã Hoạt Giang: not guessed
    unplaced = admin_client.get(reverse("admin:shops_shop_changelist"), {"xa_hien_nay": "chua"})
    assert list(unplaced.context["cl"].result_list) == [shop]
    home = admin_client.get(reverse("admin:index")).content.decode()
    assert "Cửa hàng chưa xác định xã, phường hiện nay" in home
    assert "<strong>1</strong>" in home


def test_load_places_places_existing_rows_and_never_guesses(districts):
    ha_trung = districts["ha-trung"]
    old = ShopFactory(district=ha_trung, commune_name="Xã Hà Vinh")
    new = ProducerFactory(district=ha_trung, commune_name="xa hoat giang")
    divided = ShopFactory(district=ha_trung, commune_name="Thị trấn Hà Trung")
    unknown = ShopFactory(district=ha_trung, commune_name="Xã Không Có")
    assert services.place_unplaced() == (2, 2)
    for record in (old, new, divided, unknown):
        record.refresh_from_db()
    assert old.commune == commune("phuong-bim-son")
    assert new.commune == commune("xa-hoat-giang")
    assert divided.commune is None and unknown.commune is None
    assert services.place_unplaced() == (0, 2)  # idempotent


def test_a_commune_editor_sees_only_their_commune(client, districts):
    ha_trung = districts["ha-trung"]
    mine = ShopFactory(name="Của xã mình", district=ha_trung, commune=commune("xa-ha-trung"))
    ShopFactory(name="Cùng huyện cũ, xã khác", district=ha_trung, commune=commune("xa-hoat-giang"))
    editor = staff_user(roles.COMMUNE_EDITORS)
    editor.communes.set([commune("xa-ha-trung")])
    client.force_login(editor)
    listed = client.get(reverse("admin:shops_shop_changelist")).context["cl"].result_list
    assert list(listed) == [mine]
    choices = client.get(reverse("admin:shops_shop_add")).context["adminform"].form.fields["commune"].queryset
    assert list(choices) == [commune("xa-ha-trung")]
    assert client.get(reverse("admin:index")).status_code == 200


def test_search_finds_a_place_by_its_old_or_new_name(client, districts):
    for query, expected in (("Hà Vinh", "Phường Bỉm Sơn"), ("hoat giang", "Xã Hoạt Giang")):
        html = client.get(reverse("search"), {"q": query, "type": "places"}).content.decode()
        assert expected in html, query


def test_open_data_per_commune_and_places_in_every_row(client, districts):
    ShopFactory(name="Cửa hàng xã Hà Trung", district=districts["ha-trung"], commune=commune("xa-ha-trung"))
    ShopFactory(name="Cửa hàng xã khác", district=districts["ha-trung"], commune=commune("xa-hoat-giang"))
    body = json.loads(client.get("/du-lieu-mo/xa-phuong/xa-ha-trung/cua-hang.json").content)
    assert [row["name"] for row in body["results"]] == ["Cửa hàng xã Hà Trung"]
    assert body["commune"] == {"code": commune("xa-ha-trung").code, "name": "Xã Hà Trung"}
    row = body["results"][0]
    assert (row["commune_code"], row["district_code"], row["district"]) == (
        commune("xa-ha-trung").code,
        392,
        "Huyện Hà Trung",
    )
    assert client.get("/du-lieu-mo/xa-phuong/khong-co/cua-hang.json").status_code == 404
    csv = client.get("/du-lieu-mo/xa-phuong/xa-ha-trung/cua-hang.csv").content.decode("utf-8-sig")
    assert "Cửa hàng xã Hà Trung" in csv and "Cửa hàng xã khác" not in csv
