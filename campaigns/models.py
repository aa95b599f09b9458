"""Campaigns: the handbook, the banner kit and its partner sites, news, and the
communication plan's activities, records and reports."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import periods
from campaigns.markup import render_markdown
from campaigns.validators import validate_evidence_file
from core.contact import validate_phone
from core.fields import PhotoField, WebAddressField
from core.models import Status, TimeStampedModel, unique_slug
from core.private_files import PrivateFileField, PrivatePhotoField

# Path segments the handbook and news URLs use for pages of their own.
RESERVED_CHAPTER_SLUGS = {"in"}
RESERVED_NEWS_SLUGS = {"rss", "atom"}


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What citizens may read."""
        return self.published()


class ActiveQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_active=True)


class Campaign(TimeStampedModel):
    """A communication campaign: the handbook roll-out, the plan's farm-produce message."""

    name = models.CharField(_("tên chiến dịch"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    message = models.CharField(_("thông điệp"), max_length=255, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    is_active = models.BooleanField(_("đang triển khai"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiến dịch")
        verbose_name_plural = _("chiến dịch")
        ordering = ["position", "start_date"]

    def __str__(self) -> str:
        return self.name


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
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "body_html", "toc"}
        super().save(*args, **kwargs)

    def render_body(self) -> None:
        rendered = render_markdown(self.body)
        self.body_html, self.toc = rendered.html, rendered.toc


class Page(MarkdownContent, TimeStampedModel):
    """A titled, publishable page with its own address: a handbook chapter, a news post."""

    # Path segments the page's URL pattern shares with other views.
    reserved_slugs: set[str] = set()
    url_name = ""

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, unique=True, blank=True, help_text=_("Để trống để tạo từ tiêu đề.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.title, instance_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in self.reserved_slugs:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã dành cho trang khác.") % {"slug": self.slug}},
                code="reserved",
            )

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class ChapterQuerySet(PublishedQuerySet):
    def in_reading_order(self):
        return self.order_by("audience", "campaign__position", "campaign__start_date", "position", "pk")


class HandbookChapter(Page):
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
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = ChapterQuerySet.as_manager()

    class Meta:
        verbose_name = _("chương cẩm nang")
        verbose_name_plural = _("chương cẩm nang")
        ordering = ["audience", "position", "pk"]


# --- Banner kit -----------------------------------------------------------------


def validate_hex_colour(value: str) -> None:
    value = value.strip()
    if value and not (len(value) == 7 and value.startswith("#") and _is_hex(value[1:])):
        raise ValidationError(_("Màu nền phải có dạng #RRGGBB, ví dụ #0b5d3b."), code="colour")


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdefABCDEF" for ch in text)


class BannerQuerySet(models.QuerySet):
    def public(self):
        """Banners partners may embed: in circulation, with a master image to make sizes from."""
        return self.filter(is_active=True).exclude(master="")


class Banner(TimeStampedModel):
    """A banner partners put on their websites; the sizes are generated from its master image."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="banners", verbose_name=_("chiến dịch")
    )
    title = models.CharField(_("tên banner"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=80,
        unique=True,
        help_text=_("Là một phần địa chỉ ảnh mà các trang đối tác đã nhúng: tránh đổi sau khi phát hành."),
    )
    alt_text = models.CharField(
        _("chữ thay thế (alt)"),
        max_length=250,
        help_text=_("Nội dung banner bằng lời, cho người dùng trình đọc màn hình và khi ảnh không tải được."),
    )
    master = PhotoField(
        _("ảnh gốc"),
        upload_to="banners/masters/",
        width_field="master_width",
        height_field="master_height",
        help_text=_(
            "JPEG, PNG hoặc WebP, tối đa 8 MB. Nên dùng ảnh lớn (ví dụ 1200×630) có lề nền một màu: "
            "các kích thước khác tỉ lệ được thu nhỏ và thêm nền, không bị kéo méo."
        ),
    )
    master_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    master_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    background = models.CharField(
        _("màu nền"),
        max_length=7,
        blank=True,
        validators=[validate_hex_colour],
        help_text=_("Màu lấp phần thừa khi tỉ lệ khác ảnh gốc (#RRGGBB). Để trống: lấy màu viền ảnh gốc."),
    )
    is_active = models.BooleanField(_("đang phát hành"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    files_version = models.PositiveIntegerField(_("phiên bản tệp"), default=0, editable=False)
    files_rendered_from = models.CharField(max_length=255, blank=True, editable=False)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = _("banner")
        verbose_name_plural = _("banner")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:banners") + f"#{self.slug}"

    def image_url(self, width: int, height: int) -> str:
        return reverse("campaigns:banner_image", kwargs={"slug": self.slug, "width": width, "height": height})

    def zip_url(self) -> str:
        return reverse("campaigns:banner_zip", kwargs={"slug": self.slug})


class PartnerSite(TimeStampedModel):
    """An agency's website that may carry the banner; visits it sends are counted."""

    name = models.CharField(_("cơ quan, đơn vị"), max_length=200)
    organisation = models.ForeignKey(
        "campaigns.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_sites",
        verbose_name=_("đơn vị trong kế hoạch"),
    )
    website = WebAddressField(_("trang thông tin điện tử"), blank=True)
    website_host = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    referral_tag = models.SlugField(
        _("mã giới thiệu"),
        max_length=60,
        unique=True,
        help_text=_("Gắn vào liên kết của banner (?ref=…) để đếm lượt truy cập từ trang này."),
    )
    contact_person = models.CharField(_("người liên hệ"), max_length=120, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=30, blank=True, validators=[validate_phone])
    banner_installed = models.BooleanField(_("đã gắn banner"), default=False)
    banner_seen_on = models.DateField(_("thấy banner ngày"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("trang đối tác")
        verbose_name_plural = _("trang đối tác")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.website_host = site_host(self.website)
        super().save(*args, **kwargs)


def site_host(url: str) -> str:
    """'https://WWW.Example.gov.vn:443/a' -> 'example.gov.vn'; '' when there is none."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".").removeprefix("www.")


class ReferralCount(models.Model):
    """Visits a partner sent in one month: a counter, nothing about the visitors."""

    partner = models.ForeignKey(
        PartnerSite, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("trang đối tác")
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập từ đối tác")
        verbose_name_plural = _("lượt truy cập từ đối tác")
        ordering = ["-month", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "month"], name="referral_one_row_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.month:%m/%Y}"


# --- Communication plan -------------------------------------------------------------


class Organisation(models.Model):
    """A unit named in the plan: department, broadcaster, newspaper, postal company, district."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành")
        BROADCASTER = "broadcaster", _("Đài Phát thanh – Truyền hình")
        NEWSPAPER = "newspaper", _("Báo")
        POSTAL = "postal", _("Doanh nghiệp bưu chính")
        DISTRICT = "district", _("UBND cấp huyện")

    name = models.CharField(_("tên đơn vị"), max_length=200, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, db_index=True)
    district = models.OneToOneField(
        "shops.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee",
        verbose_name=_("đơn vị hành chính"),
        help_text=_("Chỉ với UBND cấp huyện."),
    )
    submits_reports = models.BooleanField(
        _("gửi báo cáo định kỳ"),
        default=False,
        help_text=_("Báo cáo tuần, tháng, quý và kế hoạch năm về Sở Thông tin và Truyền thông."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class PeriodKind(models.TextChoices):
    WEEK = periods.WEEK, _("tuần")
    MONTH = periods.MONTH, _("tháng")
    QUARTER = periods.QUARTER, _("quý")
    YEAR = periods.YEAR, _("năm")


class Activity(TimeStampedModel):
    """One line of the plan: a channel, who leads it, and how often it must happen."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Chuyên mục trên Cổng thông tin điện tử")
        PRESS = "press", _("Báo in, báo điện tử và truyền hình")
        RADIO = "radio", _("Truyền thanh cơ sở")
        TRAINING = "training", _("Hội nghị tập huấn")
        PRINT = "print", _("Tờ rơi, pano, áp phích, bảng điện tử")
        SOCIAL = "social", _("Mạng xã hội, livestream")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="activities", verbose_name=_("chiến dịch")
    )
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices, db_index=True)
    title = models.CharField(_("tên hoạt động"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    lead_organisations = models.ManyToManyField(
        Organisation, related_name="led_activities", verbose_name=_("đơn vị chủ trì")
    )
    coordinating_organisations = models.ManyToManyField(
        Organisation, related_name="coordinated_activities", blank=True, verbose_name=_("đơn vị phối hợp")
    )
    start_date = models.DateField(_("bắt đầu từ"))
    target_count = models.PositiveSmallIntegerField(
        _("chỉ tiêu tối thiểu"), default=1, validators=[MinValueValidator(1)]
    )
    target_period = models.CharField(
        _("mỗi"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    target_note = models.CharField(
        _("căn cứ chỉ tiêu"),
        max_length=255,
        blank=True,
        help_text=_("Chỉ tiêu lấy từ kế hoạch hay do Sở đặt khi kế hoạch không nêu số."),
    )
    description = models.TextField(_("nội dung"), blank=True)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hoạt động truyền thông")
        verbose_name_plural = _("hoạt động truyền thông")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def target_label(self) -> str:
        return _("ít nhất %(count)d mỗi %(period)s") % {
            "count": self.target_count,
            "period": self.get_target_period_display(),
        }


class ActivityRecord(TimeStampedModel):
    """Something a unit did for an activity: an article, a broadcast, a training, ..."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="records", verbose_name=_("hoạt động")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="records", verbose_name=_("đơn vị thực hiện")
    )
    date = models.DateField(_("ngày thực hiện"), default=timezone.localdate, db_index=True)
    title = models.CharField(_("tên tin, bài, buổi phát, hội nghị"), max_length=255)
    link = WebAddressField(_("đường dẫn"), max_length=500, blank=True)
    # Staff-only, like the documents and photos below: stored outside MEDIA (camnang/private_files.py).
    evidence = PrivateFileField(
        _("tệp minh chứng"),
        upload_to="campaigns/evidence/%Y/%m/",
        blank=True,
        validators=[validate_evidence_file],
        help_text=_("PDF, ảnh, DOCX hoặc XLSX, tối đa 20 MB."),
    )
    participants = models.PositiveIntegerField(
        _("số người tham dự"), null=True, blank=True, help_text=_("Với hội nghị, tập huấn.")
    )
    trained_producers = models.ManyToManyField(
        "producers.Producer",
        blank=True,
        related_name="trainings",
        verbose_name=_("cơ sở sản xuất được tập huấn"),
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("người nhập"),
    )

    class Meta:
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = _("kết quả thực hiện")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.title}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Ngày thực hiện không được ở tương lai.")})


class ActivityPhoto(models.Model):
    record = models.ForeignKey(
        ActivityRecord, on_delete=models.CASCADE, related_name="photos", verbose_name=_("kết quả")
    )
    image = PrivatePhotoField(
        _("ảnh"),
        upload_to="campaigns/photos/%Y/%m/",
        help_text=_("JPEG, PNG hoặc WebP, tối đa 8 MB."),
    )
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ảnh hoạt động")
        verbose_name_plural = _("ảnh hoạt động")

    def __str__(self) -> str:
        return self.caption or self.image.name


class ReportSubmission(models.Model):
    """A periodic report a unit sent to the department (weekly, monthly, quarterly, yearly plan)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=PeriodKind.choices)
    period = models.DateField(
        _("kỳ báo cáo"), help_text=_("Một ngày bất kỳ trong kỳ; được quy về ngày đầu kỳ khi lưu.")
    )
    submitted_on = models.DateField(_("ngày nộp"), default=timezone.localdate)
    document = PrivateFileField(
        _("văn bản"),
        upload_to="campaigns/reports/%Y/",
        blank=True,
        validators=[validate_evidence_file],
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = _("báo cáo đã nộp")
        ordering = ["-period", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "period"], name="report_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.period_label}"

    def save(self, *args, **kwargs):
        self.period = periods.period_start(self.kind, self.period)
        super().save(*args, **kwargs)

    @property
    def period_label(self) -> str:
        return periods.label(self.kind, self.period) if self.kind and self.period else ""

    @property
    def deadline(self):
        return periods.report_deadline(self.kind, self.period)

    def clean(self):
        if self.kind and self.period:
            self.period = periods.period_start(self.kind, self.period)


# --- News --------------------------------------------------------------------------


class NewsQuerySet(PublishedQuerySet):
    def public(self):
        """Published and dated today or earlier (a later date is an embargo)."""
        return self.published().filter(published_on__lte=timezone.localdate())

    def for_listing(self):
        return self.select_related("author_unit", "campaign")


class NewsPost(Page):
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
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("chiến dịch"),
    )
    author_unit = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("đơn vị đưa tin"),
    )
    is_illustrative = models.BooleanField(
        _("bài minh họa"), default=False, help_text=_("Bài viết mẫu, không phải tin thật; trang sẽ ghi rõ.")
    )

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        ordering = ["-published_on", "-pk"]

    def clean(self):
        super().clean()
        if self.cover and not self.cover_alt:
            raise ValidationError({"cover_alt": _("Hãy mô tả ngắn nội dung ảnh bìa.")})
