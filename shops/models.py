from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.fields import WebAddressField, directory_kind_field
from core.models import (
    ActiveQuerySet,
    Contactable,
    DirectoryEntry,
    FieldHistory,
    Named,
    Ordered,
    PublishableQuerySet,
    Searchable,
    SearchableQuerySet,
    WithPage,
)
from core.text import fold, spelling

# Held by roles that work on the whole province; everyone else is limited to the former
# districts (District.editors) or current communes (Commune.editors) they are assigned to.
ALL_DISTRICTS_PERMISSION = "shops.all_districts"
# Held by every role that works on shops of every kind; without it, a postal company's staff
# member works on the essential-goods sale points of their own company only.
ALL_SHOP_KINDS_PERMISSION = "shops.all_shop_kinds"


@dataclass(frozen=True)
class PlaceScope:
    """The places a user works on: former districts, current communes, or both."""

    district_ids: frozenset[int]
    commune_ids: frozenset[int]
    # The districts a commune editor's communes came from (to choose one on a form), and
    # the communes in a district editor's districts (likewise).
    related_district_ids: frozenset[int]
    related_commune_ids: frozenset[int]


def place_scope_for(user) -> PlaceScope | None:
    """The places whose directory records `user` may work on; None for the whole province.

    The one rule of scoping: the admin, imports, exports, staff pages and staff files all
    go through the QuerySets' for_user() and admits(), which read it. Kept on the user
    object, so a request asks the database once.
    """
    if user.has_perm(ALL_DISTRICTS_PERMISSION):
        return None
    scope = getattr(user, "_place_scope", None)
    if scope is None:
        if user.is_active:
            districts = frozenset(District.objects.filter(editors=user).values_list("pk", flat=True))
            communes = frozenset(Commune.objects.filter(editors=user).values_list("pk", flat=True))
        else:
            districts = communes = frozenset()
        links = Commune.districts.through.objects
        scope = user._place_scope = PlaceScope(
            district_ids=districts,
            commune_ids=communes,
            related_district_ids=districts
            | frozenset(links.filter(commune__in=communes).values_list("district", flat=True)),
            related_commune_ids=communes
            | frozenset(links.filter(district__in=districts).values_list("commune", flat=True)),
        )
    return scope


class PlaceScopedQuerySet(models.QuerySet):
    """Records that belong to a place, limited to the places a user works on."""

    # Where the record's former district and current commune are, as lookup paths.
    district_path = "district"
    commune_path = "commune"

    def for_user(self, user):
        scope = place_scope_for(user)
        if scope is None:
            return self
        return self.filter(
            Q(**{f"{self.district_path}__in": scope.district_ids})
            | Q(**{f"{self.commune_path}__in": scope.commune_ids})
        )

    def admits(self, user, obj) -> bool:
        """Whether the user may work on `obj` as it is in memory (a form's new values included)."""
        return self.admits_place(user, obj)

    def admits_place(self, user, obj) -> bool:
        """Whether `obj` as it is in memory is in the user's places."""
        scope = place_scope_for(user)
        return (
            scope is None
            or _id_at(obj, self.district_path) in scope.district_ids
            or _id_at(obj, self.commune_path) in scope.commune_ids
        )

    def describe_scope(self, user) -> str:
        """The user's places by name, for a message."""
        scope = place_scope_for(user)
        if scope is None:
            return ""
        names = [*District.objects.filter(pk__in=scope.district_ids).values_list("name", flat=True)]
        names += Commune.objects.filter(pk__in=scope.commune_ids).values_list("name", flat=True)
        return ", ".join(names)


def _id_at(obj, path: str):
    *parents, last = path.split("__")
    for name in parents:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id", None)


class AdministrativeUnitQuerySet(PlaceScopedQuerySet, ActiveQuerySet, SearchableQuerySet):
    """Former districts or today's communes: a user may choose for a record their own units
    and those related to them (a district editor's communes, a commune editor's districts)."""

    # The PlaceScope field holding the units a user may choose, and the name of the
    # records' foreign key to such a unit.
    choosable = ""
    records_place = ""

    def for_user(self, user):
        scope = place_scope_for(user)
        return self if scope is None else self.filter(pk__in=getattr(scope, self.choosable))

    def admits(self, user, obj) -> bool:
        scope = place_scope_for(user)
        return scope is None or obj.pk in getattr(scope, self.choosable)

    def with_counts(self):
        """Annotate the numbers of public shops and producers (one subquery each)."""
        return self.annotate(
            shop_count=_public_count(self.model, "shops", self.records_place),
            producer_count=_public_count(self.model, "producers", self.records_place),
        )


class DistrictQuerySet(AdministrativeUnitQuerySet):
    choosable = "related_district_ids"
    records_place = "district"


def _public_count(model, related_name, place):
    # Reached through the reverse relation, so shops never imports producers.
    related = model._meta.get_field(related_name).related_model
    counted = (
        related.objects.public()
        .filter(**{place: models.OuterRef("pk")})
        .order_by()
        .values(place)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)


def editors_field(related_name: str, help_text):
    """The staff members assigned to a unit: they work on the records of its place."""
    return models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name=related_name,
        blank=True,
        verbose_name=_("cán bộ phụ trách"),
        help_text=help_text,
    )


class AdministrativeUnit(Named, WithPage, Searchable):
    """A unit of the province's map with its official code and its own page."""

    name = models.CharField(_("tên đầy đủ"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=80)
    province_code = models.PositiveSmallIntegerField(_("mã tỉnh"))
    is_active = models.BooleanField(
        _("hiển thị"), default=True, help_text=_("Bỏ chọn để ẩn đơn vị này khỏi trang công khai.")
    )

    class Meta:
        abstract = True


class District(Ordered, AdministrativeUnit):
    """A district-level unit (thành phố, thị xã, huyện) with its official code."""

    url_name = "shops:district"

    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố")
        TOWN = "town", _("Thị xã")
        RURAL = "rural", _("Huyện")

    code = models.PositiveIntegerField(
        _("mã đơn vị hành chính"),
        unique=True,
        help_text=_("Mã của Tổng cục Thống kê, ví dụ 392 cho huyện Hà Trung."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.RURAL)
    note = models.TextField(_("ghi chú"), blank=True)
    editors = editors_field(
        "districts", _("Biên tập viên cấp huyện chỉ xem và sửa được dữ liệu của các huyện mình phụ trách.")
    )

    objects = DistrictQuerySet.as_manager()
    history = FieldHistory()

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị cấp huyện")
        ordering = ["position", "code"]
        permissions = [("all_districts", _("Làm việc với dữ liệu của mọi huyện"))]

    @property
    def name_in_sentence(self) -> str:
        """ "Huyện Hà Trung" -> "huyện Hà Trung", for use inside a sentence."""
        return self.name[:1].lower() + self.name[1:]


class CommuneQuerySet(AdministrativeUnitQuerySet):
    choosable = "related_commune_ids"
    records_place = "commune"

    def in_district(self, district):
        """The current units that took over (part of) a former district."""
        return self.filter(districts=district)

    def for_reindex(self):
        return self.prefetch_related("predecessors__district")

    def for_listing(self):
        return self.prefetch_related("predecessors", "districts")


class Commune(AdministrativeUnit):
    """A commune, ward or special zone: the local unit since 1 July 2025, with its official code."""

    url_name = "shops:commune"

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")

    code = models.PositiveIntegerField(_("mã đơn vị hành chính"), unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.COMMUNE)
    districts = models.ManyToManyField(
        District,
        related_name="communes",
        blank=True,
        verbose_name=_("thuộc khu vực huyện cũ"),
        help_text=_("Các huyện, thị xã, thành phố cũ có xã, phường được sáp nhập vào đơn vị này."),
    )
    editors = editors_field(
        "communes", _("Biên tập viên cấp xã chỉ xem và sửa được dữ liệu của các xã, phường mình phụ trách.")
    )

    objects = CommuneQuerySet.as_manager()
    history = FieldHistory()

    class Meta:
        verbose_name = verbose_name_plural = _("xã, phường hiện nay")
        ordering = ["name", "code"]

    def search_parts(self):
        # Found by its own name and by the names of the former communes it took over.
        parts = [self.name]
        if self.pk:
            parts += [f"{former.name} {former.district.name}" for former in self.predecessors.all()]
        return parts


class FormerCommune(models.Model):
    """A commune, ward or township as it stood until 30 June 2025 (reference data), and the
    current unit(s) it became part of: the official crosswalk."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        TOWNSHIP = "township", _("Thị trấn")

    code = models.PositiveIntegerField(_("mã đơn vị hành chính"), unique=True)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=80)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="former_communes", verbose_name=_("huyện cũ")
    )
    successors = models.ManyToManyField(
        Commune, through="Succession", related_name="predecessors", verbose_name=_("nay thuộc")
    )
    # Folded short name, to find it from what people type.
    key = models.CharField(max_length=80, db_index=True, editable=False)

    class Meta:
        verbose_name = _("xã, phường cũ")
        verbose_name_plural = _("xã, phường cũ (trước 1/7/2025)")
        ordering = ["district__position", "district__code", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.district.name})"


class Succession(models.Model):
    """One line of the crosswalk: a former commune became (part of) a current unit."""

    former = models.ForeignKey(FormerCommune, on_delete=models.CASCADE, related_name="successions")
    current = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="successions")
    is_default = models.BooleanField(
        _("mặc định"),
        default=True,
        help_text=_("Khi xã cũ được chia cho nhiều đơn vị: đơn vị nhận địa chỉ không nói rõ phần nào."),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("chuyển đổi đơn vị hành chính")
        constraints = [models.UniqueConstraint(fields=["former", "current"], name="succession_once")]

    def __str__(self) -> str:
        return f"{self.former} → {self.current}"


class Category(Named, Ordered, Searchable):
    """A goods category, shared by shops (what they sell) and farm products."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("nhóm hàng")
        ordering = ["position", "name"]


class GoodsWord(models.Model):
    """What people type when they look for a thing, and what the directory calls it: a
    search for "thuốc hạ sốt" also finds the pharmacies and the category "Thuốc, vật tư y
    tế". Provincial editors keep the list in the admin."""

    words = models.CharField(
        _("người dân gõ"),
        max_length=100,
        help_text=_("Một cụm từ, có dấu hoặc không, ví dụ “thuốc hạ sốt”."),
    )
    finds = models.CharField(
        _("cũng tìm"),
        max_length=255,
        help_text=_(
            "Tên nhóm hàng hoặc loại cửa hàng mà cụm từ này chỉ tới, cách nhau bằng dấu “;”, "
            "ví dụ “Nhà thuốc; Thuốc, vật tư y tế”."
        ),
    )
    # The phrase as spelt (accents kept, lower case), unique: "gà" and "ga" (gas) are two.
    key = models.CharField(max_length=100, unique=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("từ tìm hàng hóa")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.words} → {self.finds}"

    def save(self, *args, **kwargs):
        self.key = spelling(self.words)
        super().save(*args, **kwargs)

    def clean(self):
        self.key = spelling(self.words)
        if not fold(self.key):
            raise ValidationError({"words": _("Hãy ghi một cụm từ có chữ.")})
        if not self.alternatives():
            raise ValidationError({"finds": _("Hãy ghi ít nhất một tên nhóm hàng hoặc loại cửa hàng.")})
        taken = GoodsWord.objects.filter(key=self.key).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError({"words": _("Cụm từ này đã có trong danh sách.")})

    def alternatives(self) -> list[tuple[str, ...]]:
        """The folded words of each name it finds ("Nhà thuốc" -> ("nha", "thuoc"))."""
        return [tuple(fold(name).split()) for name in self.finds.split(";") if fold(name)]


class ShopQuerySet(PlaceScopedQuerySet, PublishableQuerySet):
    def for_user(self, user):
        """The shops of the user's places; for a postal company's staff, their company's sale points."""
        rows = super().for_user(user)
        kinds = shop_kinds_for(user)
        return rows if kinds is None else rows.filter(kind__in=kinds)

    def admits(self, user, obj) -> bool:
        kinds = shop_kinds_for(user)
        return super().admits(user, obj) and (kinds is None or obj.kind in kinds)

    def public(self):
        """Shops citizens may see: published, in a district shown on the site."""
        return self.published().filter(district__is_active=True)

    def in_district(self, district):
        return self.filter(district=district)

    def for_listing(self):
        """What a shop card shows, fetched in a fixed number of queries."""
        return self.select_related("district", "commune").prefetch_related("categories")

    def for_reindex(self):
        return self.for_listing()


class Placed(models.Model):
    """Where a record is: its current commune or ward, and the former district it is listed
    under (the 2021 handbook's districts, which people still know)."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="%(class)ss", verbose_name=_("khu vực huyện cũ")
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        null=True,
        blank=True,
        verbose_name=_("xã, phường hiện nay"),
        help_text=_("Đơn vị hành chính từ 1/7/2025. Để trống thì hệ thống tìm theo tên xã ghi bên dưới."),
    )
    commune_name = models.CharField(
        _("xã, phường như ghi trong danh sách"),
        max_length=100,
        blank=True,
        help_text=_("Tên xã như trong tài liệu gốc, có thể là tên cũ trước 1/7/2025, ví dụ “Xã Hà Vinh”."),
    )

    class Meta:
        abstract = True

    @property
    def commune_label(self) -> str:
        """Today's commune, or the commune as written while it is not placed yet."""
        return self.commune.name if self.commune_id else self.commune_name

    @property
    def former_commune_label(self) -> str:
        """The commune as written, when it is an old name of today's commune."""
        if self.commune_id and self.commune_name and fold(self.commune_name) != fold(self.commune.name):
            return self.commune_name
        return ""

    def place_parts(self) -> list[str]:
        """The place's names for search: today's commune, the name as written, the district."""
        parts = [self.commune_name]
        if self.commune_id:
            parts.append(self.commune.name)
        if self.district_id:
            parts.append(self.district.name)
        return parts


class Shop(Contactable, DirectoryEntry, Placed):  # noqa: DJ008 (DirectoryEntry gives __str__)
    """A place a citizen can buy from without going out."""

    url_name = "shops:shop"

    class Kind(models.TextChoices):
        SUPERMARKET = "supermarket", _("Siêu thị")
        CONVENIENCE = "convenience", _("Cửa hàng tiện lợi")
        MARKET = "market", _("Chợ, sạp chợ")
        PHARMACY = "pharmacy", _("Nhà thuốc")
        VNPOST = "vnpost", _("Điểm bán hàng thiết yếu Bưu điện")
        VIETTELPOST = "viettelpost", _("Điểm bán hàng thiết yếu Viettel Post")
        HOUSEHOLD = "household", _("Hộ kinh doanh")
        COOP_STORE = "coop_store", _("Cửa hàng hợp tác xã")
        # Lists kept by districts often say no more than "điểm bán hàng": imported rows that
        # give no kind get this, not a guess.
        UNCLASSIFIED = "unclassified", _("Chưa phân loại")

    kind = directory_kind_field(Kind)
    address = models.CharField(
        _("địa chỉ"),
        max_length=255,
        blank=True,
        help_text=_("Số nhà, thôn, tiểu khu hoặc ki-ốt. Để trống nếu danh sách gốc không ghi."),
    )
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

    class Meta(DirectoryEntry.Meta):
        verbose_name = verbose_name_plural = _("cửa hàng")
        indexes = [models.Index(fields=["district", "status", "name"])]
        permissions = [("all_shop_kinds", _("Làm việc với cửa hàng mọi loại hình"))]

    def search_parts(self, categories=None):
        """`categories`: the goods categories to name instead of the stored ones (an import
        giving records their text before it writes them and their categories)."""
        if categories is None:
            categories = self.categories.all() if self.pk else ()
        return [
            self.name,
            self.get_kind_display(),
            self.address,
            *self.place_parts(),
            *(c.name for c in categories),
            *self.phone_words(),
        ]

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


class PostalStaffMember(models.Model):
    """A staff member of one of the postal companies that run the essential-goods sale
    points (the roll-out letter of 2021, item 2): they keep their company's points."""

    class Company(models.TextChoices):
        # The values are the shop kinds of each company's sale points (Shop.Kind).
        VNPOST = Shop.Kind.VNPOST.value, _("Bưu điện tỉnh (Tổng công ty Bưu điện Việt Nam)")
        VIETTELPOST = Shop.Kind.VIETTELPOST.value, _("Chi nhánh Bưu chính Viettel (Viettel Post)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="postal_company",
        verbose_name=_("tài khoản"),
    )
    company = models.CharField(_("doanh nghiệp bưu chính"), max_length=20, choices=Company.choices)

    class Meta:
        verbose_name = verbose_name_plural = _("doanh nghiệp bưu chính của tài khoản")

    def __str__(self) -> str:
        return self.get_company_display()


def shop_kinds_for(user) -> tuple[str, ...] | None:
    """The shop kinds `user` may work on: None for every kind; for a postal company's staff
    member, their company's sale points; nothing for anyone else. Kept on the user object."""
    if user.has_perm(ALL_SHOP_KINDS_PERMISSION):
        return None
    if not user.is_authenticated:
        return ()
    kinds = getattr(user, "_shop_kinds", None)
    if kinds is None:
        company = PostalStaffMember.objects.filter(user=user).values_list("company", flat=True).first()
        kinds = user._shop_kinds = (company,) if company else ()
    return kinds
