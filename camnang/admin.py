"""Third-party models in the admin, under the portal's rules; citizens' reports of wrong information."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from camnang.models import REPORTABLE, ErrorReport, may
from camnang.reports import close_reports
from core.admin import ScopedAdminMixin
from producers.models import Producer, Product
from shops.models import Shop


class LockoutAttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed logins; clearing the expired ones deletes rows, so it needs delete rights."""

    @admin.action(description=_("Xóa các lần đăng nhập sai đã hết hạn"), permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


if admin.site.is_registered(AccessAttempt):  # AXES_ENABLE_ADMIN
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, LockoutAttemptAdmin)


# The task queue's own rows stay out of the staff site: staff follow their work on the job
# pages (/quan-tri/nhap-du-lieu/), operators the queue on /healthz and with `db_worker`.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


# --- Citizens' reports of wrong information -------------------------------------------

# Which line of the record's current values a problem questions.
PROBLEM_FIELDS = {
    ErrorReport.Problem.CLOSED: "status",
    ErrorReport.Problem.WRONG_PHONE: "phone",
    ErrorReport.Problem.WRONG_ADDRESS: "address",
}


def current_values(record) -> list[tuple[str, str, str]]:
    """(key, label, value) of what the record's public page shows now; a product's place and
    numbers are its producer's."""
    holder = getattr(record, "producer", record)
    rows = [("name", _("Tên"), record.name)]
    if holder is not record:
        rows.append(("producer", _("Cơ sở sản xuất"), holder.name))
    verified = date_format(record.verified_on, "d/m/Y") if record.verified_on else gettext("Chưa xác minh")
    rows += [
        ("address", _("Địa chỉ"), holder.address),
        ("commune", _("Xã, phường hiện nay"), holder.commune_label),
        ("district", _("Khu vực huyện cũ"), holder.district.name),
        ("phone", _("Điện thoại"), holder.phone_display),
        ("zalo", _("Zalo"), holder.zalo_display),
        ("status", _("Trạng thái"), record.get_status_display()),
        ("verified_on", _("Xác minh lần cuối"), verified),
    ]
    return rows


def record_admin_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


class KindFilter(admin.SimpleListFilter):
    title = _("loại mục")
    parameter_name = "loai"

    def lookups(self, request, model_admin):
        return [(key, model._meta.verbose_name.capitalize()) for key, model in REPORTABLE.items()]

    def queryset(self, request, queryset):
        model = REPORTABLE.get(self.value())
        if model is None:
            return queryset
        return queryset.filter(content_type=ContentType.objects.get_for_model(model))


class CloseReportForm(forms.ModelForm):
    """Closing a report: its outcome, a note, and optionally the record's verified date."""

    close_all = forms.BooleanField(
        label=_("Đóng cả các báo cáo khác đang mở về mục này"), required=False, initial=True
    )
    verified_today = forms.BooleanField(
        label=_("Đã kiểm tra lại thông tin của mục hôm nay"),
        help_text=_("Ghi ngày xác minh của mục là hôm nay (hiện trên trang của mục)."),
        required=False,
    )
    may_verify = False

    class Meta:
        model = ErrorReport
        fields = ["outcome", "outcome_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outcome = self.fields.get("outcome")  # absent on a page that is only read
        if outcome is not None:
            outcome.required = True
            outcome.error_messages["required"] = gettext("Xin chọn kết quả xử lý.")

    def clean_verified_today(self):
        verified = self.cleaned_data["verified_today"]
        if verified and not self.may_verify:
            raise forms.ValidationError(
                gettext("Bạn không được sửa mục này nên không ghi được ngày xác minh.")
            )
        return verified


@admin.register(ErrorReport)
class ErrorReportAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The queue of citizens' reports, scoped like their records (ErrorReport.objects.for_user).

    Reports of one record sit together, the records with most open reports first; a
    report's page shows the record's current values beside what citizens said, and closes
    it (and, by default, the record's other open reports) through camnang.reports.close_reports.
    Reports come only from citizens and are kept as a record of the work: no adding or
    deleting here.
    """

    form = CloseReportForm
    list_display = [
        "record_name",
        "kind",
        "place",
        "problem",
        "short_note",
        "created_at",
        "open_on_record",
        "state",
    ]
    list_filter = ["state", "problem", KindFilter]
    list_per_page = 50
    fieldsets = [
        (_("Báo cáo"), {"fields": ["record_link", "problem", "note", "created_at", "state"]}),
        (_("Thông tin hiện tại của mục"), {"fields": ["record_values", "reports_on_record"]}),
        (_("Xử lý"), {"fields": ["outcome", "outcome_note", "close_all", "verified_today"]}),
    ]
    closed_fieldsets = [
        *fieldsets[:2],
        (_("Xử lý"), {"fields": ["outcome", "outcome_note", "closed_by", "closed_at"]}),
    ]
    readonly_fields = [
        "record_link",
        "problem",
        "note",
        "created_at",
        "state",
        "record_values",
        "reports_on_record",
        "closed_by",
        "closed_at",
    ]

    @staticmethod
    def _open_on_record():
        """The number of open reports about the same record as this one."""
        reports = (
            ErrorReport.objects.open()
            .filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id"))
            .values("object_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Coalesce(Subquery(reports), 0)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("content_type")
        queryset = queryset.annotate(open_on_record=self._open_on_record())
        places = ["district", "commune"]
        return queryset.prefetch_related(
            GenericPrefetch(
                "record",
                [
                    Shop.objects.select_related(*places),
                    Producer.objects.select_related(*places),
                    Product.objects.select_related(*(f"producer__{p}" for p in places)),
                ],
            )
        )

    def get_ordering(self, request):
        # Open first, then each record's reports together, the most reported record first.
        return ["state", self._open_on_record().desc(), "content_type", "object_id", "-created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        closed = obj is not None and obj.state == ErrorReport.State.CLOSED
        return not closed and super().has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.state == ErrorReport.State.CLOSED:
            return self.closed_fieldsets
        return self.fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        record = obj.record if obj is not None else None
        if record is not None:
            model = type(record)
            form.may_verify = (
                may(request.user, "change", model)
                and model._default_manager.for_user(request.user).filter(pk=record.pk).exists()
            )
        return form

    def save_model(self, request, obj, form, change):
        if not self.in_scope(request, obj):
            raise PermissionDenied
        reports = [obj]
        if form.cleaned_data["close_all"]:
            reports += ErrorReport.objects.open().about(obj.record).exclude(pk=obj.pk)
        closed = close_reports(
            reports,
            user=request.user,
            outcome=obj.outcome,
            note=obj.outcome_note,
            verified=form.cleaned_data["verified_today"],
        )
        messages.success(
            request,
            ngettext("Đã đóng %(count)d báo cáo.", "Đã đóng %(count)d báo cáo.", closed) % {"count": closed},
        )

    def construct_change_message(self, request, form, formsets, add=False):
        return gettext("Đóng báo cáo: %(outcome)s") % {"outcome": form.instance.get_outcome_display()}

    # --- Columns and read-only fields ---

    @admin.display(description=_("mục"))
    def record_name(self, obj):
        return obj.record.name if obj.record is not None else gettext("(mục đã xóa)")

    @admin.display(description=_("loại"), ordering="content_type")
    def kind(self, obj):
        return obj.kind_label

    @admin.display(description=_("địa bàn"))
    def place(self, obj):
        record = obj.record
        if record is None:
            return "—"
        holder = getattr(record, "producer", record)
        return ", ".join(part for part in (holder.commune_label, holder.district.name) if part)

    @admin.display(description=_("ghi chú"))
    def short_note(self, obj):
        return Truncator(obj.note).chars(60)

    @admin.display(description=_("báo cáo đang mở về mục"))
    def open_on_record(self, obj):
        return getattr(obj, "open_on_record", None)

    @admin.display(description=_("mục được báo"))
    def record_link(self, obj):
        record = obj.record
        if record is None:
            return gettext("(mục đã xóa)")
        return format_html(
            '<a href="{}">{}</a> ({}) · <a href="{}">{}</a>',
            record_admin_url(record),
            record.name,
            obj.kind_label,
            record.get_absolute_url(),
            gettext("xem trang công khai"),
        )

    @admin.display(description=_("thông tin hiện tại"))
    def record_values(self, obj):
        record = obj.record
        if record is None:
            return "—"
        questioned = {}
        for problem in ErrorReport.objects.open().about(record).values_list("problem", flat=True):
            if problem in PROBLEM_FIELDS:
                key = PROBLEM_FIELDS[problem]
                questioned[key] = questioned.get(key, 0) + 1
        rows = format_html_join(
            "",
            "<tr{}><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            (
                (
                    mark_safe(' class="questioned"') if key in questioned else "",
                    label,
                    value or "—",
                    ngettext("%(count)d báo cáo", "%(count)d báo cáo", questioned[key])
                    % {"count": questioned[key]}
                    if key in questioned
                    else "",
                )
                for key, label, value in current_values(record)
            ),
        )
        return format_html(
            '<table class="record-values"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            gettext("Thông tin"),
            gettext("Hiện trên trang"),
            gettext("Người dân báo chưa đúng"),
            rows,
        )

    @admin.display(description=_("các báo cáo đang mở về mục"))
    def reports_on_record(self, obj):
        if obj.record is None:
            return "—"
        reports = ErrorReport.objects.open().about(obj.record).order_by("created_at")
        if not reports:
            return gettext("Không còn báo cáo nào đang mở.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} – <strong>{}</strong>{}</li>",
                (
                    (
                        date_format(timezone.localtime(report.created_at), "d/m/Y H:i"),
                        report.get_problem_display(),
                        f": {report.note}" if report.note else "",
                    )
                    for report in reports
                ),
            ),
        )
