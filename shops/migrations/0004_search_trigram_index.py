from django.db import migrations

from core.migration_operations import PostgresTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("shops", "0003_staff_districts_and_history")]
    operations = [
        PostgresTrigramIndex(table="shops_shop", column="search_text", name="shops_shop_search_trgm")
    ]
