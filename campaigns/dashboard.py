"""What the staff dashboard shows, computed in a fixed number of queries.

Records are counted per activity, organisation and day in one aggregate query and
bucketed into periods in Python (campaigns.periods), so the SQL stays portable
between SQLite and PostgreSQL and the number of queries does not grow with rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from campaigns import periods
from campaigns.models import (
    Activity,
    ActivityRecord,
    Organisation,
    PeriodKind,
    ReferralCount,
    ReportSubmission,
)
from producers.models import Producer

PERIOD_CHOICES = (4, 8, 13, 26, 52)
DEFAULT_PERIODS = 8
MET, MISSED, OPEN, INACTIVE = "met", "missed", "open", "inactive"
# A period of an activity no document has set a target for: counted, not judged.
UNSET = "unset"


@dataclass
class Column:
    start: date
    label: str
    span: str
    is_current: bool


@dataclass
class Cell:
    count: int
    # met, missed, open (the current period, not met yet), unset (the activity has no target)
    # or inactive (the unit did not exist)
    state: str
    # The all-units row: how many of the units judged in the period met the target.
    units_met: int | None = None
    units: int | None = None


@dataclass
class Row:
    organisation: Organisation | None  # None: the activity as a whole
    cells: list[Cell]

    @property
    def met(self) -> int:
        return sum(cell.state == MET for cell in self.cells)

    @property
    def judged(self) -> int:
        """Periods the unit existed in and the activity had a target: the only ones it is judged on."""
        return sum(cell.state not in {INACTIVE, UNSET} for cell in self.cells)

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


@dataclass
class Board:
    activity: Activity
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    overall: Row | None = None


def _cell(count: int, target: int | None, is_current: bool) -> Cell:
    if target is None:
        return Cell(count, UNSET)
    if periods.target_met(count, target):
        return Cell(count, MET)
    return Cell(count, OPEN if is_current else MISSED)


def _existed(organisation: Organisation, first: date, last: date) -> bool:
    """Whether the unit existed on at least one day from `first` to `last`."""
    return (organisation.valid_from is None or organisation.valid_from <= last) and (
        organisation.valid_until is None or first <= organisation.valid_until
    )


def activity_boards(
    *, today: date, count: int = DEFAULT_PERIODS, activity_slug: str = "", user=None
) -> list[Board]:
    """The boards of the active activities. With `user`, the rows are the units that user
    works for (a local editor: their places' committees) and the all-units row counts
    those alone."""
    leads = Organisation.objects.all() if user is None else Organisation.objects.for_user(user)
    records = ActivityRecord.objects.all() if user is None else ActivityRecord.objects.for_user(user)
    activities = Activity.objects.filter(is_active=True).prefetch_related(
        Prefetch("lead_organisations", queryset=leads)
    )
    if activity_slug:
        activities = activities.filter(slug=activity_slug)
    activities = list(activities)
    columns = {}
    for activity in activities:
        kind = activity.target_period
        current = periods.period_start(kind, today)
        columns[activity.pk] = [
            Column(start, periods.label(kind, start), periods.span(kind, start), start == current)
            for start in periods.latest_periods(kind, today, count, not_before=activity.start_date)
        ]
    first_days = [cols[0].start for cols in columns.values() if cols]
    tallies: dict[tuple, int] = defaultdict(int)
    if first_days:
        daily = (
            records.filter(activity__in=activities, date__gte=min(first_days), date__lte=today)
            .values("activity_id", "organisation_id", "date")
            .annotate(n=Count("pk"))
            .order_by()
        )
        kinds = {a.pk: a.target_period for a in activities}
        for row in daily:
            start = periods.period_start(kinds[row["activity_id"]], row["date"])
            tallies[(row["activity_id"], row["organisation_id"], start)] += row["n"]
            tallies[(row["activity_id"], None, start)] += row["n"]

    boards = []
    for activity in activities:
        cols = columns[activity.pk]
        board = Board(activity, cols)

        def row_for(org, activity=activity, cols=cols):
            cells = []
            for col in cols:
                count = tallies.get((activity.pk, org and org.pk, col.start), 0)
                if org is not None and not _existed(
                    org, col.start, periods.period_end(activity.target_period, col.start)
                ):
                    cells.append(Cell(count, INACTIVE))  # no target for a unit that did not exist
                else:
                    cells.append(_cell(count, activity.target_count, col.is_current))
            return cells

        rows = [Row(org, row_for(org)) for org in activity.lead_organisations.all()]
        # A unit that did not exist in any period shown (merged, dissolved, not yet founded) has no row.
        board.rows = [row for row in rows if any(cell.state != INACTIVE for cell in row.cells)]
        board.overall = Row(None, row_for(None))
        for i, cell in enumerate(board.overall.cells):
            _count_units(cell, [row.cells[i] for row in board.rows])
        boards.append(board)
    return boards


def _count_units(overall: Cell, cells: list[Cell]) -> None:
    """The all-units cell of one period: met only when every unit judged met the target,
    so one busy unit cannot make the row green while the others recorded nothing."""
    judged = [cell for cell in cells if cell.state not in {INACTIVE, UNSET}]
    overall.units, overall.units_met = len(judged), sum(cell.state == MET for cell in judged)
    if overall.state == UNSET:
        return
    if not judged:
        overall.state = INACTIVE
    elif overall.units_met == overall.units:
        overall.state = MET
    elif any(cell.state == OPEN for cell in judged):
        overall.state = OPEN
    else:
        overall.state = MISSED


# --- Demo rows ------------------------------------------------------------------------

STAFF_DEMO_NOTICE = _(
    "Số liệu trên trang này có dữ liệu minh họa (kết quả, báo cáo, lượt truy cập, cơ sở sản xuất do lệnh "
    "nạp dữ liệu minh họa tạo ra), không phải kết quả thật của các đơn vị."
)


def staff_demo_notice() -> str:
    """The notice for the staff pages, while any of the rows they count is a demo row."""
    counted = (ActivityRecord, ReportSubmission, ReferralCount, Producer)
    return STAFF_DEMO_NOTICE if any(m.objects.filter(is_demo=True).exists() for m in counted) else ""


# --- Reporting deadlines ----------------------------------------------------------------

# The plan has reports sent to the Department of Information and Communications.
REPORTS_GO_TO = "so-tttt"


def report_recipient(today: date) -> Organisation | None:
    """The unit that receives the plan's reports today: the department the plan names, or
    the one that took over its work."""
    named = Organisation.objects.filter(slug=REPORTS_GO_TO).first()
    return named.successor_on(today) if named else None


@dataclass
class ReportStatus:
    organisation: Organisation
    kind: str
    kind_label: str
    next_due: periods.Due | None
    overdue: list[periods.Due]
    last_submitted: ReportSubmission | None


def report_statuses(*, today: date, since: date | None = None) -> list[ReportStatus]:
    """For every unit that must report: the report due next and the overdue ones."""
    if since is None:
        first = Activity.objects.order_by("start_date").values_list("start_date", flat=True).first()
        since = first or today
    organisations = list(Organisation.objects.filter(submits_reports=True))
    submitted = defaultdict(dict)
    for report in ReportSubmission.objects.filter(organisation__in=organisations).order_by("period"):
        submitted[(report.organisation_id, report.kind)][report.period] = report
    labels = dict(PeriodKind.choices)
    statuses = []
    for organisation in organisations:
        for kind in periods.KINDS:
            reports = submitted[(organisation.pk, kind)]
            dues = [
                periods.Due(
                    kind,
                    start,
                    periods.report_deadline(kind, start),
                    reports[start].submitted_on if start in reports else None,
                )
                for start in periods.reports_expected(kind, since, today)
            ]
            upcoming = [d for d in dues if d.state(today) in {"due", "upcoming"}]
            statuses.append(
                ReportStatus(
                    organisation=organisation,
                    kind=kind,
                    kind_label=labels[kind],
                    next_due=upcoming[0] if upcoming else None,
                    overdue=[d for d in dues if d.state(today) == "overdue"],
                    last_submitted=list(reports.values())[-1] if reports else None,
                )
            )
    return statuses
