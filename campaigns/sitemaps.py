from campaigns.models import HandbookChapter, NewsPost
from core.sitemaps import RecordSitemap


class ChapterSitemap(RecordSitemap):
    priority = 0.8

    def items(self):
        return HandbookChapter.objects.public().order_by("pk")


class NewsSitemap(RecordSitemap):
    changefreq = "monthly"

    def items(self):
        # public() leaves out a post dated in the future: it is embargoed until that day.
        return NewsPost.objects.public().order_by("pk")
