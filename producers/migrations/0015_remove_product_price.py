"""Product.price is now the latest of the product's dated prices (see 0011)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("producers", "0014_prices_from_products")]

    operations = [
        migrations.RemoveField(model_name="historicalproduct", name="price"),
        migrations.RemoveField(model_name="product", name="price"),
    ]
