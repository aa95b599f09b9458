"""The communication plan: the units it names, its activities with their targets, what
the units did, and the reports they sent."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import periods
from campaigns.models.base import Campaign
from campaigns.validators import validate_evidence_file
from core.fields import WebAddressField, optional_link, staff_member_field
from core.models import DemoMarked, Named, Ordered, TimeStampedModel
from core.private_files import PrivateFileField, PrivatePhotoField
from shops.models import PlaceScopedQuerySet, shop_kinds_for

# The unit of each postal company in the plan, by the company's shop kind (the kind of
# its sale points, shops.models.PostalStaffMember.Company).
POSTAL_UNITS = {"vnpost": "buu-dien-tinh", "viettelpost": "viettel-post"}


def postal_unit_slugs(user) -> list[str] | None:
    """The units a postal company's staff member works for (None: not limited by company)."""
    kinds = shop_kinds_for(user)
    return None if kinds is None else [POSTAL_UNITS[kind] for kind in kinds]


class PlanUnitQuerySet(PlaceScopedQuerySet):
    """Rows of a unit of the plan: a local editor's are those of the People's Committees of
    their places (the rule of shops.models.PlaceScopedQuerySet); a postal company's staff
    member's, those of their company's unit."""

    # The row's unit: empty for a unit itself, else the name of its foreign key to the unit.
    unit = ""

    def for_user(self, user):
        rows = super().for_user(user)
        slugs = postal_unit_slugs(user)
        slug_path = f"{self.unit}__slug" if self.unit else "slug"
        return rows if slugs is None else rows.filter(**{f"{slug_path}__in": slugs})

    def admits(self, user, obj) -> bool:
        if not super().admits(user, obj):
            return False
        slugs = postal_unit_slugs(user)
        if slugs is None:
            return True
        if not self.unit:
            return obj.slug in slugs
        return getattr(obj, f"{self.unit}_id") is not None and getattr(obj, self.unit).slug in slugs


class OrganisationQuerySet(PlanUnitQuerySet):
    def current(self, on: date | None = None):
        """Units that exist on `on` (today by default): started by then and not yet ceased."""
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )

    def ceased(self, on: date | None = None):
        """Units that no longer exist on `on` (today by default)."""
        return self.filter(valid_until__lt=on or timezone.localdate())


def committee_of(place: str, verbose_name, help_text):
    """The place whose People's Committee a unit is: one committee a place, none for other units."""
    return models.OneToOneField(
        place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee",
        verbose_name=verbose_name,
        help_text=help_text,
    )


class Organisation(Ordered):
    """A unit named in the plan or taking over its work: department, broadcaster, newspaper,
    postal company, a district's or a commune's People's Committee.

    Units change over time (merged, renamed, dissolved): a unit keeps the name of its time
    and says until when it existed and which unit it became, so records stay with the unit
    that did the work and new ones go to the unit of the day.
    """

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành")
        BROADCASTER = "broadcaster", _("Đài Phát thanh – Truyền hình")
        NEWSPAPER = "newspaper", _("Báo")
        POSTAL = "postal", _("Doanh nghiệp bưu chính")
        DISTRICT = "district", _("UBND cấp huyện")
        COMMUNE = "commune", _("UBND cấp xã")

    name = models.CharField(_("tên đơn vị"), max_length=200, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, db_index=True)
    district = committee_of("shops.District", _("đơn vị hành chính"), _("Chỉ với UBND cấp huyện."))
    commune = committee_of("shops.Commune", _("xã, phường"), _("Chỉ với UBND cấp xã."))
    submits_reports = models.BooleanField(
        _("gửi báo cáo định kỳ"),
        default=False,
        help_text=_("Báo cáo tuần, tháng, quý và kế hoạch năm về Sở Thông tin và Truyền thông."),
    )
    valid_from = models.DateField(
        _("hoạt động từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đơn vị được thành lập; để trống nếu đã có từ trước kế hoạch."),
    )
    valid_until = models.DateField(
        _("hoạt động đến ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng đơn vị còn tồn tại (trước khi hợp nhất, đổi tên, giải thể)."),
    )
    successor = optional_link(
        "self",
        related_name="predecessors",
        verbose_name=_("nay là"),
        help_text=_("Đơn vị tiếp nhận công việc sau ngày hoạt động cuối cùng."),
    )
    source = models.TextField(
        _("căn cứ"),
        blank=True,
        help_text=_(
            "Văn bản và mục nêu tên, thời gian hoạt động và đơn vị kế thừa; ghi cả điều còn cần xác minh."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError(
                {"valid_until": _("Ngày hoạt động cuối cùng không được trước ngày bắt đầu hoạt động.")}
            )
        if self.successor_id:
            if not self.valid_until:
                raise ValidationError(
                    {"successor": _("Chỉ ghi đơn vị kế thừa khi đã có ngày hoạt động cuối cùng.")}
                )
            chain, unit = set(), self.successor
            while unit is not None and unit.pk not in chain:
                if unit.pk == self.pk:
                    raise ValidationError(
                        {"successor": _("Đơn vị kế thừa không thể là chính đơn vị này hay đơn vị trước nó.")}
                    )
                chain.add(unit.pk)
                unit = unit.successor

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def successor_on(self, day: date) -> "Organisation | None":
        """The unit that stands for this one on `day`: itself while it exists, afterwards its
        successor, followed down the chain; None when the chain ends before `day` or `day`
        is before this unit existed."""
        unit, seen = self, set()
        while unit is not None and unit.pk not in seen:
            if unit.exists_on(day):
                return unit
            if unit.valid_until is None or day <= unit.valid_until:
                return None  # not founded yet: successors cannot stand in
            seen.add(unit.pk)
            unit = unit.successor
        return None

    def units_instead(self, day: date) -> list["Organisation"]:
        """Units to record `day`'s work under when this one did not exist on that day."""
        if self.valid_until and day > self.valid_until:
            unit = self.successor_on(day)
            if unit is not None:
                return [unit]
            if self.district_id:
                # The district level ended: its work passed to the communes of the former district.
                return list(
                    Organisation.objects.current(day)
                    .filter(commune__districts=self.district_id)
                    .order_by("position", "name")
                )
            return []
        if self.valid_from and day < self.valid_from:
            earlier = Q(successor=self)
            if self.commune_id:
                earlier |= Q(district__communes=self.commune_id)
            return list(
                Organisation.objects.current(day).filter(earlier).distinct().order_by("position", "name")
            )
        return []

    def absence_message(self, day: date) -> str:
        """Why work done on `day` cannot be recorded under this unit, and under which unit it goes."""
        values = {"unit": self.name, "day": f"{day:%d/%m/%Y}"}
        if self.valid_until and day > self.valid_until:
            message = _("%(unit)s chỉ hoạt động đến ngày %(until)s.")
            instead = _("Kết quả ngày %(day)s hãy ghi cho đơn vị nay phụ trách: %(units)s.")
            values["until"] = f"{self.valid_until:%d/%m/%Y}"
        else:
            message = _("%(unit)s bắt đầu hoạt động từ ngày %(since)s.")
            instead = _("Kết quả ngày %(day)s hãy ghi cho đơn vị lúc đó: %(units)s.")
            values["since"] = f"{self.valid_from:%d/%m/%Y}"
        units = self.units_instead(day)
        if not units:
            instead = _("Hãy chọn đơn vị đang hoạt động vào ngày %(day)s.")
        values["units"] = ", ".join(unit.name for unit in units)
        return f"{message % values} {instead % values}"


class PeriodKind(models.TextChoices):
    WEEK = periods.WEEK, _("tuần")
    MONTH = periods.MONTH, _("tháng")
    QUARTER = periods.QUARTER, _("quý")
    YEAR = periods.YEAR, _("năm")


class Activity(Named, Ordered, TimeStampedModel):
    """One line of the plan: a channel, who leads it, and how often it must happen."""

    title_field = "title"

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
        _("chỉ tiêu tối thiểu"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Để trống khi chưa có văn bản nào giao chỉ tiêu."),
    )
    target_period = models.CharField(
        _("mỗi"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    target_note = models.CharField(
        _("căn cứ chỉ tiêu"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản và mục nêu chỉ tiêu, hoặc ghi rõ kế hoạch không nêu số lượng."),
    )
    # Who last set the target in the admin, and when: shown beside a target no document set.
    target_set_by = staff_member_field(_("người đặt chỉ tiêu"))
    target_set_on = models.DateField(_("ngày đặt chỉ tiêu"), null=True, blank=True, editable=False)
    source = models.TextField(_("nguồn"), blank=True, help_text=_("Văn bản và mục nêu hoạt động này."))
    description = models.TextField(_("nội dung"), blank=True)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hoạt động truyền thông")
        ordering = ["position", "pk"]

    @property
    def has_target(self) -> bool:
        return self.target_count is not None

    @property
    def target_label(self) -> str:
        if not self.has_target:
            return _("chưa có chỉ tiêu")
        return _("ít nhất %(count)d mỗi %(period)s") % {
            "count": self.target_count,
            "period": self.get_target_period_display(),
        }

    @property
    def target_origin(self) -> str:
        """Where the target comes from: the staff member who set it, or the document."""
        if self.target_set_by_id and self.target_set_on:
            return _("Chỉ tiêu do %(user)s đặt ngày %(date)s.") % {
                "user": self.target_set_by.get_full_name() or self.target_set_by.get_username(),
                "date": self.target_set_on.strftime("%d/%m/%Y"),
            }
        return self.target_note

    def set_target_by(self, user, today) -> None:
        """Record that `user` set (or cleared) the target today."""
        self.target_set_by, self.target_set_on = user, today


class ActivityRecordQuerySet(PlanUnitQuerySet):
    """A local editor records and sees the work of their own places' committees; a postal
    company's staff member, their company's (trainings, articles, livestreams)."""

    unit = "organisation"
    district_path = "organisation__district"
    commune_path = "organisation__commune"


class ActivityRecord(DemoMarked, TimeStampedModel):
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
    recorded_by = staff_member_field(_("người nhập"))

    objects = ActivityRecordQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("kết quả thực hiện")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.title}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Ngày thực hiện không được ở tương lai.")})
        if self.date and self.organisation_id and not self.organisation.exists_on(self.date):
            # Work goes to the unit of its day: a merged or dissolved unit keeps only its own records.
            raise ValidationError({"organisation": self.organisation.absence_message(self.date)})


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
        verbose_name = verbose_name_plural = _("ảnh hoạt động")

    def __str__(self) -> str:
        return self.caption or self.image.name


class ReportSubmission(DemoMarked):
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
        verbose_name = verbose_name_plural = _("báo cáo đã nộp")
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
