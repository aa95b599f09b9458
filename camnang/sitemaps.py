from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core import registry


class PageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "home",
            "shops:districts",
            "producers:products",
            "producers:in_season",
            "producers:platforms",
            "campaigns:handbook",
            "campaigns:banners",
            "campaigns:news",
            "opendata:index",
        ]

    def location(self, item):
        return reverse(item)


def all_sitemaps() -> dict:
    """The portal's own pages, then every section the apps registered."""
    return {"pages": PageSitemap, **dict(registry.sitemaps.items())}
