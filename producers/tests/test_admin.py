import pytest
from django.urls import reverse

from producers.models import Listing, Producer
from producers.tests.factories import ProducerFactory, ProductFactory, platform

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def producer_form(district, listing_url, **overrides):
    data = {
        "name": "HTX Rau an toàn Hà Lĩnh",
        "slug": "",
        "kind": "cooperative",
        "status": "published",
        "verified_on": "2026-11-01",
        "representative": "Lê Thị Hoa",
        "district": district.pk,
        "commune_name": "Xã Hà Lĩnh",
        "address": "Thôn 2",
        "phone": "030 777 8888",
        "zalo": "030 777 8888",
        "description": "Trồng rau theo quy trình an toàn.",
        "photo_alt": "",
        "products-TOTAL_FORMS": "1",
        "products-INITIAL_FORMS": "0",
        "products-0-name": "Rau cải ngọt",
        "products-0-status": "published",
        "products-0-ocop_stars": "0",
        "products-0-harvest_months": ["10", "11", "12"],
        "products-0-unit": "kg",
        "products-0-price": "20000",
        "products-0-description": "",
        "products-0-photo_alt": "",
        "listings-TOTAL_FORMS": "1",
        "listings-INITIAL_FORMS": "0",
        "listings-0-platform": platform("voso").pk,
        "listings-0-url": listing_url,
        "listings-0-is_active": "on",
    }
    data.update(overrides)
    return data


def test_staff_adds_a_producer_with_products_and_a_listing(staff_client, client, districts):
    url = reverse("admin:producers_producer_add")
    response = staff_client.post(
        url, producer_form(districts["ha-trung"], "https://voso.vn/cua-hang/rau-ha-linh")
    )
    assert response.status_code == 302, response.context["errors"]
    producer = Producer.objects.get()
    product = producer.products.get()
    assert product.harvest_months == [10, 11, 12]
    assert "rau cai ngot" in Producer.objects.get().search_text
    listing = producer.listings.get()
    page = client.get(producer.get_absolute_url()).content.decode()
    assert f'href="/go/{listing.pk}/"' in page
    assert "Rau cải ngọt" in page


def test_listing_off_the_platform_domain_is_refused_in_the_admin(staff_client, districts):
    url = reverse("admin:producers_producer_add")
    response = staff_client.post(url, producer_form(districts["ha-trung"], "https://evil.example/voso.vn"))
    assert response.status_code == 200
    assert "phải thuộc tên miền voso.vn" in response.content.decode()
    assert not Producer.objects.exists()
    assert not Listing.objects.exists()


def test_producer_changelist_and_accent_free_search(staff_client, districts):
    ProducerFactory(name="HTX Nông sản Đông Anh", district=districts["dong-son"])
    ProducerFactory(name="Tổ hợp tác Mật ong", district=districts["ha-trung"])
    url = reverse("admin:producers_producer_changelist")
    html = staff_client.get(url, {"q": "dong anh"}).content.decode()
    assert "HTX Nông sản Đông Anh" in html and "Mật ong" not in html
    assert staff_client.get(url, {"listings__platform__id__exact": platform("voso").pk}).status_code == 200


def test_product_admin_adds_a_product_listing(staff_client):
    product = ProductFactory()
    url = reverse("admin:producers_product_change", args=[product.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = {
        "name": product.name,
        "slug": product.slug,
        "producer": product.producer.pk,
        "status": "published",
        "verified_on": "",
        "category": "",
        "ocop_stars": "3",
        "unit": "",
        "price": "",
        "description": "",
        "photo_alt": "",
        "listings-TOTAL_FORMS": "1",
        "listings-INITIAL_FORMS": "0",
        "listings-0-platform": platform("postmart").pk,
        "listings-0-url": "https://postmart.vn/p/gao-nep",
        "listings-0-is_active": "on",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    listing = Listing.objects.get()
    assert listing.product == product and listing.producer == product.producer


def test_platforms_are_editable_data(staff_client):
    url = reverse("admin:producers_platform_add")
    data = {
        "name": "Sàn thử nghiệm",
        "slug": "san-thu-nghiem",
        "operator": "Đơn vị thử nghiệm",
        "home_url": "https://san.example.vn/",
        "domain": "san.example.vn",
        "summary": "",
        "how_to_buy": "",
        "how_to_sell": "",
        "position": 3,
        "is_active": "on",
    }
    assert staff_client.post(url, data).status_code == 302
    bad = {**data, "slug": "san-2", "home_url": "https://other.example/"}
    response = staff_client.post(url, bad)
    assert "Trang chủ phải thuộc tên miền" in response.content.decode()
