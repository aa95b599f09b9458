"""Each product's one undated price becomes a dated price with its source.

The price was entered by staff as the producer gave it (the admin, the district lists),
so its source is the producer, and its date the product's last change: the latest day
it can have been true. Rolling back puts each product's latest price back in its field
(the dated prices stay until 0010 is rolled back; migrating forward again keeps them).
"""

from django.db import migrations
from django.utils import timezone

PRODUCER = "producer"
NOTE = "Giá ghi trước khi cổng lưu ngày và nguồn giá; ngày giá là lần cập nhật sản phẩm gần nhất"


def forwards(apps, schema_editor):
    Product = apps.get_model("producers", "Product")
    ProductPrice = apps.get_model("producers", "ProductPrice")
    HistoricalProductPrice = apps.get_model("producers", "HistoricalProductPrice")
    prices = [
        ProductPrice(
            product_id=pk,
            price=price,
            observed_on=timezone.localdate(updated_at),
            source=PRODUCER,
            source_note=NOTE,
        )
        # A product that has dated prices already (migrated forward again) keeps them.
        for pk, price, updated_at in Product.objects.filter(price__isnull=False, prices__isnull=True)
        .order_by("pk")
        .values_list("pk", "price", "updated_at")
        .iterator(chunk_size=2000)
    ]
    ProductPrice.objects.bulk_create(prices, batch_size=500)
    # Their history starts here, as it would for a price entered in the admin.
    # (bulk_create gives the rows their pks on SQLite and PostgreSQL.)
    now = timezone.now()
    HistoricalProductPrice.objects.bulk_create(
        [
            HistoricalProductPrice(
                id=price.pk,
                product_id=price.product_id,
                price=price.price,
                unit=price.unit,
                observed_on=price.observed_on,
                source=price.source,
                source_note=price.source_note,
                history_date=now,
                history_type="+",
                history_change_reason="Chuyển từ giá tham khảo của sản phẩm",
            )
            for price in prices
        ],
        batch_size=500,
    )


def backwards(apps, schema_editor):
    Product = apps.get_model("producers", "Product")
    ProductPrice = apps.get_model("producers", "ProductPrice")
    latest = {}
    for product_id, price in ProductPrice.objects.order_by("observed_on", "pk").values_list(
        "product", "price"
    ):
        latest[product_id] = price
    products = list(Product.objects.filter(pk__in=latest))
    for product in products:
        product.price = latest[product.pk]
    Product.objects.bulk_update(products, ["price"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("producers", "0013_productprice")]

    operations = [migrations.RunPython(forwards, backwards)]
