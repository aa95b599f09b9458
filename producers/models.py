from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.fields import (
    MONTH_CHOICES,
    MonthsField,
    WebAddressField,
    directory_kind_field,
    optional_link,
    recorded_link,
    staff_member_field,
)
from core.models import (
    ActiveQuerySet,
    Contactable,
    DemoMarked,
    DirectoryEntry,
    FieldHistory,
    Named,
    Ordered,
    Photographed,
    PublishableQuerySet,
    Status,
    TimeStampedModel,
)
from shops.models import Placed, PlaceScopedQuerySet, shop_kinds_for


class ProducerQuerySet(PlaceScopedQuerySet, PublishableQuerySet):
    def public(self):
        """Producers citizens may see: published, in a district shown on the site."""
        return self.published().filter(district__is_active=True)

    def in_district(self, district):
        return self.filter(district=district)

    def for_listing(self):
        return self.select_related("district", "commune")

    def for_reindex(self):
        return self.select_related("district", "commune").prefetch_related("products")

    def with_public_offer(self, *, own_shops_only: bool):
        """Each producer with `public_products` and `public_listings` (its shops on the
        platforms, and with `own_shops_only=False` its products' pages there too)."""
        listings = Listing.objects.public().select_related("platform")
        if own_shops_only:
            listings = listings.filter(product=None)
        return self.prefetch_related(
            models.Prefetch(
                "products", Product.objects.public().select_related("category"), "public_products"
            ),
            models.Prefetch("listings", listings, "public_listings"),
        )


class Producer(Contactable, Photographed, DirectoryEntry, Placed):
    """An agricultural producer household, cooperative or small business."""

    url_name = "producers:producer"

    class Kind(models.TextChoices):
        HOUSEHOLD = "household", _("Hộ sản xuất nông nghiệp")
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOP_GROUP = "coop_group", _("Tổ hợp tác")
        SMALL_BUSINESS = "small_business", _("Doanh nghiệp nhỏ")
        UNCLASSIFIED = "unclassified", _("Chưa phân loại")

    kind = directory_kind_field(Kind)
    representative = models.CharField(_("người đại diện"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)

    objects = ProducerQuerySet.as_manager()
    history = FieldHistory()

    class Meta(DirectoryEntry.Meta):
        verbose_name = verbose_name_plural = _("cơ sở sản xuất")
        indexes = [models.Index(fields=["district", "status", "name"])]

    def search_parts(self):
        parts = [self.name, self.get_kind_display(), self.representative, self.address, *self.place_parts()]
        parts += self.phone_words()
        if self.pk:
            parts.extend(p.name for p in self.products.all())
        return parts


class ProductQuerySet(PlaceScopedQuerySet, PublishableQuerySet):
    district_path = "producer__district"
    commune_path = "producer__commune"

    def public(self):
        """Products citizens may see: published, by a producer citizens may see."""
        return self.published().filter(producer__status=Status.PUBLISHED, producer__district__is_active=True)

    def harvested_in(self, month: int):
        """Products whose harvest months include `month` (1 to 12)."""
        return self.filter(harvest_months__has_month=month)

    def with_producer(self):
        """With the producer, its places and the category joined (what search text quotes)."""
        return self.select_related("producer", "producer__district", "producer__commune", "category")

    def for_listing(self, prices: int = 1):
        """With what a card or a list shows: the producer and its places, the category, and
        the latest `prices` prices."""
        return self.with_producer().with_recent_prices(prices)

    def with_recent_prices(self, count: int = 1):
        """Each product's latest `count` prices in `recent_prices` (one query for them all)."""
        latest = ProductPrice.objects.latest_per_product(count)
        return self.prefetch_related(models.Prefetch("prices", latest, "recent_prices"))

    def for_reindex(self):
        return self.with_producer()


class Product(Photographed, DirectoryEntry):
    """A farm product of a producer.

    Its indicative price is not a field of its own: prices are dated, sourced rows
    (ProductPrice), and the price shown is the latest of them. The single undated
    `price` the product once had became one such row (producers migration 0011,
    source: the producer, dated the product's last change) and was then removed,
    so that no page shows a price without its date and source.
    """

    url_name = "producers:product"

    class Ocop(models.IntegerChoices):
        NONE = 0, _("Chưa xếp hạng")
        THREE = 3, _("OCOP 3 sao")
        FOUR = 4, _("OCOP 4 sao")
        FIVE = 5, _("OCOP 5 sao")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="products", verbose_name=_("cơ sở sản xuất")
    )
    category = models.ForeignKey(
        "shops.Category",
        on_delete=models.PROTECT,
        related_name="products",
        null=True,
        blank=True,
        verbose_name=_("nhóm hàng"),
    )
    description = models.TextField(_("mô tả"), blank=True)
    ocop_stars = models.PositiveSmallIntegerField(
        _("hạng OCOP"), choices=Ocop.choices, default=Ocop.NONE, db_index=True
    )
    harvest_months = MonthsField(_("tháng thu hoạch"))
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True, help_text=_("Ví dụ: kg, hộp 500 g."))

    objects = ProductQuerySet.as_manager()
    history = FieldHistory()

    class Meta(DirectoryEntry.Meta):
        verbose_name = verbose_name_plural = _("sản phẩm")

    def search_parts(self):
        parts = [self.name]
        if self.category_id:
            parts.append(self.category.name)
        if self.ocop_stars:
            parts.append(f"OCOP {self.ocop_stars} sao")
        if self.producer_id:
            parts += [self.producer.name, *self.producer.place_parts()]
        return parts

    @property
    def harvest_month_labels(self) -> list[str]:
        labels = dict(MONTH_CHOICES)
        return [labels[m] for m in self.harvest_months]

    @cached_property
    def latest_price(self):
        """The latest ProductPrice, or None; read from `recent_prices` when prefetched."""
        recent = getattr(self, "recent_prices", None)
        if recent is not None:
            return recent[0] if recent else None
        return self.prices.first()


class ProductPriceQuerySet(PlaceScopedQuerySet):
    district_path = "product__producer__district"
    commune_path = "product__producer__commune"

    def latest_per_product(self, count: int = 1):
        """The latest `count` prices of each product (newest first), for a Prefetch: one
        query for a whole page of products, however long their price history is."""
        rank = models.Window(RowNumber(), partition_by="product", order_by=["-observed_on", "-pk"])
        return self.annotate(rank=rank).filter(rank__lte=count).order_by("-observed_on", "-pk")


class ProductPrice(TimeStampedModel):
    """An indicative price of a product on a given day, and where it comes from.

    Plan 241/KH-UBND asks communes for price frames and the Department of Industry and
    Trade for market prices; producers also quote their own. A price without a date and
    a source is not shown: every row has both.
    """

    # A price older than this is shown as old, with its age.
    OLD_AFTER_DAYS = 90

    class Source(models.TextChoices):
        COMMUNE_FRAME = "commune_frame", _("Khung giá của UBND xã/phường")
        MARKET_BULLETIN = "market_bulletin", _("Bản tin giá thị trường của Sở Công Thương")
        PRODUCER = "producer", _("Cơ sở sản xuất báo giá")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="prices", verbose_name=_("sản phẩm")
    )
    price = models.PositiveIntegerField(_("giá (đồng)"))
    unit = models.CharField(
        _("đơn vị tính"),
        max_length=40,
        blank=True,
        help_text=_("Để trống nếu giống đơn vị tính của sản phẩm."),
    )
    observed_on = models.DateField(_("ngày giá"), help_text=_("Ngày của khung giá, bản tin hoặc báo giá."))
    source = models.CharField(_("nguồn giá"), max_length=20, choices=Source.choices)
    source_note = models.CharField(
        _("ghi chú nguồn"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: số văn bản, số bản tin, tên chợ."),
    )

    objects = ProductPriceQuerySet.as_manager()
    history = FieldHistory()

    class Meta:
        verbose_name = verbose_name_plural = _("giá tham khảo")
        ordering = ["-observed_on", "-pk"]
        indexes = [models.Index(fields=["product", "-observed_on"], name="product_price_latest")]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "observed_on", "source"], name="product_price_one_per_day_and_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} – {self.price} đ ({self.observed_on:%d/%m/%Y})"

    def clean(self):
        if self.observed_on and self.observed_on > timezone.localdate():
            raise ValidationError({"observed_on": _("Ngày giá không được sau hôm nay.")})

    @property
    def unit_label(self) -> str:
        """This price's unit, else the product's."""
        return self.unit or self.product.unit

    @property
    def age_days(self) -> int:
        return (timezone.localdate() - self.observed_on).days

    @property
    def is_old(self) -> bool:
        return self.age_days > self.OLD_AFTER_DAYS


class FollowedLink(models.Model):
    """A row citizens follow to a platform through the portal, which counts the clicks."""

    clicks = models.PositiveIntegerField(_("lượt bấm"), default=0, editable=False)

    class Meta:
        abstract = True


class Platform(Named, Ordered, FollowedLink, TimeStampedModel):  # noqa: DJ008 (Named gives __str__)
    """An e-commerce platform citizens buy on and producers sell on."""

    name = models.CharField(_("tên sàn"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    operator = models.CharField(_("đơn vị vận hành"), max_length=200)
    home_url = WebAddressField(_("địa chỉ trang chủ"))
    domain = models.CharField(
        _("tên miền"),
        max_length=100,
        help_text=_("Mọi liên kết gian hàng phải thuộc tên miền này, ví dụ postmart.vn."),
    )
    summary = models.TextField(_("giới thiệu"), blank=True)
    how_to_buy = models.TextField(_("cách mua hàng"), blank=True)
    how_to_sell = models.TextField(_("cách bán hàng"), blank=True)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    objects = ActiveQuerySet.as_manager()
    history = FieldHistory()

    class Meta:
        verbose_name = verbose_name_plural = _("sàn thương mại điện tử")
        ordering = ["position", "name"]

    def get_absolute_url(self) -> str:
        return reverse("producers:platforms") + f"#{self.slug}"

    def get_outbound_url(self) -> str:
        return reverse("producers:go_platform", kwargs={"slug": self.slug})

    def owns_url(self, url: str) -> bool:
        """True when `url` is an http(s) address on this platform's domain."""
        parts = urlsplit(url or "")
        host = (parts.hostname or "").lower().rstrip(".")
        domain = self.domain.lower().strip(".")
        return parts.scheme in {"http", "https"} and (host == domain or host.endswith("." + domain))

    def clean(self):
        self.domain = self.domain.strip().lower().removeprefix("www.")
        if self.home_url and not self.owns_url(self.home_url):
            raise ValidationError(
                {"home_url": _("Trang chủ phải thuộc tên miền %(domain)s.") % {"domain": self.domain}}
            )


class ListingQuerySet(PlaceScopedQuerySet):
    district_path = "producer__district"
    commune_path = "producer__commune"

    def public(self):
        """Listings citizens may follow: active, on an active platform, of a producer (and
        product) citizens may see."""
        return self.filter(
            Q(product__isnull=True) | Q(product__status=Status.PUBLISHED),
            is_active=True,
            platform__is_active=True,
            producer__status=Status.PUBLISHED,
            producer__district__is_active=True,
        )


class Listing(DemoMarked, FollowedLink, TimeStampedModel):
    """A producer's shop, or one product's page, on a platform."""

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="listings", verbose_name=_("sàn")
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="listings", verbose_name=_("cơ sở sản xuất")
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="listings",
        null=True,
        blank=True,
        verbose_name=_("sản phẩm"),
        help_text=_("Để trống nếu đây là gian hàng của cả cơ sở."),
    )
    url = WebAddressField(_("địa chỉ gian hàng"), max_length=500)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = ListingQuerySet.as_manager()
    history = FieldHistory()

    class Meta:
        verbose_name = verbose_name_plural = _("gian hàng trên sàn")
        ordering = ["platform__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "url"], name="listing_unique_url_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.platform} – {self.product or self.producer}"

    def save(self, *args, **kwargs):
        if self.product_id and not self.producer_id:
            self.producer_id = self.product.producer_id
        # The domain rule guards every outbound redirect, so it holds for every
        # write path (admin, import, shell), not only for validated forms.
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.product_id and self.producer_id and self.product.producer_id != self.producer_id:
            errors["product"] = _("Sản phẩm này không thuộc cơ sở sản xuất đã chọn.")
        if self.platform_id and self.url and not self.platform.owns_url(self.url):
            errors["url"] = _("Địa chỉ gian hàng phải thuộc tên miền %(domain)s của sàn %(platform)s.") % {
                "domain": self.platform.domain,
                "platform": self.platform.name,
            }
        if errors:
            raise ValidationError(errors)

    def get_outbound_url(self) -> str:
        return reverse("producers:go", kwargs={"pk": self.pk})


# --- Onboarding: a household's way onto a platform -------------------------------------


# The platform each postal company runs, by company (shops.models.PostalStaffMember.Company).
PLATFORM_OF_COMPANY = {"vnpost": "postmart", "viettelpost": "voso"}


def _company_platforms(user) -> list[str] | None:
    """The platforms of a postal company's staff member (None: not limited by company)."""
    kinds = shop_kinds_for(user)
    return None if kinds is None else [PLATFORM_OF_COMPANY[kind] for kind in kinds]


# How long the data of a household that asked for help on the portal is kept when its
# shop never opens (the help request page says 12 months after the last step).
RETENTION_DAYS = 365


class OnboardingQuerySet(models.QuerySet):
    """Scoped by the producer's places (the producers' own rule, not a copy of it); a postal
    company's staff see the households assigned to their company and those not assigned yet."""

    def for_user(self, user):
        rows = self.filter(producer__in=Producer.objects.for_user(user))
        platforms = _company_platforms(user)
        if platforms is None:
            return rows
        if not platforms:  # postal staff whose company is not set yet
            return rows.none()
        return rows.filter(Q(platform=None) | Q(platform__slug__in=platforms))

    def admits(self, user, obj) -> bool:
        if obj.producer_id is not None and not Producer.objects.admits(user, obj.producer):
            return False
        platforms = _company_platforms(user)
        return platforms is None or (
            bool(platforms) and (obj.platform_id is None or obj.platform.slug in platforms)
        )

    def for_listing(self):
        return self.select_related("producer", "producer__district", "producer__commune", "platform")

    def past_retention(self, today):
        """Requests for help whose personal data the portal promised to keep no longer: the
        household asked on the portal, its shop never opened, and nothing moved for
        RETENTION_DAYS (the help request page states it)."""
        return self.filter(
            self_registered=True,
            withdrawn_on=None,
            stage_on__lt=today - timedelta(days=RETENTION_DAYS),
        ).exclude(stage__in=["shop_open", "first_order"])


class Onboarding(DemoMarked, TimeStampedModel):
    """A producer household on its way onto postmart.vn or voso.vn.

    Plan 241/KH-UBND has the communes (formerly the district committees) send lists of
    producer households to the two postal companies, which contact, train and open
    their shops on the platforms. Each record follows one household through those
    stages; every move is written by producers.services.move_onboarding, which keeps
    the history (OnboardingStep) and is the one place the allowed moves are decided.

    The company responsible is the operator of `platform` (producers never read the
    campaigns app); empty while the household has no preference and no one is assigned.
    """

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        CONTACTED = "contacted", _("Đã liên hệ")
        TRAINED = "trained", _("Đã tập huấn")
        SHOP_OPEN = "shop_open", _("Đã mở gian hàng")
        FIRST_ORDER = "first_order", _("Có đơn hàng đầu tiên")
        DECLINED = "declined", _("Từ chối")

    producer = models.OneToOneField(
        Producer, on_delete=models.CASCADE, related_name="onboarding", verbose_name=_("hộ sản xuất")
    )
    stage = models.CharField(
        _("bước hiện tại"), max_length=20, choices=Stage.choices, default=Stage.PROPOSED, editable=False
    )
    stage_on = models.DateField(_("ngày của bước hiện tại"), editable=False)
    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        related_name="onboardings",
        null=True,
        blank=True,
        verbose_name=_("sàn / doanh nghiệp bưu chính phụ trách"),
        help_text=_("Doanh nghiệp vận hành sàn này liên hệ, tập huấn và mở gian hàng cho hộ."),
    )
    assignee = optional_link(
        settings.AUTH_USER_MODEL, related_name="onboardings", verbose_name=_("cán bộ phụ trách")
    )
    listing = recorded_link(Listing, _("gian hàng trên sàn"))
    decline_reason = models.CharField(_("lý do từ chối"), max_length=255, blank=True, editable=False)
    self_registered = models.BooleanField(_("hộ tự đăng ký trên cổng"), default=False, editable=False)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"), null=True, blank=True, editable=False)
    withdrawn_on = models.DateField(_("rút đồng ý ngày"), null=True, blank=True, editable=False)

    objects = OnboardingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("hỗ trợ lên sàn")
        ordering = ["-stage_on", "-pk"]
        indexes = [models.Index(fields=["stage", "platform"])]

    def __str__(self) -> str:
        return f"{self.producer} – {self.get_stage_display()}"


class OnboardingStep(models.Model):
    """One move of an onboarding record: written by producers.services.move_onboarding only."""

    onboarding = models.ForeignKey(
        Onboarding, on_delete=models.CASCADE, related_name="steps", verbose_name=_("hỗ trợ lên sàn")
    )
    stage = models.CharField(_("bước"), max_length=20, choices=Onboarding.Stage.choices)
    day = models.DateField(_("ngày"))
    by = staff_member_field(_("người ghi"))
    note = models.TextField(_("ghi chú"), blank=True)
    reason = models.CharField(_("lý do từ chối"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bước hỗ trợ lên sàn")
        verbose_name_plural = _("các bước hỗ trợ lên sàn")
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.day:%d/%m/%Y})"
