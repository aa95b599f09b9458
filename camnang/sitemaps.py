from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaigns.models import HandbookChapter, NewsPost
from producers.models import Producer, Product
from shops.models import District, Shop


class PageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "home",
            "shops:districts",
            "producers:products",
            "producers:platforms",
            "campaigns:handbook",
            "campaigns:banners",
            "campaigns:news",
            "opendata:index",
        ]

    def location(self, item):
        return reverse(item)


class DistrictSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.9

    def items(self):
        return District.objects.active()


class DirectorySitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def lastmod(self, obj):
        return obj.updated_at


class ShopSitemap(DirectorySitemap):
    def items(self):
        return Shop.objects.published().filter(district__is_active=True).order_by("pk")


class ProducerSitemap(DirectorySitemap):
    def items(self):
        return Producer.objects.published().filter(district__is_active=True).order_by("pk")


class ProductSitemap(DirectorySitemap):
    def items(self):
        return Product.objects.published().filter(producer__district__is_active=True).order_by("pk")


class ChapterSitemap(DirectorySitemap):
    priority = 0.8

    def items(self):
        return HandbookChapter.objects.published().order_by("pk")


class NewsSitemap(DirectorySitemap):
    changefreq = "monthly"

    def items(self):
        # visible(), not published(): a post dated in the future is embargoed until that day.
        return NewsPost.objects.visible().order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "districts": DistrictSitemap,
    "shops": ShopSitemap,
    "producers": ProducerSitemap,
    "products": ProductSitemap,
    "handbook": ChapterSitemap,
    "news": NewsSitemap,
}
