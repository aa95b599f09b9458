"""Staff pages inside the admin's look: the plan dashboard and producer onboarding."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import dashboard, periods
from campaigns.models import Activity
from core.forms import QueryNamesMixin
from core.spreadsheet_safety import SafeCSVWriter


class DashboardForm(QueryNamesMixin, forms.Form):
    # The names in the address staff bookmark and share.
    query_names = {"activity": "hoat_dong", "periods": "so_ky", "until": "den"}

    activity = forms.ChoiceField(label=_("Hoạt động"), required=False)
    periods = forms.TypedChoiceField(
        label=_("Số kỳ gần nhất"),
        required=False,
        coerce=int,
        choices=[(n, n) for n in dashboard.PERIOD_CHOICES],
        empty_value=dashboard.DEFAULT_PERIODS,
    )
    until = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data, activities):
        super().__init__(data)
        self.fields["activity"].choices = [("", _("Tất cả"))] + [(a.slug, a.title) for a in activities]

    def values(self, today: date) -> dict:
        """Valid choices; anything malformed falls back to its default instead of failing."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        end = data.get("until") or today
        return {
            "activity_slug": data.get("activity") or "",
            "count": data.get("periods") or dashboard.DEFAULT_PERIODS,
            "today": min(end, today),
        }


def _context(request, title, **extra):
    return {
        **admin.site.each_context(request),
        "title": title,
        "staff_demo_notice": dashboard.staff_demo_notice(),
        **extra,
    }


def plan_dashboard(request):
    activities = list(Activity.objects.filter(is_active=True).only("slug", "title"))
    form = DashboardForm(request.GET, activities)
    options = form.values(timezone.localdate())
    boards = dashboard.activity_boards(**options, user=request.user)
    if request.GET.get("xuat") == "csv":
        return _csv(boards)
    context = _context(
        request,
        _("Theo dõi kế hoạch truyền thông"),
        form=form,
        boards=boards,
        reports=dashboard.report_statuses(today=timezone.localdate()),
        report_recipient=dashboard.report_recipient(timezone.localdate()),
        today=options["today"],
        csv_query=_with(request, xuat="csv"),
    )
    return TemplateResponse(request, "admin/campaigns/plan_dashboard.html", context)


def _with(request, **params) -> str:
    query = request.GET.copy()
    for key, value in params.items():
        query[key] = value
    return query.urlencode()


def _csv(boards) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="theo-doi-ke-hoach.csv"'
    response.write("\ufeff")  # lets spreadsheet programs read the Vietnamese text as UTF-8
    writer = SafeCSVWriter(response)  # activity and unit names are text staff typed
    writer.writerow(
        [
            "Hoạt động",
            "Đơn vị",
            "Kỳ",
            "Từ ngày",
            "Đến ngày",
            "Số kết quả",
            "Chỉ tiêu",
            "Đánh giá",
            "Số đơn vị đạt",
        ]
    )
    verdicts = {
        dashboard.MET: "Đạt",
        dashboard.MISSED: "Không đạt",
        dashboard.OPEN: "Đang thực hiện",
        dashboard.UNSET: "Chưa có chỉ tiêu",
    }
    for board in boards:
        kind = board.activity.target_period
        for row in [*board.rows, board.overall]:
            unit = str(row.organisation) if row.organisation else "Toàn kế hoạch"
            for column, cell in zip(board.columns, row.cells, strict=True):
                if cell.state == dashboard.INACTIVE:
                    continue  # the unit did not exist then: nothing was expected of it
                writer.writerow(
                    [
                        board.activity.title,
                        unit,
                        column.label,
                        f"{column.start:%d/%m/%Y}",
                        f"{periods.period_end(kind, column.start):%d/%m/%Y}",
                        cell.count,
                        board.activity.target_count or "",
                        verdicts[cell.state],
                        f"{cell.units_met}/{cell.units}" if cell.units is not None else "",
                    ]
                )
    return response


def producer_onboarding(request):
    districts = list(dashboard.onboarding_by_district())
    metrics = [
        ("producers_trained", _("Đã tập huấn")),
        ("on_postmart", _("Có gian hàng postmart.vn")),
        ("on_voso", _("Có gian hàng voso.vn")),
    ]
    rows = []
    for district in districts:
        listed = district.producers_listed
        bars = [
            {
                "label": label,
                "value": getattr(district, key),
                "percent": _percent(getattr(district, key), listed),
            }
            for key, label in metrics
        ]
        ocop = {
            "value": district.ocop_listed,
            "total": district.ocop_total,
            "percent": _percent(district.ocop_listed, district.ocop_total),
        }
        rows.append({"district": district, "listed": listed, "bars": bars, "ocop": ocop})
    totals = {
        key: sum(getattr(d, key) for d in districts)
        for key in (
            "producers_listed",
            "producers_trained",
            "on_postmart",
            "on_voso",
            "ocop_total",
            "ocop_listed",
        )
    }
    context = _context(
        request, _("Đưa hộ sản xuất lên sàn theo địa bàn"), rows=rows, totals=totals, metrics=metrics
    )
    return TemplateResponse(request, "admin/campaigns/producer_onboarding.html", context)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
