"""A shop's phone numbers: stored in one form whoever typed them, shown grouped, dialled
with tel:+84…, several numbers in one cell, and the numbers shops held before."""

import importlib
import json
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from camnang.tests.utils import check_sheet, import_sheet, upload_sheet, xlsx_upload
from core.contact import normalise_stored_phones, unsplit_stored_phones
from shops.models import Shop
from shops.tests.factories import ShopFactory
from shops.tests.test_admin import shop_form
from shops.tests.test_importing import HEADERS, shop_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def test_staff_type_numbers_their_way_and_the_shop_keeps_one_form(staff_client, ha_trung):
    form = shop_form(ha_trung, phone="0912.345.678 / (0237) 3852 000", zalo="84912345678")
    response = staff_client.post(reverse("admin:shops_shop_add"), form)
    assert response.status_code == 302, response.context["adminform"].form.errors

    shop = Shop.objects.get()
    assert shop.phone == "+84912345678"
    assert shop.extra_phones == ["+842373852000"]
    assert shop.zalo == "+84912345678"
    history = shop.history.first()
    assert history.phone == "+84912345678" and history.extra_phones == ["+842373852000"]

    # The form shows the numbers grouped for reading; saving it unchanged changes nothing.
    change_url = reverse("admin:shops_shop_change", args=[shop.pk])
    form = staff_client.get(change_url).context["adminform"].form
    html = str(form["phone"]) + str(form["extra_phones"]) + str(form["zalo"])
    assert 'value="0912 345 678"' in html and 'value="0237 3852 000"' in html
    same = shop_form(ha_trung, phone="0912 345 678", extra_phones="0237 3852 000", zalo="0912 345 678")
    assert not {"phone", "extra_phones", "zalo"} & set(type(form)(same, instance=shop).changed_data)
    data = shop_form(ha_trung, phone="0912 345 678", extra_phones="0237 3852 000, 0913 111 222", zalo="")
    response = staff_client.post(change_url, data)
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.extra_phones == ["+842373852000", "+84913111222"] and shop.zalo == ""


def test_a_number_that_does_not_read_is_refused_by_name_and_nothing_is_saved(staff_client, ha_trung):
    response = staff_client.post(
        reverse("admin:shops_shop_add"), shop_form(ha_trung, phone="0912 345 678 / 12ab")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["phone"] == [
        "Số điện thoại không hợp lệ: “12ab” (trong “0912 345 678 / 12ab”). "
        "Ghi số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0237 3852 000; "
        "nhiều số thì cách nhau bằng dấu /."
    ]
    assert 'value="0912 345 678 / 12ab"' in response.content.decode()  # as typed, to correct
    assert not Shop.objects.exists()


def test_one_zalo_number_only(staff_client, ha_trung):
    form = shop_form(ha_trung, zalo="0912 345 678 / 0913 111 222")
    response = staff_client.post(reverse("admin:shops_shop_add"), form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["zalo"] == [
        "Chỉ ghi một số điện thoại ở đây: “0912 345 678 / 0913 111 222”."
    ]
    assert not Shop.objects.exists()


def test_several_numbers_in_an_imported_cell_become_the_main_and_other_numbers(client, admin_user, ha_trung):
    client.force_login(admin_user)
    rows = [shop_row(1, **{"Điện thoại": "0912 345 678 - 0237 3852 000 hoặc 0913.111.222"})]
    job = import_sheet(client, "cua-hang", xlsx_upload(HEADERS, rows))
    assert job.state == job.State.DONE, job.problems
    shop = Shop.objects.get()
    assert shop.phone == "+84912345678"
    assert shop.extra_phones == ["+842373852000", "+84913111222"]

    rows = [shop_row(2, **{"Điện thoại": "0912 345 678 / 0237"})]
    job = check_sheet(client, upload_sheet(client, "cua-hang", xlsx_upload(HEADERS, rows)))
    [problem] = job.problems
    assert (problem["row"], problem["column"]) == (2, "Điện thoại")
    assert problem["message"].startswith("Số điện thoại không hợp lệ: “0237” (trong “0912 345 678 / 0237”)")


def test_code_that_saves_a_shop_stores_the_same_form(ha_trung):
    shop = ShopFactory(district=ha_trung, phone="0912 345 678 / 0237 3852 000", zalo="0912.345.678")
    shop.refresh_from_db()
    assert (shop.phone, shop.extra_phones, shop.zalo) == ("+84912345678", ["+842373852000"], "+84912345678")


def test_pages_show_numbers_grouped_and_dial_them_internationally(client, ha_trung):
    shop = ShopFactory(
        name="Tạp hóa Hai Số",
        district=ha_trung,
        phone="0912.345.678",
        extra_phones="0237 3852 000, 1800 1234",
        zalo="0913 111 222",
    )
    html = client.get(shop.get_absolute_url()).content.decode()
    assert 'href="tel:+84912345678"' in html and ">Gọi 0912 345 678</a>" in html
    assert 'href="https://zalo.me/0913111222"' in html
    assert (
        '<dt>Số khác</dt><dd><a href="tel:+842373852000">0237 3852 000</a>, '
        '<a href="tel:18001234">1800 1234</a></dd>'
    ) in html
    assert "0912.345.678" not in html

    card = client.get(ha_trung.get_absolute_url()).content.decode()
    assert 'href="tel:+84912345678"' in card and ">Gọi 0912 345 678</a>" in card

    printed = client.get(reverse("shops:district_print", kwargs={"slug": "ha-trung"})).content.decode()
    assert '<td class="phone">0912 345 678<br>0237 3852 000<br>1800 1234<br>Zalo 0913 111 222</td>' in printed


def test_a_shop_without_other_numbers_shows_no_heading_for_them(client, ha_trung):
    shop = ShopFactory(district=ha_trung, phone="0912 345 678", zalo="0912 345 678")
    html = client.get(shop.get_absolute_url()).content.decode()
    assert "Số khác" not in html
    printed = client.get(reverse("shops:district_print", kwargs={"slug": "ha-trung"})).content.decode()
    assert '<td class="phone">0912 345 678 (Zalo)</td>' in printed


def test_a_number_left_as_typed_is_shown_but_not_dialled(client, ha_trung):
    shop = ShopFactory(district=ha_trung, zalo="")
    legacy(shop, phone="0912345678 anh Hùng")
    html = client.get(shop.get_absolute_url()).content.decode()
    assert '<span class="phone">0912345678 anh Hùng</span>' in html and "btn-call" not in html


def test_search_engines_get_the_number_with_its_country_code(client, ha_trung):
    shop = ShopFactory(district=ha_trung, phone="0912 345 678")
    html = client.get(shop.get_absolute_url()).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["telephone"] == "+84912345678"


def test_open_data_gives_every_number_in_e164(client, ha_trung):
    ShopFactory(district=ha_trung, phone="0912 345 678 / 0237 3852 000", zalo="0913.111.222")
    [row] = json.loads(client.get("/du-lieu-mo/cua-hang.json").content)["results"]
    assert (row["phone"], row["zalo"], row["extra_phones"]) == (
        "+84912345678",
        "+84913111222",
        ["+842373852000"],
    )

    csv = client.get("/du-lieu-mo/cua-hang.csv").content.decode("utf-8-sig").splitlines()
    header, values = csv[0].split(","), csv[1].split(",")
    # A field added after the first release comes last, so earlier columns keep their places.
    assert header[-4:] == ["updated_at", "url", "extra_phones", "is_demo"]
    assert values[header.index("phone")] == "+84912345678"
    assert values[header.index("extra_phones")] == "+842373852000" and values[-1] == "0"

    page = client.get("/du-lieu-mo/").content.decode()
    assert "<code>extra_phones</code>" in page and "E.164" in page


def legacy(shop, **typed):
    """The numbers as shops held them before: written straight into the table."""
    Shop.objects.filter(pk=shop.pk).update(**typed)


def test_the_migration_stores_the_numbers_shops_already_hold(ha_trung):
    long_ago = timezone.now() - timedelta(days=400)
    typed = ShopFactory(name="Gõ tay", district=ha_trung)
    legacy(typed, phone="0912.345.678", zalo="84912345678", updated_at=long_ago)
    several = ShopFactory(name="Nhiều số", district=ha_trung)
    legacy(several, phone="0913 111 222 / (0237) 3852 000", zalo="", updated_at=long_ago)
    unreadable = ShopFactory(name="Số lạ", district=ha_trung)
    legacy(unreadable, phone="0912345678 anh Hùng", zalo="0912 345", updated_at=long_ago)
    done = ShopFactory(name="Đã chuẩn", district=ha_trung, phone="+84914000111", zalo="")
    legacy(done, updated_at=long_ago)

    report = normalise_stored_phones(Shop, "shops")

    rows = {
        name: (phone, zalo, extra_phones, updated_at > long_ago)
        for name, phone, zalo, extra_phones, updated_at in Shop.objects.values_list(
            "name", "phone", "zalo", "extra_phones", "updated_at"
        )
    }
    assert rows == {
        "Gõ tay": ("+84912345678", "+84912345678", [], True),
        "Nhiều số": ("+84913111222", "", ["+842373852000"], True),
        "Số lạ": ("0912345678 anh Hùng", "0912 345", [], False),  # kept exactly as typed
        "Đã chuẩn": ("+84914000111", "", [], False),
    }
    assert (report.changed, report.split) == (2, 1)
    assert report.unreadable == [
        (unreadable.pk, "Số lạ", "phone", "0912345678 anh Hùng"),
        (unreadable.pk, "Số lạ", "zalo", "0912 345"),
    ]
    lines = report.lines()
    assert lines[0].startswith("Phone numbers of shops: 2 rows now in E.164 (1 with several")
    assert lines[-1] == f"  #{unreadable.pk} Số lạ: zalo “0912 345”"
    assert normalise_stored_phones(Shop, "shops").changed == 0  # a second run changes nothing


def test_the_migration_lists_what_it_left_for_staff(ha_trung, capsys):
    migration = importlib.import_module("shops.migrations.0007_normalise_phone_numbers")
    legacy(ShopFactory(name="Gõ tay", district=ha_trung), phone="0912.345.678")
    unreadable = ShopFactory(name="Số lạ", district=ha_trung)
    legacy(unreadable, phone="0912345678 anh Hùng")
    migration.normalise(django_apps, schema_editor=None)
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  Phone numbers of shops: 1 row now in E.164 (0 with several numbers in the phone field,"
        " now main and other numbers).",
        "  1 value not read as Vietnamese phone numbers, kept as typed for staff to correct"
        " (admin filter “Số điện thoại: Cần sửa”):",
        f"    #{unreadable.pk} Số lạ: phone “0912345678 anh Hùng”",
    ]
    assert Shop.objects.get(name="Gõ tay").phone == "+84912345678"


def test_rolling_the_migration_back_puts_the_other_numbers_back_without_losing_one(ha_trung):
    two = ShopFactory(name="Hai số", district=ha_trung, phone="0912 345 678 / 0237 3852 000")
    one = ShopFactory(name="Một số", district=ha_trung, phone="0913 111 222")
    unsplit_stored_phones(Shop)
    assert Shop.objects.filter(pk=two.pk).values_list("phone", "extra_phones").get() == (
        "0912345678 / 02373852000",
        [],
    )
    assert Shop.objects.filter(pk=one.pk).values_list("phone").get() == ("+84913111222",)

    many = ShopFactory(name="Nhiều số", district=ha_trung, phone="0912 345 678 / 0913 111 222 / 0914 222 333")
    with pytest.raises(RuntimeError, match=rf"\[{many.pk}\]: too many other numbers"):
        unsplit_stored_phones(Shop)
    assert Shop.objects.filter(pk=many.pk).values_list("extra_phones").get() == (
        ["+84913111222", "+84914222333"],
    )


def test_staff_find_the_numbers_left_for_them(staff_client, ha_trung):
    ShopFactory(name="Số chuẩn", district=ha_trung, phone="0912 345 678")
    legacy(ShopFactory(name="Số lạ", district=ha_trung), phone="0912345678 anh Hùng")
    legacy(ShopFactory(name="Zalo lạ", district=ha_trung), zalo="zalo cũ")
    url = reverse("admin:shops_shop_changelist")
    html = staff_client.get(url).content.decode()
    assert "0912 345 678" in html  # grouped in the list too
    html = staff_client.get(url, {"so_dien_thoai": "can-sua"}).content.decode()
    assert "Số lạ" in html and "Zalo lạ" in html and "Số chuẩn" not in html
