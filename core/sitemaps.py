from django.contrib.sitemaps import Sitemap


class RecordSitemap(Sitemap):
    """Public records with their last change; 5,000 to a sitemap page."""

    changefreq = "weekly"
    limit = 5000

    def lastmod(self, obj):
        return obj.updated_at
