"""Campaigns and the Markdown pages they publish (handbook chapters, news posts)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.markup import render_markdown
from core.models import ActiveQuerySet, Named, Ordered, Publishable, TimeStampedModel, with_derived


class Campaign(Named, Ordered, TimeStampedModel):
    """A communication campaign: the handbook roll-out, the plan's farm-produce message."""

    name = models.CharField(_("tên chiến dịch"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    message = models.CharField(_("thông điệp"), max_length=255, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    start_date = models.DateField(
        _("ngày bắt đầu"), null=True, blank=True, help_text=_("Để trống khi văn bản không ghi ngày.")
    )
    source = models.TextField(
        _("nguồn"), blank=True, help_text=_("Văn bản (số, ngày, mục) nêu tên, thông điệp và thời điểm.")
    )
    is_active = models.BooleanField(_("đang triển khai"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("chiến dịch")
        ordering = ["position", "start_date"]


class MarkdownContent(models.Model):
    """A Markdown body kept with its sanitised HTML and table of contents.

    The HTML is derived data, rebuilt on every save (like search_text), so pages
    never run Markdown or the sanitiser per request.
    """

    body = models.TextField(
        _("nội dung (Markdown)"),
        blank=True,
        help_text=_(
            "Viết bằng Markdown: ## cho đề mục, ### cho mục con, - cho gạch đầu dòng, "
            "[chữ](https://địa-chỉ) cho liên kết. Mã HTML nguy hiểm sẽ bị loại bỏ."
        ),
    )
    body_html = models.TextField(_("nội dung đã dựng"), blank=True, editable=False)
    toc = models.JSONField(_("mục lục"), default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_body()
        super().save(*args, **with_derived(kwargs, "body_html", "toc"))

    def render_body(self) -> None:
        rendered = render_markdown(self.body)
        self.body_html, self.toc = rendered.html, rendered.toc


class Page(Publishable, MarkdownContent, TimeStampedModel):
    """A titled, publishable page with its own address: a handbook chapter, a news post."""

    # Path segments the page's URL pattern shares with other views.
    reserved_slugs: set[str] = set()
    title_field = "title"

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, unique=True, blank=True, help_text=_("Để trống để tạo từ tiêu đề.")
    )

    class Meta:
        abstract = True

    def clean(self):
        if self.slug in self.reserved_slugs:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã dành cho trang khác.") % {"slug": self.slug}},
                code="reserved",
            )
