import pytest
from django.core.exceptions import ValidationError

from core import services
from producers.models import Listing
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory, platform

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "https://voso.vn/cua-hang/htx-a",
        "https://www.voso.vn/cua-hang/htx-a",
        "http://m.voso.vn/p/1",
    ],
)
def test_listing_on_its_platform_domain_is_saved(url):
    listing = ListingFactory(url=url)
    assert Listing.objects.filter(pk=listing.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://postmart.vn/shop/htx-a",  # the other platform
        "https://voso.vn.attacker.example/cua-hang",
        "https://evilvoso.vn/cua-hang",
        "javascript:alert(1)//voso.vn",
        "ftp://voso.vn/file",
    ],
)
def test_listing_off_the_platform_domain_is_refused_on_save(url):
    with pytest.raises(ValidationError) as exc:
        ListingFactory(url=url)
    assert "phải thuộc tên miền voso.vn" in str(exc.value)
    assert not Listing.objects.exists()


def test_product_listing_takes_the_products_producer():
    product = ProductFactory()
    listing = Listing.objects.create(
        platform=platform("postmart"), product=product, url="https://postmart.vn/p/1"
    )
    assert listing.producer == product.producer


def test_product_of_another_producer_is_refused():
    product = ProductFactory()
    with pytest.raises(ValidationError, match="không thuộc cơ sở sản xuất"):
        Listing.objects.create(
            platform=platform("postmart"),
            producer=ProducerFactory(),
            product=product,
            url="https://postmart.vn/p/2",
        )


def test_producer_search_text_follows_its_products():
    producer = ProducerFactory(name="HTX Thành Công")
    product = ProductFactory(producer=producer, name="Nem chua Thanh Hóa")
    producer.refresh_from_db()
    assert "nem chua" in producer.search_text
    product.name = "Chè lam Phủ Quảng"
    product.save()
    services.refresh_search(product)
    producer.refresh_from_db()
    assert "che lam" in producer.search_text
    assert "nem chua" not in producer.search_text
    product.delete()
    services.refresh_search(product)
    producer.refresh_from_db()
    assert "che lam" not in producer.search_text


def test_product_search_text_follows_producer_and_district():
    product = ProductFactory(name="Bưởi Luận Văn")
    producer = product.producer
    producer.name = "Tổ hợp tác Bưởi Xuân Lộc"
    producer.save()
    services.refresh_search(producer)
    district = producer.district
    district.name = "Huyện Thọ Xuân"
    district.save()
    services.refresh_search(district)
    product.refresh_from_db()
    assert "to hop tac buoi xuan loc" in product.search_text
    assert "huyen tho xuan" in product.search_text


def test_harvest_months_round_trip():
    product = ProductFactory(harvest_months=[12, 1, 2])
    product.refresh_from_db()
    assert product.harvest_months == [1, 2, 12]
    assert product.harvest_month_labels == ["Tháng 1", "Tháng 2", "Tháng 12"]
    with pytest.raises(ValidationError):
        product.harvest_months = [13]
        product.full_clean()
