"""Roles, and the district scoping of district editors on every admin path."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from camnang import roles
from camnang.tests.utils import staff_user
from core.models import Status
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.models import Commune, Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_setup_roles_is_idempotent_and_computes_permissions_by_app(db):
    call_command("setup_roles", stdout=io.StringIO())
    call_command("setup_roles", stdout=io.StringIO())
    assert Group.objects.filter(name__in=[r.name for r in roles.ROLES]).count() == 5
    provincial = set(
        Group.objects.get(name=roles.PROVINCIAL_EDITORS).permissions.values_list("codename", flat=True)
    )
    assert {"change_shop", "delete_producer", "change_district", "all_districts"} <= provincial
    district = set(
        Group.objects.get(name=roles.DISTRICT_EDITORS).permissions.values_list("codename", flat=True)
    )
    assert {"add_shop", "change_product", "view_listing"} <= district
    assert "all_districts" not in district and "change_platform" not in district
    commune = set(
        Group.objects.get(name=roles.COMMUNE_EDITORS).permissions.values_list("codename", flat=True)
    )
    assert commune == district  # the same work, on a smaller place
    assert "view_commune" in district and "change_commune" not in district
    postal = set(Group.objects.get(name=roles.POSTAL_STAFF).permissions.values_list("codename", flat=True))
    assert {"change_producer", "all_districts", "view_platform", "change_shop"} <= postal
    # Local editors work on shops of every kind; postal staff on their company's sale points.
    assert "all_shop_kinds" in district and "all_shop_kinds" in provincial
    assert "all_shop_kinds" not in postal


@pytest.fixture(params=["district", "commune"])
def scoped(request, client, districts):
    """An editor of Hà Trung (the former district, or today's Xã Hà Trung in it), and one
    record of each kind in Xã Hà Trung and in Xã Nga Sơn (former Nga Sơn district)."""
    if request.param == "district":
        editor = staff_user(roles.DISTRICT_EDITORS, districts["ha-trung"])
    else:
        editor = staff_user(roles.COMMUNE_EDITORS)
        editor.communes.set([Commune.objects.get(slug="xa-ha-trung")])
    client.force_login(editor)
    records = {}
    for slug in ("ha-trung", "nga-son"):
        district = districts[slug]
        commune = Commune.objects.get(slug=f"xa-{slug}")
        producer = ProducerFactory(name=f"HTX {district.short_name}", district=district, commune=commune)
        product = ProductFactory(name=f"Gạo {district.short_name}", producer=producer)
        records[slug] = {
            "shop": ShopFactory(
                name=f"Tạp hóa {district.short_name}", district=district, commune=commune, status=Status.DRAFT
            ),
            "producer": producer,
            "product": product,
            "listing": ListingFactory(producer=producer, product=product),
        }
    return client, records


ADMIN_NAMES = {"shop": "shops_shop", "producer": "producers_producer", "product": "producers_product",
               "listing": "producers_listing"}  # fmt: skip


@pytest.mark.parametrize("kind", ADMIN_NAMES)
def test_district_editor_sees_only_their_district_in_lists_forms_and_history(scoped, kind):
    client, records = scoped
    own, other = records["ha-trung"][kind], records["nga-son"][kind]
    name = ADMIN_NAMES[kind]
    changelist = client.get(reverse(f"admin:{name}_changelist"))
    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [own]
    assert client.get(reverse(f"admin:{name}_change", args=[own.pk])).status_code == 200
    assert client.get(reverse(f"admin:{name}_change", args=[other.pk])).status_code == 404
    assert client.get(reverse(f"admin:{name}_history", args=[other.pk])).status_code in (403, 404)
    assert client.get(reverse(f"admin:{name}_delete", args=[other.pk])).status_code == 404


def test_district_dropdown_and_filter_offer_only_their_districts(scoped, districts):
    client, _records = scoped
    response = client.get(reverse("admin:shops_shop_add"))
    choices = list(response.context["adminform"].form.fields["district"].queryset)
    assert choices == [districts["ha-trung"]]
    html = client.get(reverse("admin:shops_shop_changelist")).content.decode()
    assert "Huyện Nga Sơn" not in html


def test_editor_cannot_save_a_shop_into_another_place(scoped, districts):
    client, _records = scoped
    from shops.tests.test_admin import shop_form

    response = client.post(reverse("admin:shops_shop_add"), shop_form(districts["nga-son"]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Shop.objects.filter(name="Tạp hóa Hoa Mai").exists()
    # Today's commune written the old way, but in another place: refused with a message.
    elsewhere = shop_form(districts["ha-trung"], commune_name="Xã Hà Lĩnh")
    response = client.post(reverse("admin:shops_shop_add"), elsewhere)
    if response.status_code == 200:  # a commune editor of Xã Hà Trung (Hà Lĩnh is elsewhere today)
        assert "địa bàn mình phụ trách" in response.content.decode()
    own = shop_form(districts["ha-trung"], commune=Commune.objects.get(slug="xa-ha-trung").pk)
    response = client.post(reverse("admin:shops_shop_add"), own)
    assert response.status_code == 302
    shop = Shop.objects.get(name="Tạp hóa Hoa Mai", commune__slug="xa-ha-trung")
    assert shop.district == districts["ha-trung"]


def test_actions_ignore_records_of_other_districts(scoped):
    client, records = scoped
    own, other = records["ha-trung"]["shop"], records["nga-son"]["shop"]
    client.post(
        reverse("admin:shops_shop_changelist"), {"action": "publish", "_selected_action": [own.pk, other.pk]}
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == Status.PUBLISHED and other.status == Status.DRAFT


def test_autocomplete_offers_only_their_producers(scoped):
    client, records = scoped
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "producers", "model_name": "product", "field_name": "producer", "term": "htx"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == [records["ha-trung"]["producer"].name]


def test_product_cannot_be_moved_to_a_producer_of_another_district(scoped):
    client, records = scoped
    product = records["ha-trung"]["product"]
    form = client.get(reverse("admin:producers_product_change", args=[product.pk])).context["adminform"].form
    assert list(form.fields["producer"].queryset) == [records["ha-trung"]["producer"]]


def test_province_wide_roles_see_every_district(client, districts):
    ShopFactory(district=districts["ha-trung"])
    ShopFactory(district=districts["nga-son"])
    client.force_login(staff_user(roles.PROVINCIAL_EDITORS))
    assert client.get(reverse("admin:shops_shop_changelist")).context["cl"].result_count == 2


def test_postal_staff_keep_their_own_companys_sale_points(client, districts):
    from shops.models import PostalStaffMember
    from shops.tests.test_admin import shop_form

    ProducerFactory(district=districts["nga-son"])
    vnpost = ShopFactory(name="Bưu cục Nga Sơn", kind="vnpost", district=districts["nga-son"])
    viettel = ShopFactory(name="Bưu cục Viettel Nga Sơn", kind="viettelpost", district=districts["nga-son"])
    market = ShopFactory(name="Chợ Nga Sơn", kind="market", district=districts["nga-son"])
    staff = staff_user(roles.POSTAL_STAFF)
    client.force_login(staff)
    assert client.get(reverse("admin:producers_producer_changelist")).context["cl"].result_count == 1
    # No company on the user's page yet: no shop at all.
    assert client.get(reverse("admin:shops_shop_changelist")).context["cl"].result_count == 0

    PostalStaffMember.objects.create(user=staff, company="vnpost")
    assert list(client.get(reverse("admin:shops_shop_changelist")).context["cl"].result_list) == [vnpost]
    for other in (viettel, market):
        assert client.get(reverse("admin:shops_shop_change", args=[other.pk])).status_code == 404
    # A new sale point is one of their company's; another kind is not theirs to add.
    form = client.get(reverse("admin:shops_shop_add")).context["adminform"].form
    assert [value for value, _label in form.fields["kind"].choices] == ["vnpost"]
    refused = client.post(
        reverse("admin:shops_shop_add"), {**shop_form(districts["nga-son"]), "kind": "market"}
    )
    assert refused.status_code == 200 and "kind" in refused.context["adminform"].form.errors
    added = client.post(
        reverse("admin:shops_shop_add"), {**shop_form(districts["nga-son"]), "kind": "vnpost"}
    )
    assert added.status_code == 302
    assert Shop.objects.get(name="Tạp hóa Hoa Mai").kind == "vnpost"


def test_saving_a_record_outside_the_editors_districts_is_refused_at_the_last_step(districts):
    """Form choices are already scoped; the admin still refuses to save a record whose
    district, as it stands in memory, is not the editor's (for every other write path)."""
    from django.contrib import admin
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from shops.tests.factories import ShopFactory

    editor = staff_user(roles.DISTRICT_EDITORS, districts["ha-trung"], username="bientap-save")
    shop = ShopFactory(district=districts["ha-trung"])
    shop.district = districts["nga-son"]
    request = RequestFactory().post("/")
    request.user = editor
    with pytest.raises(PermissionDenied):
        admin.site.get_model_admin(Shop).save_model(request, shop, form=None, change=True)
    shop.refresh_from_db()
    assert shop.district == districts["ha-trung"]
