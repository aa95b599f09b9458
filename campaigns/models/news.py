"""News posts of the campaigns."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.base import Campaign, Page
from campaigns.models.plan import Organisation
from core.fields import PhotoField, optional_link
from core.models import DemoMarked, PublishedQuerySet

# Path segments the handbook and news URLs use for pages of their own.
RESERVED_NEWS_SLUGS = {"rss", "atom"}


class NewsQuerySet(PublishedQuerySet):
    def public(self):
        """Published and dated today or earlier (a later date is an embargo)."""
        return self.published().filter(published_on__lte=timezone.localdate())

    def for_listing(self):
        return self.select_related("author_unit", "campaign")


class NewsPost(DemoMarked, Page):
    reserved_slugs = RESERVED_NEWS_SLUGS
    url_name = "campaigns:news_detail"

    summary = models.TextField(_("tóm tắt"), max_length=500)
    cover = PhotoField(
        _("ảnh bìa"),
        upload_to="news/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(_("mô tả ảnh bìa"), max_length=250, blank=True)
    published_on = models.DateField(_("ngày đăng"), default=timezone.localdate, db_index=True)
    campaign = optional_link(Campaign, related_name="news", verbose_name=_("chiến dịch"))
    author_unit = optional_link(Organisation, related_name="news", verbose_name=_("đơn vị đưa tin"))

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("tin bài")
        ordering = ["-published_on", "-pk"]

    def clean(self):
        super().clean()
        if self.cover and not self.cover_alt:
            raise ValidationError({"cover_alt": _("Hãy mô tả ngắn nội dung ảnh bìa.")})
