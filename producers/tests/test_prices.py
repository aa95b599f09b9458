"""Dated indicative prices with their source, on product pages, cards and lists."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from camnang.tests.utils import count_queries
from producers.models import ProductPrice
from producers.tests.factories import ProducerFactory, ProductFactory, ProductPriceFactory

pytestmark = pytest.mark.django_db

Source = ProductPrice.Source


@pytest.fixture
def rice(districts):
    producer = ProducerFactory(name="HTX Nông nghiệp Hà Lĩnh", district=districts["ha-trung"])
    return ProductFactory(producer=producer, name="Gạo nếp cái hoa vàng", unit="kg", harvest_months=[11])


def page(client, product) -> str:
    return client.get(product.get_absolute_url()).content.decode()


def offer(html: str):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    return data.get("offers")


def test_the_product_page_shows_the_latest_price_with_its_date_and_source(client, rice, today):
    ProductPriceFactory(
        product=rice, price=30000, observed_on=today - timedelta(days=40), source=Source.PRODUCER
    )
    ProductPriceFactory(
        product=rice,
        price=35000,
        observed_on=today - timedelta(days=8),
        source=Source.COMMUNE_FRAME,
        source_note="Số 15/TB-UBND",
    )
    html = page(client, rice)
    assert (
        '<dt>Giá tham khảo</dt><dd><span class="price">35.000 đ / kg</span> · ngày 12/11/2026'
        " · Khung giá của UBND xã/phường (Số 15/TB-UBND)</dd>"
    ) in html
    assert "Giá cũ" not in html
    assert offer(html)["price"] == 35000


def test_the_history_shows_the_last_five_prices_newest_first(client, rice, today):
    for weeks in range(7):
        ProductPriceFactory(
            product=rice, price=30000 + weeks * 1000, observed_on=today - timedelta(weeks=weeks)
        )
    ProductPriceFactory(
        product=rice, price=99000, unit="bao 5 kg", observed_on=today, source=Source.MARKET_BULLETIN
    )
    html = page(client, rice)
    table = html[html.index('<table class="price-history">') : html.index("</table>")]
    assert re.findall(r"<td>(\d\d/\d\d/\d{4})</td>", table) == [
        "20/11/2026", "20/11/2026", "13/11/2026", "06/11/2026", "30/10/2026"
    ]  # fmt: skip
    assert "99.000 đ / bao 5 kg" in table and "31.000 đ / kg" in table and "34.000" not in table
    assert "Bản tin giá thị trường của Sở Công Thương" in table


def test_a_single_price_has_no_history_table(client, rice, today):
    ProductPriceFactory(product=rice, observed_on=today)
    assert "price-history" not in page(client, rice)


@pytest.mark.parametrize(("days", "old"), [(0, False), (90, False), (91, True), (400, True)])
def test_a_price_older_than_90_days_is_shown_as_old(client, rice, today, days, old):
    ProductPriceFactory(product=rice, price=35000, observed_on=today - timedelta(days=days))
    html = page(client, rice)
    assert (f"Giá cũ, cập nhật cách đây {days} ngày" in html) is old
    assert (offer(html) is None) is old  # an old price is not offered to search engines
    cards = client.get(reverse("producers:products")).content.decode()
    assert "35.000 đ / kg" in cards
    assert ((today - timedelta(days=days)).strftime("%d/%m/%Y") in cards) is True
    assert ("(giá cũ)" in cards) is old


def test_a_product_without_a_price_shows_none(client, rice, today):
    html = page(client, rice)
    assert "Giá tham khảo" not in html and offer(html) is None
    assert "<dt>Đơn vị tính</dt><dd>kg</dd>" in html


def test_lists_show_each_products_latest_price_and_date(client, rice, today):
    ProductPriceFactory(product=rice, price=30000, observed_on=today - timedelta(days=30))
    ProductPriceFactory(product=rice, price=32000, observed_on=today - timedelta(days=2))
    other = ProductFactory(producer=rice.producer, name="Mật ong", unit="lít", harvest_months=[11])
    ProductPriceFactory(product=other, price=250000, observed_on=today - timedelta(days=100))
    for html in (
        client.get(reverse("producers:products")).content.decode(),
        client.get(reverse("producers:in_season")).content.decode(),
    ):
        assert '32.000 đ / kg</span> <span class="price-date">· 18/11/2026</span>' in html
        assert "30.000" not in html
        assert '250.000 đ / lít</span> <span class="price-date">· 12/08/2026</span>' in html
        assert "(giá cũ)" in html
    search = client.get(reverse("search"), {"q": "gao nep"}).content.decode()
    assert '32.000 đ / kg</span> <span class="price-date">· 18/11/2026</span>' in search


@pytest.mark.parametrize("url", ["producers:products", "producers:in_season"])
def test_lists_read_prices_without_a_query_per_product(client, rice, today, url):
    ProductPriceFactory(product=rice, observed_on=today)
    few = count_queries(client, reverse(url))
    for product in ProductFactory.create_batch(6, producer=rice.producer, harvest_months=[11]):
        for days in (1, 2, 3):
            ProductPriceFactory(product=product, observed_on=today - timedelta(days=days))
    assert count_queries(client, reverse(url)) == few


def test_the_product_page_reads_its_prices_in_one_query(client, rice, today):
    ProductPriceFactory(product=rice, observed_on=today)
    few = count_queries(client, rice.get_absolute_url())
    for days in range(1, 9):
        ProductPriceFactory(product=rice, observed_on=today - timedelta(days=days))
    assert count_queries(client, rice.get_absolute_url()) == few


@pytest.mark.django_db(transaction=True)  # committed, as in production
def test_a_new_price_shows_at_once_on_cached_pages(rice, today):
    from camnang.tests.utils import wsgi_get

    assert "36.000" not in wsgi_get(rice.get_absolute_url()).content.decode()
    assert wsgi_get(rice.get_absolute_url())["X-Cache"] == "HIT"
    ProductPriceFactory(product=rice, price=36000, observed_on=today)
    assert "36.000 đ / kg" in wsgi_get(rice.get_absolute_url()).content.decode()


def test_one_price_a_day_from_each_source(rice, today):
    from django.db import IntegrityError, transaction

    ProductPriceFactory(product=rice, observed_on=today, source=Source.PRODUCER)
    ProductPriceFactory(product=rice, observed_on=today, source=Source.COMMUNE_FRAME)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductPriceFactory(product=rice, observed_on=today, source=Source.PRODUCER)


@pytest.mark.django_db(transaction=True)  # the schema moves back and forth
def test_the_migration_turns_each_products_price_into_a_dated_price_and_back(districts):
    from datetime import UTC, datetime

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = ("producers", "0013_productprice"), ("producers", "0015_remove_product_price")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    producer = old.get_model("producers", "Producer").objects.create(
        name="HTX Cũ", slug="htx-cu", district_id=districts["ha-trung"].pk, phone="+84912345678"
    )
    Product = old.get_model("producers", "Product")
    priced = Product.objects.create(name="Gạo", slug="gao", producer=producer, price=35000, unit="kg")
    Product.objects.create(name="Chưa có giá", slug="chua-co-gia", producer=producer)
    # Changed last at 20:00 on 2 March in UTC: 3 March in Thanh Hóa.
    Product.objects.filter(pk=priced.pk).update(updated_at=datetime(2026, 3, 2, 20, tzinfo=UTC))

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    price = ProductPrice.objects.get()
    assert (price.product_id, price.price, price.source) == (priced.pk, 35000, Source.PRODUCER)
    assert price.observed_on.isoformat() == "2026-03-03"
    assert "ngày giá là lần cập nhật sản phẩm gần nhất" in price.source_note
    assert price.history.get().history_type == "+"

    # Rolled back, the product gets its latest price again.
    ProductPriceFactory(product=price.product, price=38000, observed_on=price.observed_on + timedelta(days=1))
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    Product = executor.loader.project_state([before]).apps.get_model("producers", "Product")
    assert dict(Product.objects.values_list("name", "price")) == {"Gạo": 38000, "Chưa có giá": None}
    # Forward again, the dated prices are kept as they were, none added.
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
    assert list(ProductPrice.objects.values_list("price", flat=True)) == [38000, 35000]
