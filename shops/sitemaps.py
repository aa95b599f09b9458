from django.contrib.sitemaps import Sitemap

from core.sitemaps import RecordSitemap
from shops.models import Commune, District, Shop


class DistrictSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.9

    def items(self):
        return District.objects.public()


class ShopSitemap(RecordSitemap):
    def items(self):
        return Shop.objects.public().order_by("pk")


class CommuneSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.9

    def items(self):
        return Commune.objects.public().order_by("code")
