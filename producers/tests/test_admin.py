import pytest
from django.urls import reverse

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import staff_user
from producers.models import Listing, Producer, ProductPrice
from producers.tests.factories import ProducerFactory, ProductFactory, ProductPriceFactory, platform

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
        "description": "",
        "photo_alt": "",
        **no_prices(),
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


def no_prices():
    return {"prices-TOTAL_FORMS": "0", "prices-INITIAL_FORMS": "0"}


def product_form(product, **prices):
    """The product's change form as the admin page posts it, with new prices (prefix: cells)."""
    data = {
        "name": product.name,
        "slug": product.slug,
        "producer": product.producer.pk,
        "status": product.status,
        "verified_on": "",
        "category": "",
        "ocop_stars": "0",
        "unit": "kg",
        "description": "",
        "photo_alt": "",
        "prices-TOTAL_FORMS": str(len(prices)),
        "prices-INITIAL_FORMS": "0",
        "listings-TOTAL_FORMS": "0",
        "listings-INITIAL_FORMS": "0",
    }
    for i, cells in enumerate(prices.values()):
        data.update({f"prices-{i}-{name}": value for name, value in cells.items()})
    return data


PRICE = {"observed_on": "2026-11-12", "price": "35000", "unit": "", "source": "commune_frame",
         "source_note": "Số 15/TB-UBND"}  # fmt: skip


def test_staff_add_a_dated_price_on_the_product_page(staff_client, client, today):
    product = ProductFactory(name="Gạo nếp cái hoa vàng")
    url = reverse("admin:producers_product_change", args=[product.pk])
    assert 'name="prices-TOTAL_FORMS"' in staff_client.get(url).content.decode()
    response = staff_client.post(url, product_form(product, first=PRICE))
    assert response.status_code == 302, response.context["errors"]
    price = product.prices.get()
    assert (price.price, price.observed_on, price.source) == (35000, today.replace(day=12), "commune_frame")
    assert price.history.get().history_user.is_superuser
    html = client.get(product.get_absolute_url()).content.decode()
    assert "35.000 đ / kg" in html and "ngày 12/11/2026" in html
    listed = staff_client.get(reverse("admin:producers_product_changelist")).content.decode()
    assert "35.000 đ / kg, 12/11/2026" in listed


def test_a_price_dated_after_today_is_refused(staff_client, today):
    product = ProductFactory()
    url = reverse("admin:producers_product_change", args=[product.pk])
    response = staff_client.post(url, product_form(product, first={**PRICE, "observed_on": "2026-11-21"}))
    assert response.status_code == 200
    assert "Ngày giá không được sau hôm nay." in response.content.decode()
    assert not ProductPrice.objects.exists()


@pytest.fixture
def editor_client(client, districts):
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    return client


def test_a_district_editor_prices_only_the_products_of_their_districts(editor_client, districts, today):
    own = ProductFactory(producer=ProducerFactory(district=districts["ha-trung"]))
    other = ProductFactory(producer=ProducerFactory(district=districts["nga-son"]))
    ProductPriceFactory(product=other, price=50000)

    url = reverse("admin:producers_product_change", args=[own.pk])
    assert editor_client.post(url, product_form(own, first=PRICE)).status_code == 302
    assert own.prices.get().price == 35000

    # Another district's product: not its page, not its prices, not through the price list.
    other_url = reverse("admin:producers_product_change", args=[other.pk])
    assert editor_client.get(other_url).status_code == 404
    assert editor_client.post(other_url, product_form(other, first=PRICE)).status_code == 404
    add = reverse("admin:producers_productprice_add")
    fields = {**PRICE, "product": other.pk}
    response = editor_client.post(add, fields)
    assert response.status_code == 200 and "product" in response.context["adminform"].form.errors
    assert list(other.prices.values_list("price", flat=True)) == [50000]
    listed = editor_client.get(reverse("admin:producers_productprice_changelist"))
    assert [price.product for price in listed.context["cl"].result_list] == [own]
    other_price = other.prices.get()
    change = reverse("admin:producers_productprice_change", args=[other_price.pk])
    assert editor_client.post(change, {**fields, "price": "1"}).status_code == 404
    assert other.prices.get().price == 50000


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
