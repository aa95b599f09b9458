from django.conf import settings
from django.db import models
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import WebAddressField
from core.models import (
    Contactable,
    DirectoryEntry,
    FieldHistory,
    PublishableQuerySet,
    Searchable,
    SearchableQuerySet,
)

# Held by roles that work on the whole province; everyone else is limited to the
# districts they are assigned to (District.editors).
ALL_DISTRICTS_PERMISSION = "shops.all_districts"


def district_ids_for(user) -> frozenset[int] | None:
    """The districts whose directory records `user` may work on; None for the whole province.

    The one rule of district scoping: the admin, imports, exports, staff pages and staff
    files all go through the QuerySets' for_user() and admits(), which read it. Kept on
    the user object, so a request asks the database once.
    """
    if user.has_perm(ALL_DISTRICTS_PERMISSION):
        return None
    ids = getattr(user, "_district_ids", None)
    if ids is None:
        editable = District.objects.filter(editors=user) if user.is_active else District.objects.none()
        ids = user._district_ids = frozenset(editable.values_list("pk", flat=True))
    return ids


class DistrictScopedQuerySet(models.QuerySet):
    """Records that belong to a district, limited to the districts a user works on."""

    # Where the record's district is, as a lookup path from the model ("pk" for districts).
    district_path = "district"

    def for_user(self, user):
        ids = district_ids_for(user)
        return self if ids is None else self.filter(**{f"{self.district_path}__in": ids})

    def admits(self, user, obj) -> bool:
        """Whether `obj` as it is in memory (a form's new values included) is in the user's districts."""
        ids = district_ids_for(user)
        return ids is None or self._district_id(obj) in ids

    def _district_id(self, obj):
        *parents, last = self.district_path.split("__")
        for name in parents:
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return obj.pk if last == "pk" else getattr(obj, f"{last}_id", None)


class DistrictQuerySet(DistrictScopedQuerySet, SearchableQuerySet):
    district_path = "pk"

    def active(self):
        return self.filter(is_active=True)

    def public(self):
        return self.active()

    def with_counts(self):
        """Annotate the numbers of public shops and producers (one subquery each)."""
        return self.annotate(
            shop_count=_public_count(self.model, "shops"),
            producer_count=_public_count(self.model, "producers"),
        )


def _public_count(model, related_name):
    # Reached through the reverse relation, so shops never imports producers.
    related = model._meta.get_field(related_name).related_model
    counted = (
        related.objects.public()
        .filter(district=models.OuterRef("pk"))
        .order_by()
        .values("district")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)


class District(Searchable):
    """A district-level unit (thành phố, thị xã, huyện) with its official code."""

    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố")
        TOWN = "town", _("Thị xã")
        RURAL = "rural", _("Huyện")

    code = models.PositiveIntegerField(
        _("mã đơn vị hành chính"),
        unique=True,
        help_text=_("Mã của Tổng cục Thống kê, ví dụ 392 cho huyện Hà Trung."),
    )
    name = models.CharField(_("tên đầy đủ"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.RURAL)
    province_code = models.PositiveSmallIntegerField(_("mã tỉnh"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(
        _("hiển thị"),
        default=True,
        help_text=_("Bỏ chọn để ẩn đơn vị này khỏi trang công khai."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="districts",
        blank=True,
        verbose_name=_("cán bộ phụ trách"),
        help_text=_("Biên tập viên cấp huyện chỉ xem và sửa được dữ liệu của các huyện mình phụ trách."),
    )

    objects = DistrictQuerySet.as_manager()
    history = FieldHistory()

    class Meta:
        verbose_name = _("đơn vị cấp huyện")
        verbose_name_plural = _("đơn vị cấp huyện")
        ordering = ["position", "code"]
        permissions = [("all_districts", _("Làm việc với dữ liệu của mọi huyện"))]

    def __str__(self) -> str:
        return self.name

    def search_parts(self):
        return [self.name]

    def get_absolute_url(self) -> str:
        return reverse("shops:district", kwargs={"slug": self.slug})


class Category(Searchable):
    """A goods category, shared by shops (what they sell) and farm products."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhóm hàng")
        verbose_name_plural = _("nhóm hàng")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def search_parts(self):
        return [self.name]


class ShopQuerySet(DistrictScopedQuerySet, PublishableQuerySet):
    def public(self):
        """Shops citizens may see: published, in a district shown on the site."""
        return self.published().filter(district__is_active=True)

    def in_district(self, district):
        return self.filter(district=district)

    def for_listing(self):
        """What a shop card shows, fetched in a fixed number of queries."""
        return self.select_related("district").prefetch_related("categories")

    def for_reindex(self):
        return self.for_listing()


class Shop(Contactable, DirectoryEntry):
    """A place a citizen can buy from without going out."""

    class Kind(models.TextChoices):
        SUPERMARKET = "supermarket", _("Siêu thị")
        CONVENIENCE = "convenience", _("Cửa hàng tiện lợi")
        MARKET = "market", _("Chợ, sạp chợ")
        PHARMACY = "pharmacy", _("Nhà thuốc")
        VNPOST = "vnpost", _("Điểm bán hàng thiết yếu Bưu điện")
        VIETTELPOST = "viettelpost", _("Điểm bán hàng thiết yếu Viettel Post")
        HOUSEHOLD = "household", _("Hộ kinh doanh")
        COOP_STORE = "coop_store", _("Cửa hàng hợp tác xã")

    kind = models.CharField(_("loại hình"), max_length=20, choices=Kind.choices, db_index=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="shops", verbose_name=_("quận, huyện")
    )
    # Plain text for now: communes become a relation once the post-2025 units are loaded.
    commune = models.CharField(_("xã, phường, thị trấn"), max_length=100, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255)
    website = WebAddressField(_("trang web"), blank=True)
    facebook = WebAddressField(_("trang Facebook"), blank=True)
    categories = models.ManyToManyField(
        Category, related_name="shops", blank=True, verbose_name=_("nhóm hàng")
    )
    order_by_phone = models.BooleanField(_("đặt qua điện thoại"), default=True)
    order_by_zalo = models.BooleanField(_("đặt qua Zalo"), default=False)
    order_by_website = models.BooleanField(_("đặt trên trang web"), default=False)
    order_by_platform = models.BooleanField(
        _("đặt trên sàn thương mại điện tử"),
        default=False,
        help_text=_("Có gian hàng trên postmart.vn, voso.vn hoặc sàn khác."),
    )
    home_delivery = models.BooleanField(_("giao hàng tận nhà"), default=False, db_index=True)
    pickup = models.BooleanField(
        _("nhận tại điểm hẹn"),
        default=False,
        help_text=_("Khách nhận hàng tại điểm hẹn, không tiếp xúc."),
    )
    delivery_area = models.CharField(_("khu vực giao hàng"), max_length=255, blank=True)
    opening_hours = models.CharField(_("giờ mở cửa"), max_length=120, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = ShopQuerySet.as_manager()
    history = FieldHistory(m2m_fields=[categories])

    class Meta:
        verbose_name = _("cửa hàng")
        verbose_name_plural = _("cửa hàng")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["district", "status", "name"])]

    def get_absolute_url(self) -> str:
        return reverse("shops:shop", kwargs={"slug": self.slug})

    def search_parts(self):
        parts = [self.name, self.get_kind_display(), self.commune, self.address]
        if self.district_id:
            parts.append(self.district.name)
        if self.pk:
            parts.extend(c.name for c in self.categories.all())
        return parts

    @property
    def order_methods(self) -> list[str]:
        flags = [
            (self.order_by_phone, _("Gọi điện")),
            (self.order_by_zalo and self.zalo, _("Nhắn Zalo")),
            (self.order_by_website, _("Trang web")),
            (self.order_by_platform, _("Sàn thương mại điện tử")),
        ]
        return [label for on, label in flags if on]

    @property
    def delivery_methods(self) -> list[str]:
        flags = [(self.home_delivery, _("Giao tận nhà")), (self.pickup, _("Nhận tại điểm hẹn"))]
        return [label for on, label in flags if on]
