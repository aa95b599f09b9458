"""The handbook: chapters by audience, in reading order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models.base import Campaign, Page
from core.models import Ordered, PublishedQuerySet

# Path segments the handbook and news URLs use for pages of their own.
RESERVED_CHAPTER_SLUGS = {"in"}


class ChapterQuerySet(PublishedQuerySet):
    def in_reading_order(self):
        return self.order_by("audience", "campaign__position", "campaign__start_date", "position", "pk")


class HandbookChapter(Ordered, Page):
    reserved_slugs = RESERVED_CHAPTER_SLUGS
    url_name = "campaigns:chapter"

    class Audience(models.IntegerChoices):
        # Integers so that the reading order (buyers, sellers, contacts) is a plain ORDER BY.
        BUYERS = 1, _("Người mua")
        SELLERS = 2, _("Người bán và hộ sản xuất")
        CONTACTS = 3, _("Liên hệ")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="chapters", verbose_name=_("chiến dịch")
    )
    audience = models.PositiveSmallIntegerField(_("dành cho"), choices=Audience.choices)
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)

    objects = ChapterQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("chương cẩm nang")
        ordering = ["audience", "position", "pk"]
