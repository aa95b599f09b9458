"""Staff pages inside the admin's look: the plan dashboard and producer onboarding."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns import dashboard, funnel, periods
from campaigns.models import Activity
from core.forms import QueryNamesMixin
from core.imports import exports
from core.spreadsheet_safety import SafeCSVWriter
from producers.models import Onboarding


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


# The `bang` value of the address that downloads the households to call instead of the funnel.
FOLLOW_UP_TABLE = "can-theo-doi"
# The onboarding page's heading, and its link on the admin's home page.
ONBOARDING_TITLE = _("Đưa hộ sản xuất lên sàn")


def producer_onboarding(request):
    """The onboarding funnel of the records the user may see, and the households to call."""
    grouping = request.GET.get("theo")
    if grouping not in funnel.GROUPINGS:
        grouping = funnel.DISTRICT
    result = funnel.funnel(request.user, grouping)
    today = timezone.localdate()
    extension = request.GET.get("xuat")
    if extension in exports.FORMATS and request.GET.get("bang") == FOLLOW_UP_TABLE:
        header, rows = funnel.follow_up_table(request.user, today)
        return exports.table_response(gettext("Hộ cần theo dõi"), header, rows, extension)
    if extension in exports.FORMATS:
        header, rows = funnel.table(result)
        title = gettext("Đưa hộ lên sàn theo %(grouping)s") % {"grouping": funnel.GROUPINGS[grouping].lower()}
        return exports.table_response(title, header, rows, extension)
    stale, stale_count = funnel.follow_up(request.user, today)
    stages = dict(Onboarding.Stage.choices)
    context = _context(
        request,
        ONBOARDING_TITLE,
        funnel=result,
        groupings=[
            {"key": key, "label": label, "query": _with(request, theo=key), "current": key == grouping}
            for key, label in funnel.GROUPINGS.items()
        ],
        stage_labels=[stages[stage] for stage in funnel.STAGES],
        gap_labels=[f"{stages[a]} → {stages[b]}" for a, b in funnel.GAPS],
        declined_label=stages[Onboarding.Stage.DECLINED],
        stale=stale,
        stale_count=stale_count,
        stale_days=funnel.STALE_DAYS,
        csv_query=_with(request, xuat="csv"),
        xlsx_query=_with(request, xuat="xlsx"),
        stale_csv_query=_with(request, xuat="csv", bang=FOLLOW_UP_TABLE),
        stale_xlsx_query=_with(request, xuat="xlsx", bang=FOLLOW_UP_TABLE),
    )
    return TemplateResponse(request, "admin/campaigns/producer_onboarding.html", context)
