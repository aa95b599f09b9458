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
        return District.objects.public()


class DirectorySitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def lastmod(self, obj):
        return obj.updated_at


class ShopSitemap(DirectorySitemap):
    def items(self):
        return Shop.objects.public().order_by("pk")


class ProducerSitemap(DirectorySitemap):
    def items(self):
        return Producer.objects.public().order_by("pk")


class ProductSitemap(DirectorySitemap):
    def items(self):
        return Product.objects.public().order_by("pk")


class ChapterSitemap(DirectorySitemap):
    priority = 0.8

    def items(self):
        return HandbookChapter.objects.public().order_by("pk")


class NewsSitemap(DirectorySitemap):
    changefreq = "monthly"

    def items(self):
        # public() leaves out a post dated in the future: it is embargoed until that day.
        return NewsPost.objects.public().order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "districts": DistrictSitemap,
    "shops": ShopSitemap,
    "producers": ProducerSitemap,
    "products": ProductSitemap,
    "handbook": ChapterSitemap,
    "news": NewsSitemap,
}
