"""Calendar arithmetic for the communication plan: periods, targets and report deadlines.

Pure Python (dates in, dates out) so it can be tested on its own across every
boundary. A period is identified by its kind and its first day:

- week: ISO week, Monday to Sunday (a week can span two months or two years; it
  belongs to the ISO year of its Thursday, e.g. 2020-12-28..2021-01-03 is week 53/2020);
- month: the calendar month; quarter: Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec; year.

Report deadlines (Plan 241/KH-UBND, section "Tổ chức thực hiện", item 7) are
*exclusive*: the plan says "trước" (before), so a report is on time when it is
submitted strictly before the deadline day:

- weekly "trước thứ 5": the report on week W is due before Thursday of week W+1
  (the week must be over before it can be reported);
- monthly "trước ngày 25 tháng báo cáo": before the 25th of the reported month;
- quarterly "trước ngày 25 tháng cuối quý": before the 25th of the quarter's last month;
- yearly: the next year's plan is due before 15 November of the reported year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WEEK, MONTH, QUARTER, YEAR = "week", "month", "quarter", "year"
KINDS = (WEEK, MONTH, QUARTER, YEAR)
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown period kind: {kind!r}")


def period_start(kind: str, day: date) -> date:
    """The first day of the period of `kind` that contains `day`."""
    _check(kind)
    if kind == WEEK:
        return day - timedelta(days=day.weekday())
    if kind == MONTH:
        return day.replace(day=1)
    if kind == QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def add_periods(kind: str, start: date, count: int) -> date:
    """The first day of the period `count` periods after (or before) the one starting at `start`."""
    start = period_start(kind, start)
    if kind == WEEK:
        return start + timedelta(weeks=count)
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[kind] * count
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_end(kind: str, start: date) -> date:
    """The last day (inclusive) of the period containing `start`."""
    return add_periods(kind, start, 1) - timedelta(days=1)


def periods_between(kind: str, first: date, last: date) -> list[date]:
    """First days of every period touching [first, last], oldest first."""
    if last < first:
        return []
    starts, current, stop = [], period_start(kind, first), period_start(kind, last)
    while current <= stop:
        starts.append(current)
        current = add_periods(kind, current, 1)
    return starts


def latest_periods(kind: str, today: date, count: int, not_before: date | None = None) -> list[date]:
    """The `count` most recent periods up to the one containing `today`, oldest first.

    Periods ending before `not_before` (an activity's start date) are left out.
    """
    last = period_start(kind, today)
    starts = [add_periods(kind, last, -offset) for offset in range(max(count, 0) - 1, -1, -1)]
    if not_before is not None:
        starts = [s for s in starts if period_end(kind, s) >= not_before]
    return starts


def label(kind: str, start: date) -> str:
    """Short Vietnamese label: "Tuần 53/2020", "Tháng 11/2021", "Quý IV/2021", "Năm 2022"."""
    _check(kind)
    if kind == WEEK:
        year, week, _ = start.isocalendar()
        return f"Tuần {week:02d}/{year}"
    if kind == MONTH:
        return f"Tháng {start.month:02d}/{start.year}"
    if kind == QUARTER:
        return f"Quý {ROMAN_QUARTERS[(start.month - 1) // 3 + 1]}/{start.year}"
    return f"Năm {start.year}"


def span(kind: str, start: date) -> str:
    """The days a period covers, e.g. 28/12/2020 to 03/01/2021, joined by an en dash."""
    end = period_end(kind, start)
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


def report_deadline(kind: str, start: date) -> date:
    """The day before which the report on the period starting at `start` is due."""
    _check(kind)
    start = period_start(kind, start)
    if kind == WEEK:
        return start + timedelta(weeks=1, days=3)  # Thursday of the following week
    if kind == MONTH:
        return date(start.year, start.month, 25)
    if kind == QUARTER:
        return date(start.year, start.month + 2, 25)
    return date(start.year, 11, 15)


@dataclass(frozen=True)
class Due:
    """One expected report: its period, deadline and whether it arrived in time."""

    kind: str
    period: date
    deadline: date
    submitted_on: date | None

    @property
    def label(self) -> str:
        return label(self.kind, self.period)

    def state(self, today: date) -> str:
        """'submitted', 'late' (submitted after the deadline), 'overdue', 'due' or 'upcoming'."""
        if self.submitted_on is not None:
            return "submitted" if self.submitted_on < self.deadline else "late"
        if today >= self.deadline:
            return "overdue"
        return "due" if period_start(self.kind, self.period) <= today else "upcoming"


def reports_expected(kind: str, since: date, today: date) -> list[date]:
    """Periods whose report can be expected by `today`: those started on or after the
    period containing `since`, up to the first one whose deadline is still ahead.

    A weekly report is expected once its week has started (due the next week), so the
    list ends with the report that is due next.
    """
    starts = periods_between(kind, since, today)
    # The report due next may be on a period that has already ended (a week whose
    # report is due next Thursday): make sure the list reaches a deadline in the future.
    while starts and report_deadline(kind, starts[-1]) <= today:
        starts.append(add_periods(kind, starts[-1], 1))
    return starts


def target_met(count: int, target: int | None) -> bool:
    return target is not None and count >= target
