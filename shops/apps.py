from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = _("Cửa hàng và địa bàn")

    def ready(self):
        from core.contributions import contribute, search_group
        from shops.admin import unplaced_records_page
        from shops.forms import AddressLookupForm, ShopFilterForm
        from shops.importers import ShopImporter
        from shops.models import Category, Commune, District, GoodsWord, Shop
        from shops.opendata import SHOPS
        from shops.search import read_goods, read_places, search_words
        from shops.sitemaps import CommuneSitemap, DistrictSitemap, ShopSitemap

        contribute(
            query_parameters=(*ShopFilterForm.base_fields, *AddressLookupForm.query_names.values()),
            watched=(District, Commune, Category, Shop, GoodsWord),
            # A shop's search text quotes its district's and its categories' names.
            search_dependents=(
                (District, lambda district: Shop.objects.filter(district=district)),
                (Category, lambda category: category.shops.all()),
            ),
            sitemaps={"districts": DistrictSitemap, "communes": CommuneSitemap, "shops": ShopSitemap},
            datasets=(SHOPS,),
            public_rows={"shops": Shop.objects.public},
            importers=(ShopImporter(),),
            pages=(
                unplaced_records_page(
                    Shop,
                    "unplaced_shops",
                    _("Cửa hàng chưa xác định xã, phường hiện nay"),
                    _("tên xã ghi theo địa chỉ cũ không đủ để xác định (xã bị chia, hoặc không tìm thấy)"),
                ),
            ),
            query_readers={"places": read_places, "goods": read_goods},
            search_words={"shops": search_words},
            search_groups=(
                search_group(
                    "places",
                    Commune,
                    _("Xã, phường"),
                    district_path="districts",
                    commune_path="pk",
                    distinct=True,
                ),
                search_group("shops", Shop, _("Cửa hàng")),
            ),
        )
