from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "producers"
    verbose_name = _("Nông sản và sàn thương mại điện tử")

    def ready(self):
        from core import cache, registry
        from core.search import SearchGroup
        from producers import signals  # noqa: F401
        from producers.forms import ProductFilterForm
        from producers.models import Listing, Platform, Producer, Product
        from producers.opendata import PRODUCERS, PRODUCTS
        from producers.sitemaps import ProducerSitemap, ProductSitemap

        cache.watch(Producer, Product, Platform, Listing)
        cache.query_parameters.register(*ProductFilterForm.base_fields)
        registry.sitemaps.register("producers", ProducerSitemap)
        registry.sitemaps.register("products", ProductSitemap)
        for dataset in (PRODUCERS, PRODUCTS):
            registry.datasets.register(dataset.slug, dataset)
        registry.search_groups.register(
            "producers",
            SearchGroup(
                "producers",
                _("Cơ sở sản xuất"),
                lambda: Producer.objects.public(),
                "producers/includes/producer_card.html",
                "producer",
            ),
        )
        registry.search_groups.register(
            "products",
            SearchGroup(
                "products",
                _("Sản phẩm"),
                lambda: Product.objects.public(),
                "producers/includes/product_card.html",
                "product",
                district_path="producer__district",
            ),
        )
