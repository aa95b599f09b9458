from django.db import migrations

from core.migration_operations import PostgresTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("producers", "0003_thumbnails_and_history")]
    operations = [
        PostgresTrigramIndex(
            table="producers_producer", column="search_text", name="producers_producer_search_trgm"
        ),
        PostgresTrigramIndex(
            table="producers_product", column="search_text", name="producers_product_search_trgm"
        ),
    ]
