"""The banner kit, the partner sites that embed it, and the visits they send."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models.base import Campaign
from core.contact import validate_phone
from core.fields import PhotoField, WebAddressField, optional_link
from core.models import DemoMarked, Named, Ordered, TimeStampedModel


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


class Banner(Named, Ordered, TimeStampedModel):
    """A banner partners put on their websites; the sizes are generated from its master image,
    with or without words the portal writes in each size (campaigns.banners)."""

    title_field = "title"

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
    add_words = models.BooleanField(
        _("cổng viết chữ lên banner"),
        default=False,
        help_text=_(
            "Chọn khi ảnh gốc là hình minh họa chưa có chữ: cổng viết tên chiến dịch, lời mời "
            "“Xem cẩm nang” và tên hai sàn vào từng kích thước, cỡ chữ đo theo từng cỡ banner; ảnh gốc "
            "được đặt bên cạnh, giữ phần giữa và có thể cắt bớt mép. Bỏ chọn khi ảnh gốc là banner đã "
            "thiết kế sẵn chữ: các kích thước chỉ thu nhỏ ảnh gốc và thêm nền."
        ),
    )
    background = models.CharField(
        _("màu nền"),
        max_length=7,
        blank=True,
        validators=[validate_hex_colour],
        help_text=_("Màu lấp phần thừa khi tỉ lệ khác ảnh gốc (#RRGGBB). Để trống: lấy màu viền ảnh gốc."),
    )
    is_active = models.BooleanField(_("đang phát hành"), default=True)
    files_version = models.PositiveIntegerField(_("phiên bản tệp"), default=0, editable=False)
    files_rendered_from = models.CharField(max_length=255, blank=True, editable=False)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("banner")
        ordering = ["position", "pk"]

    def get_absolute_url(self) -> str:
        return reverse("campaigns:banners") + f"#{self.slug}"

    def image_url(self, width: int, height: int) -> str:
        return reverse("campaigns:banner_image", kwargs={"slug": self.slug, "width": width, "height": height})

    def zip_url(self) -> str:
        return reverse("campaigns:banner_zip", kwargs={"slug": self.slug})


class PartnerSite(Named, Ordered, TimeStampedModel):
    """An agency's website that may carry the banner; visits it sends are counted."""

    name = models.CharField(_("cơ quan, đơn vị"), max_length=200)
    organisation = optional_link(
        "campaigns.Organisation", related_name="partner_sites", verbose_name=_("đơn vị trong kế hoạch")
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

    class Meta:
        verbose_name = verbose_name_plural = _("trang đối tác")
        ordering = ["position", "name"]

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


class ReferralCount(DemoMarked):
    """Visits a partner sent in one month: a counter, nothing about the visitors."""

    partner = models.ForeignKey(
        PartnerSite, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("trang đối tác")
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("lượt truy cập từ đối tác")
        ordering = ["-month", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "month"], name="referral_one_row_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.month:%m/%Y}"
