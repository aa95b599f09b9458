"""Demo rows loaded before the flag existed are flagged by the migrations that add it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from producers.models import Listing, Producer, Product
from shops.models import Shop

NOTE = "Dữ liệu minh họa, không phải cơ sở thật."


@pytest.mark.django_db(transaction=True)  # the schema moves back and forth
def test_rows_the_old_demo_loader_wrote_are_flagged(districts):
    before = [("shops", "0011_goods_words"), ("producers", "0009_search_name")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    district = districts["ha-trung"].pk
    Shop_ = old.get_model("shops", "Shop")
    demo_shop = Shop_.objects.create(name="Tạp hóa", slug="tap-hoa-demo", district_id=district, notes=NOTE)
    real_shop = Shop_.objects.create(name="Tạp hóa thật", slug="tap-hoa-that", district_id=district)
    Producer_ = old.get_model("producers", "Producer")
    demo = Producer_.objects.create(
        name="HTX", slug="htx-demo", district_id=district, description=f"Mô tả. {NOTE}"
    )
    real = Producer_.objects.create(name="HTX thật", slug="htx-that-demo", district_id=district)
    product = old.get_model("producers", "Product").objects.create(name="Gạo", slug="gao-demo", producer=demo)
    platform = old.get_model("producers", "Platform").objects.get(slug="postmart")
    listing = old.get_model("producers", "Listing").objects.create(
        platform=platform, producer=demo, url="https://postmart.vn/shop/htx-demo"
    )

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Shop.objects.get(pk=demo_shop.pk).is_demo and not Shop.objects.get(pk=real_shop.pk).is_demo
    # A slug ending in "-demo" alone is not enough: the loader's note must be there too.
    assert Producer.objects.get(pk=demo.pk).is_demo and not Producer.objects.get(pk=real.pk).is_demo
    assert Product.objects.get(pk=product.pk).is_demo and Listing.objects.get(pk=listing.pk).is_demo
