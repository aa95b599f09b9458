"""“Báo thông tin chưa đúng”: the public form on every shop, producer and product page,
and the one way staff close reports (camnang.admin uses close_reports()).

Decisions:
- No login; a honeypot field and at most REPORT_LIMIT reports per network address per
  hour (core.antispam, which keeps only a keyed hash of the address in the cache, for the
  hour). Refused input stores nothing and says why, in Vietnamese.
- Only records citizens can see (each model's public()) can be reported: a draft or
  hidden record answers 404.
- The form page carries a CSRF token, so it is never cached (never_cache: the page cache
  and browsers keep nothing). After a report the browser is sent to the page's own
  “sent” address (POST, redirect, GET): never to an address taken from the request.
"""

from django import forms
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from camnang.models import REPORTABLE, ErrorReport
from core import services
from core.antispam import HoneypotFormMixin, over_limit, record_submission

REPORT_SCOPE = "error-report"
REPORT_LIMIT = 5
REPORT_WINDOW_SECONDS = 3600


class ErrorReportForm(HoneypotFormMixin, forms.Form):
    problem = forms.ChoiceField(
        label=_("Thông tin nào chưa đúng?"),
        choices=ErrorReport.Problem.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Xin chọn điều chưa đúng."),
            "invalid_choice": _("Xin chọn một trong các điều chưa đúng được liệt kê."),
        },
    )
    note = forms.CharField(
        label=_("Ghi chú thêm (không bắt buộc)"),
        help_text=_("Ví dụ: số điện thoại đúng, địa chỉ mới. Đừng ghi tên hay số điện thoại của bạn."),
        required=False,
        max_length=ErrorReport.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Ghi chú dài quá: tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
            "null_characters_not_allowed": _("Ghi chú có ký tự không hợp lệ."),
        },
    )


def _record(kind: str, slug: str):
    model = REPORTABLE.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model.objects.public(), slug=slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request, kind, slug):
    record = _record(kind, slug)
    status = 200
    limited = False
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        limited = over_limit(request, REPORT_SCOPE, limit=REPORT_LIMIT)
        if limited:
            status = 429
        elif form.is_valid():
            ErrorReport.objects.create(
                record=record, problem=form.cleaned_data["problem"], note=form.cleaned_data["note"]
            )
            record_submission(request, REPORT_SCOPE, seconds=REPORT_WINDOW_SECONDS)
            return redirect("report_error_sent", kind=kind, slug=slug)
    else:
        form = ErrorReportForm()
    context = {"record": record, "kind": kind, "form": form, "limited": limited}
    return TemplateResponse(request, "camnang/report_error.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def report_error_sent(request, kind, slug):
    record = _record(kind, slug)
    return TemplateResponse(
        request, "camnang/report_error.html", {"record": record, "kind": kind, "sent": True}
    )


def close_reports(reports, *, user, outcome: str, note: str = "", verified: bool = False) -> int:
    """Close the open `reports` (all about one record) with `outcome`; with `verified`, also
    record that the record was checked today (core.services.mark_verified, in its history).
    Returns the number of reports closed."""
    reports = list(reports)
    with transaction.atomic():
        closed = ErrorReport.objects.open().filter(pk__in=[r.pk for r in reports])
        count = closed.update(
            state=ErrorReport.State.CLOSED,
            outcome=outcome,
            outcome_note=note,
            closed_by=user,
            closed_at=timezone.now(),
        )
        if verified:
            records = {(r.content_type_id, r.object_id): r.record for r in reports}
            services.mark_verified([r for r in records.values() if r is not None], user=user)
    return count
