"""A producer's phone numbers: one stored form, grouped on pages and printed lists,
dialled with tel:+84…, and the numbers producers held before."""

import json

import pytest
from django.urls import reverse

from core.contact import normalise_stored_phones
from producers.models import Producer
from producers.tests.factories import ProducerFactory, ProductFactory
from producers.tests.test_admin import producer_form
from shops.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def test_staff_save_a_producer_with_several_numbers(client, admin_user, ha_trung):
    client.force_login(admin_user)
    form = producer_form(
        ha_trung, "https://voso.vn/cua-hang/rau", phone="0912 345 678 và 0237.3852.000", zalo="912345678"
    )
    response = client.post(reverse("admin:producers_producer_add"), form)
    assert response.status_code == 302, response.context["errors"]
    producer = Producer.objects.get()
    assert (producer.phone, producer.extra_phones, producer.zalo) == (
        "+84912345678",
        ["+842373852000"],
        "+84912345678",
    )
    form = (
        client.get(reverse("admin:producers_producer_change", args=[producer.pk])).context["adminform"].form
    )
    assert 'value="0912 345 678"' in str(form["phone"]) and 'value="0237 3852 000"' in str(
        form["extra_phones"]
    )


def test_refused_number_is_named(client, admin_user, ha_trung):
    client.force_login(admin_user)
    form = producer_form(ha_trung, "https://voso.vn/cua-hang/rau", phone="số nhà 12")
    response = client.post(reverse("admin:producers_producer_add"), form)
    assert response.status_code == 200
    assert "Số điện thoại không hợp lệ: “số nhà 12”" in response.content.decode()
    assert not Producer.objects.exists()


def test_pages_and_printed_lists_show_grouped_numbers(client, ha_trung):
    commune = Commune.objects.get(slug="xa-ha-trung")
    producer = ProducerFactory(
        name="HTX Hai Số",
        district=ha_trung,
        commune=commune,
        phone="0912.345.678",
        extra_phones="(0237) 3852 000",
        zalo="0913 111 222",
    )
    ProductFactory(producer=producer, name="Gạo thơm")
    html = client.get(producer.get_absolute_url()).content.decode()
    assert 'href="tel:+84912345678"' in html and ">Gọi 0912 345 678</a>" in html
    assert 'href="https://zalo.me/0913111222"' in html
    assert '<dt>Số khác</dt><dd><a href="tel:+842373852000">0237 3852 000</a></dd>' in html

    cell = '<td class="phone">0912 345 678<br>0237 3852 000<br>Zalo 0913 111 222</td>'
    printed = client.get(
        reverse("producers:district_producers_print", kwargs={"slug": "ha-trung"})
    ).content.decode()
    assert cell in printed  # a Zalo number other than the phone is printed, not just "(Zalo)"
    printed = client.get(reverse("shops:commune_print", kwargs={"slug": commune.slug})).content.decode()
    assert cell in printed


def test_open_data_gives_producers_numbers_in_e164(client, ha_trung):
    ProducerFactory(district=ha_trung, phone="0912 345 678; 1800 1234", zalo="")
    body = json.loads(client.get("/du-lieu-mo/co-so-san-xuat.json").content)
    [row] = body["results"]
    assert (row["phone"], row["zalo"], row["extra_phones"]) == ("+84912345678", "", ["+8418001234"])
    assert body["fields"][-4:] == ["updated_at", "url", "extra_phones", "is_demo"]


def test_the_migration_stores_the_numbers_producers_already_hold(ha_trung):
    producer = ProducerFactory(district=ha_trung)
    Producer.objects.filter(pk=producer.pk).update(phone="0912.345.678 - 0237 3852 000", zalo="0912 345 678")
    report = normalise_stored_phones(Producer, "producers")
    producer.refresh_from_db()
    assert (producer.phone, producer.extra_phones, producer.zalo) == (
        "+84912345678",
        ["+842373852000"],
        "+84912345678",
    )
    assert (report.changed, report.split, report.unreadable) == (1, 1, [])
