from core.sitemaps import RecordSitemap
from producers.models import Producer, Product


class ProducerSitemap(RecordSitemap):
    def items(self):
        return Producer.objects.public().order_by("pk")


class ProductSitemap(RecordSitemap):
    def items(self):
        return Product.objects.public().order_by("pk")
