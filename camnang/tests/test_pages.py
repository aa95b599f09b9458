"""Project-wide smoke tests: migrations, every public page, the home page's content."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from camnang.tests.utils import count_queries, h1_count
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_no_missing_migrations():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.fixture
def sample(districts):
    ha_trung = districts["ha-trung"]
    shop = ShopFactory(district=ha_trung)
    producer = ProducerFactory(district=ha_trung)
    product = ProductFactory(producer=producer, ocop_stars=3)
    ListingFactory(producer=producer)
    return {"district": ha_trung, "shop": shop, "producer": producer, "product": product}


def public_urls(sample):
    return [
        reverse("home"),
        reverse("search"),
        reverse("search") + "?q=ha+trung",
        reverse("shops:districts"),
        sample["district"].get_absolute_url(),
        reverse("producers:district_producers", kwargs={"slug": sample["district"].slug}),
        sample["shop"].get_absolute_url(),
        sample["producer"].get_absolute_url(),
        sample["product"].get_absolute_url(),
        reverse("producers:products"),
        reverse("producers:platforms"),
    ]


def test_every_public_page_answers_with_one_h1(client, sample):
    for url in public_urls(sample):
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url
        assert '<html lang="vi">' in response.content.decode(), url


def test_home_page_has_what_a_citizen_needs(client, sample, settings):
    settings.PORTAL_HOTLINE, settings.PORTAL_HOTLINE_OWNER = "0237 3000 000", "Phòng Hỗ trợ – Sở Ví dụ"
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Cẩm nang mua bán hàng online – an toàn phòng chống dịch" in html
    assert 'action="/tim-kiem/"' in html
    assert html.count('href="/dia-ban/') >= 27
    assert 'href="/go/san/postmart/"' in html
    assert 'href="/go/san/voso/"' in html
    assert 'href="tel:+842373000000"' in html and "0237 3000 000" in html
    assert "Phòng Hỗ trợ – Sở Ví dụ" in html


def test_no_support_line_unless_the_department_sets_one(client, sample):
    """The 2021 letter's number is the agencies' coordination contact, not a citizens' line."""
    for url in (reverse("home"), reverse("campaigns:handbook_print"), sample["shop"].get_absolute_url()):
        html = client.get(url).content.decode()
        assert "0915" not in html and "Đường dây hỗ trợ" not in html, url


def test_home_page_queries_are_constant(client, sample, districts):
    few = count_queries(client, reverse("home"))
    for district in list(districts.values())[:10]:
        ShopFactory.create_batch(3, district=district)
        ProductFactory(producer=ProducerFactory(district=district), ocop_stars=4)
    assert count_queries(client, reverse("home")) == few


def test_ensure_database_is_a_no_op_when_the_database_answers():
    out = io.StringIO()
    call_command("ensure_database", stdout=out)
    assert out.getvalue() == ""
