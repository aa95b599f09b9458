from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "producers"
    verbose_name = _("Nông sản và sàn thương mại điện tử")

    def ready(self):
        from core import cache, registry, staff_pages
        from core.models import search_dependents
        from core.search import SearchGroup
        from producers.forms import InSeasonForm, ProductFilterForm
        from producers.importers import ProducerImporter
        from producers.models import Listing, Platform, Producer, Product, ProductPrice
        from producers.opendata import PRODUCERS, PRODUCTS
        from producers.sitemaps import ProducerSitemap, ProductSitemap
        from shops.models import Category, District

        cache.watch(Producer, Product, ProductPrice, Platform, Listing)
        # A producer's search text lists its products; a product's quotes its producer,
        # district and category.
        search_dependents.register(District, lambda district: Producer.objects.filter(district=district))
        search_dependents.register(
            District, lambda district: Product.objects.filter(producer__district=district)
        )
        search_dependents.register(Category, lambda category: category.products.all())
        search_dependents.register(Producer, lambda producer: producer.products.all())
        search_dependents.register(Product, lambda product: Producer.objects.filter(pk=product.producer_id))
        cache.query_parameters.register(*ProductFilterForm.base_fields)
        cache.query_parameters.register(*InSeasonForm.query_names.values(), *InSeasonForm.slug_fields)
        registry.sitemaps.register("producers", ProducerSitemap)
        registry.sitemaps.register("products", ProductSitemap)
        for dataset in (PRODUCERS, PRODUCTS):
            registry.datasets.register(dataset.slug, dataset)
        registry.public_rows.register("producers", Producer.objects.public)
        registry.public_rows.register("products", Product.objects.public)
        registry.public_rows.register("listings", Listing.objects.public)
        registry.importers.register(ProducerImporter.key, ProducerImporter())
        staff_pages.register(
            staff_pages.StaffPage(
                name="unplaced_producers",
                url_name="admin:producers_producer_changelist",
                query="?xa_hien_nay=chua",
                title=_("Cơ sở sản xuất chưa xác định xã, phường hiện nay"),
                summary=_("chọn xã, phường hiện nay cho từng cơ sở"),
                permission="producers.view_producer",
                count=lambda user: Producer.objects.for_user(user).filter(commune__isnull=True).count(),
            )
        )
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
                commune_path="producer__commune",
            ),
        )
