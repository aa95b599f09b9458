from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "producers"
    verbose_name = _("Nông sản và sàn thương mại điện tử")

    def ready(self):
        from core.contributions import contribute, search_group
        from producers.forms import InSeasonForm, ProductFilterForm
        from producers.importers import ProducerImporter
        from producers.models import Listing, Platform, Producer, Product, ProductPrice
        from producers.opendata import PRODUCERS, PRODUCTS
        from producers.sitemaps import ProducerSitemap, ProductSitemap
        from shops.admin import unplaced_records_page
        from shops.models import Category, District

        contribute(
            query_parameters=(
                *ProductFilterForm.base_fields,
                *InSeasonForm.query_names.values(),
                *InSeasonForm.slug_fields,
            ),
            watched=(Producer, Product, ProductPrice, Platform, Listing),
            # A producer's search text lists its products; a product's quotes its producer,
            # district and category.
            search_dependents=(
                (District, lambda district: Producer.objects.filter(district=district)),
                (District, lambda district: Product.objects.filter(producer__district=district)),
                (Category, lambda category: category.products.all()),
                (Producer, lambda producer: producer.products.all()),
                (Product, lambda product: Producer.objects.filter(pk=product.producer_id)),
            ),
            sitemaps={"producers": ProducerSitemap, "products": ProductSitemap},
            datasets=(PRODUCERS, PRODUCTS),
            public_rows={
                "producers": Producer.objects.public,
                "products": Product.objects.public,
                "listings": Listing.objects.public,
            },
            importers=(ProducerImporter(),),
            pages=(
                unplaced_records_page(
                    Producer,
                    "unplaced_producers",
                    _("Cơ sở sản xuất chưa xác định xã, phường hiện nay"),
                    _("chọn xã, phường hiện nay cho từng cơ sở"),
                ),
            ),
            search_groups=(
                search_group("producers", Producer, _("Cơ sở sản xuất")),
                search_group(
                    "products",
                    Product,
                    _("Sản phẩm"),
                    district_path="producer__district",
                    commune_path="producer__commune",
                ),
            ),
        )
