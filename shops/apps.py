from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = _("Cửa hàng và địa bàn")

    def ready(self):
        from core import cache, registry, staff_pages
        from core.models import search_dependents
        from core.search import SearchGroup
        from shops.forms import AddressLookupForm, ShopFilterForm
        from shops.importers import ShopImporter
        from shops.models import Category, Commune, District, GoodsWord, Shop
        from shops.opendata import SHOPS
        from shops.search import read_goods, read_places, search_words
        from shops.sitemaps import CommuneSitemap, DistrictSitemap, ShopSitemap

        cache.watch(District, Commune, Category, Shop, GoodsWord)
        # A shop's search text quotes its district's and its categories' names.
        search_dependents.register(District, lambda district: Shop.objects.filter(district=district))
        search_dependents.register(Category, lambda category: category.shops.all())
        cache.query_parameters.register(*ShopFilterForm.base_fields)
        cache.query_parameters.register(*AddressLookupForm.query_names.values())
        registry.sitemaps.register("districts", DistrictSitemap)
        registry.sitemaps.register("communes", CommuneSitemap)
        registry.sitemaps.register("shops", ShopSitemap)
        registry.datasets.register(SHOPS.slug, SHOPS)
        registry.public_rows.register("shops", Shop.objects.public)
        registry.importers.register(ShopImporter.key, ShopImporter())
        staff_pages.register(
            staff_pages.StaffPage(
                name="unplaced_shops",
                url_name="admin:shops_shop_changelist",
                query="?xa_hien_nay=chua",
                title=_("Cửa hàng chưa xác định xã, phường hiện nay"),
                summary=_(
                    "tên xã ghi theo địa chỉ cũ không đủ để xác định (xã bị chia, hoặc không tìm thấy)"
                ),
                permission="shops.view_shop",
                count=lambda user: Shop.objects.for_user(user).filter(commune__isnull=True).count(),
            )
        )
        registry.query_readers.register("places", read_places)
        registry.query_readers.register("goods", read_goods)
        registry.search_words.register("shops", search_words)
        registry.search_groups.register(
            "places",
            SearchGroup(
                "places",
                _("Xã, phường"),
                lambda: Commune.objects.public(),
                "shops/includes/commune_card.html",
                "commune",
                district_path="districts",
                commune_path="pk",
                distinct=True,
            ),
        )
        registry.search_groups.register(
            "shops",
            SearchGroup(
                "shops",
                _("Cửa hàng"),
                lambda: Shop.objects.public(),
                "shops/includes/shop_card.html",
                "shop",
            ),
        )
