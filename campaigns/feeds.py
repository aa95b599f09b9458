"""RSS 2.0 and Atom 1.0 feeds of the news."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from campaigns.models import NewsPost

FEED_ITEMS = 20


class NewsRssFeed(Feed):
    link = reverse_lazy("campaigns:news")
    language = "vi"

    def title(self):
        return _("Tin tức – Cẩm nang mua bán online %(province)s") % {"province": settings.PROVINCE_NAME}

    def description(self):
        return _(
            "Tin, bài về mua bán hàng online an toàn và đưa nông sản %(province)s lên sàn thương mại điện tử."
        ) % {"province": settings.PROVINCE_NAME}

    def items(self):
        return NewsPost.objects.public().for_listing()[:FEED_ITEMS]

    def item_title(self, item):
        if item.is_demo:  # a reader sees the title alone: it says what the post is
            return _("[Minh họa] %(title)s") % {"title": item.title}
        return item.title

    def item_description(self, item):
        if item.is_demo:
            return f"{item.summary} ({_('Bài minh họa, không phải sự kiện có thật.')})"
        return item.summary

    def item_pubdate(self, item):
        # Posts carry a date; publish them at the start of the working day, local time.
        return timezone.make_aware(datetime.combine(item.published_on, time(8, 0)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.author_unit) if item.author_unit else None

    def item_categories(self, item):
        return [item.campaign.name] if item.campaign else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
