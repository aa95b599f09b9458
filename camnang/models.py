"""Citizens' reports that a shop, producer or product page shows wrong information.

The model lives in the top app because a report points at records of two apps (shops and
producers) through contenttypes. What is stored is only what the citizen chose and typed
(the problem and an optional note), when, and what staff did about it: no network
address, name, phone or other detail of the person reporting.

Scoping has one rule, the records' own: a report is in a user's scope when the user may
view its record's model and the record is in the user's places (the record QuerySets'
for_user()); the admin and the verification queue read it through ErrorReport.objects.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import staff_member_field
from producers.models import Producer, Product
from shops.models import Shop

# The records citizens may report, by the URL word of the public report page.
REPORTABLE = {"cua-hang": Shop, "co-so-san-xuat": Producer, "san-pham": Product}


def may(user, action: str, model) -> bool:
    """Whether `user` holds the permission to `action` (view, change ...) rows of `model`."""
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


class ErrorReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ErrorReport.State.OPEN)

    def about(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)

    def for_user(self, user):
        """Reports whose record `user` may see: a model they may view, a record in their places."""
        allowed = Q(pk__in=[])
        for model in REPORTABLE.values():
            if may(user, "view", model):
                records = model._default_manager.for_user(user).values("pk")
                allowed |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=records)
        return self.filter(allowed)

    def admits(self, user, obj) -> bool:
        return self.for_user(user).filter(pk=obj.pk).exists()

    def open_counts(self, model, records) -> dict[int, int]:
        """{record pk: number of open reports} for the `records` of `model` that have any."""
        rows = (
            self.open()
            .filter(content_type=ContentType.objects.get_for_model(model), object_id__in=records.values("pk"))
            .values("object_id")
            .annotate(count=models.Count("pk"))
        )
        return {row["object_id"]: row["count"] for row in rows}


class ErrorReport(models.Model):
    class Problem(models.TextChoices):
        CLOSED = "closed", _("Đã đóng cửa, ngừng bán")
        WRONG_PHONE = "wrong_phone", _("Số điện thoại không đúng")
        WRONG_ADDRESS = "wrong_address", _("Địa chỉ không đúng")
        OTHER = "other", _("Khác")

    class State(models.TextChoices):
        OPEN = "open", _("Chưa xử lý")
        CLOSED = "closed", _("Đã xử lý")

    class Outcome(models.TextChoices):
        CORRECTED = "corrected", _("Đã sửa thông tin")
        CONFIRMED = "confirmed", _("Thông tin vẫn đúng")
        HIDDEN = "hidden", _("Đã tạm ẩn")
        REJECTED = "rejected", _("Không xử lý được/báo nhầm")

    NOTE_MAX_LENGTH = 500

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("loại mục")
    )
    object_id = models.PositiveBigIntegerField(_("mã mục"))
    record = GenericForeignKey("content_type", "object_id")
    problem = models.CharField(_("điều chưa đúng"), max_length=20, choices=Problem.choices)
    note = models.TextField(_("ghi chú của người báo"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("ngày báo"), auto_now_add=True, db_index=True)
    state = models.CharField(
        _("tình trạng"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("ghi chú xử lý"), blank=True)
    closed_by = staff_member_field(_("người xử lý"))
    closed_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True, editable=False)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("báo thông tin chưa đúng")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self) -> str:
        record = self.record
        name = record.name if record is not None else _("(mục đã xóa)")
        return f"{self.get_problem_display()}: {name}"

    @property
    def kind_label(self) -> str:
        return self.content_type.model_class()._meta.verbose_name.capitalize()
