import pytest
from django.urls import reverse

from camnang.tests.utils import count_queries, h1_count
from core.models import Status
from producers.models import Listing, Platform
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory, platform

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(districts):
    producer = ProducerFactory(
        name="HTX Nông nghiệp Hà Lĩnh",
        district=districts["ha-trung"],
        representative="Nguyễn Văn An",
        phone="030 222 3333",
        zalo="030 222 3333",
    )
    ListingFactory(producer=producer, url="https://voso.vn/cua-hang/htx-ha-linh")
    return producer


def test_producer_page_has_contacts_products_and_counted_platform_links(client, producer):
    ProductFactory(producer=producer, name="Gạo nếp cái hoa vàng", ocop_stars=3)
    ProductFactory(producer=producer, name="Sản phẩm chưa công bố", status=Status.DRAFT)
    listing = producer.listings.get()

    response = client.get(producer.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert 'href="tel:+84302223333"' in html and ">Gọi 0302 223 333</a>" in html
    assert 'href="https://zalo.me/0302223333"' in html
    assert f'href="/go/{listing.pk}/"' in html
    assert "Mua trên voso.vn" in html
    assert "https://voso.vn/cua-hang/htx-ha-linh" not in html  # only the counted redirect
    assert "Gạo nếp cái hoa vàng" in html
    assert "OCOP 3 sao" in html
    assert "Sản phẩm chưa công bố" not in html


def test_following_a_listing_counts_the_click_and_redirects_to_the_stored_url(client, producer):
    listing = producer.listings.get()
    response = client.get(f"/go/{listing.pk}/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "https://voso.vn/cua-hang/htx-ha-linh"
    client.get(f"/go/{listing.pk}/")
    listing.refresh_from_db()
    assert listing.clicks == 2


@pytest.mark.parametrize("path", ["/go/999999/", "/go/abc/", "/go/-1/", "/go/san/khong-co/"])
def test_unknown_outbound_links_are_404(client, path):
    assert client.get(path).status_code == 404


def test_links_of_unpublished_or_inactive_listings_are_404(client, producer):
    listing = producer.listings.get()
    Listing.objects.filter(pk=listing.pk).update(is_active=False)
    assert client.get(f"/go/{listing.pk}/").status_code == 404
    Listing.objects.filter(pk=listing.pk).update(is_active=True)
    producer.status = Status.HIDDEN
    producer.save()
    assert client.get(f"/go/{listing.pk}/").status_code == 404


def test_platform_home_link_is_counted(client):
    response = client.get(reverse("producers:go_platform", kwargs={"slug": "postmart"}))
    assert response.status_code == 302
    assert response["Location"] == "https://postmart.vn/"
    assert platform("postmart").clicks == 1


def test_product_page(client, producer):
    product = ProductFactory(
        producer=producer,
        name="Nem chua Thanh Hóa",
        price=45000,
        unit="chục",
        harvest_months=[1, 2],
        ocop_stars=4,
    )
    own = Listing.objects.create(
        platform=platform("postmart"), product=product, url="https://postmart.vn/p/nem"
    )
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "45.000 đ / chục" in html
    assert "Tháng 1, Tháng 2" in html
    assert "OCOP 4 sao" in html
    assert f'href="/go/{own.pk}/"' in html  # the product's own page
    assert f'href="/go/{producer.listings.get(product=None).pk}/"' in html  # and the producer's shop
    assert 'href="tel:+84302223333"' in html


def test_products_of_unpublished_producers_are_hidden(client, producer):
    product = ProductFactory(producer=producer)
    producer.status = Status.DRAFT
    producer.save()
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(producer.get_absolute_url()).status_code == 404


def test_platform_directory(client):
    response = client.get(reverse("producers:platforms"))
    html = response.content.decode()
    assert h1_count(response) == 1
    for platform_obj in Platform.objects.all():
        assert platform_obj.name in html
        assert platform_obj.operator in html
        assert f'href="/go/san/{platform_obj.slug}/"' in html
    assert "Cách mua hàng" in html
    assert "Cách bán hàng" in html


def test_product_catalogue_filters(client, producer, districts):
    ProductFactory(producer=producer, name="Mật ong rừng", ocop_stars=4)
    ProductFactory(producer=producer, name="Rau cải", ocop_stars=0)
    url = reverse("producers:products")
    names = [p.name for p in client.get(url, {"ocop": "3"}).context["page_obj"]]
    assert names == ["Mật ong rừng"]
    assert client.get(url, {"ocop": "x", "district": "<b>", "page": "zz"}).status_code == 200
    other = [p.name for p in client.get(url, {"district": "muong-lat"}).context["page_obj"]]
    assert other == []


def test_producer_page_queries_do_not_grow_with_products(client, producer):
    ProductFactory.create_batch(2, producer=producer)
    few = count_queries(client, producer.get_absolute_url())
    for product in ProductFactory.create_batch(12, producer=producer):
        Listing.objects.create(
            platform=platform("postmart"), product=product, url=f"https://postmart.vn/p/{product.pk}"
        )
    assert count_queries(client, producer.get_absolute_url()) == few
