"""Period, target and deadline arithmetic across every kind of boundary."""

from datetime import date

import pytest

from campaigns import periods as p
from campaigns.periods import MONTH, QUARTER, WEEK, YEAR, Due


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        # ISO weeks: Monday to Sunday, across month and year ends.
        (WEEK, date(2021, 11, 10), date(2021, 11, 8), date(2021, 11, 14)),
        (WEEK, date(2021, 11, 8), date(2021, 11, 8), date(2021, 11, 14)),
        (WEEK, date(2021, 11, 14), date(2021, 11, 8), date(2021, 11, 14)),
        (WEEK, date(2021, 12, 1), date(2021, 11, 29), date(2021, 12, 5)),
        (WEEK, date(2021, 1, 1), date(2020, 12, 28), date(2021, 1, 3)),
        (WEEK, date(2020, 12, 31), date(2020, 12, 28), date(2021, 1, 3)),
        (WEEK, date(2024, 12, 31), date(2024, 12, 30), date(2025, 1, 5)),
        (WEEK, date(2024, 2, 29), date(2024, 2, 26), date(2024, 3, 3)),
        # Months: 28, 29, 30 and 31 days.
        (MONTH, date(2021, 2, 14), date(2021, 2, 1), date(2021, 2, 28)),
        (MONTH, date(2024, 2, 29), date(2024, 2, 1), date(2024, 2, 29)),
        (MONTH, date(2021, 4, 30), date(2021, 4, 1), date(2021, 4, 30)),
        (MONTH, date(2021, 12, 31), date(2021, 12, 1), date(2021, 12, 31)),
        # Quarters.
        (QUARTER, date(2021, 1, 1), date(2021, 1, 1), date(2021, 3, 31)),
        (QUARTER, date(2021, 3, 31), date(2021, 1, 1), date(2021, 3, 31)),
        (QUARTER, date(2021, 4, 1), date(2021, 4, 1), date(2021, 6, 30)),
        (QUARTER, date(2021, 11, 10), date(2021, 10, 1), date(2021, 12, 31)),
        (QUARTER, date(2024, 2, 29), date(2024, 1, 1), date(2024, 3, 31)),
        (YEAR, date(2021, 11, 10), date(2021, 1, 1), date(2021, 12, 31)),
    ],
)
def test_period_bounds(kind, day, start, end):
    assert p.period_start(kind, day) == start
    assert p.period_end(kind, start) == end
    assert p.period_end(kind, day) == end


def test_add_periods_crosses_years_both_ways():
    assert p.add_periods(WEEK, date(2021, 12, 27), 1) == date(2022, 1, 3)
    assert p.add_periods(MONTH, date(2021, 12, 15), 1) == date(2022, 1, 1)
    assert p.add_periods(MONTH, date(2022, 1, 31), -1) == date(2021, 12, 1)
    assert p.add_periods(MONTH, date(2021, 1, 31), 1) == date(2021, 2, 1)
    assert p.add_periods(QUARTER, date(2021, 11, 10), 1) == date(2022, 1, 1)
    assert p.add_periods(QUARTER, date(2022, 2, 1), -2) == date(2021, 7, 1)
    assert p.add_periods(YEAR, date(2024, 2, 29), 1) == date(2025, 1, 1)


def test_labels_use_the_iso_year_of_a_week():
    assert p.label(WEEK, date(2020, 12, 28)) == "Tuần 53/2020"
    assert p.label(WEEK, date(2021, 1, 4)) == "Tuần 01/2021"
    assert p.label(WEEK, date(2024, 12, 30)) == "Tuần 01/2025"
    assert p.label(MONTH, date(2021, 11, 1)) == "Tháng 11/2021"
    assert p.label(QUARTER, date(2021, 10, 1)) == "Quý IV/2021"
    assert p.label(YEAR, date(2022, 1, 1)) == "Năm 2022"
    assert p.span(WEEK, date(2020, 12, 28)) == "28/12/2020 – 03/01/2021"


def test_periods_between_counts_every_touched_period():
    weeks = p.periods_between(WEEK, date(2021, 12, 30), date(2022, 1, 10))
    assert weeks == [date(2021, 12, 27), date(2022, 1, 3), date(2022, 1, 10)]
    assert p.periods_between(MONTH, date(2021, 11, 10), date(2022, 2, 1)) == [
        date(2021, 11, 1),
        date(2021, 12, 1),
        date(2022, 1, 1),
        date(2022, 2, 1),
    ]
    assert p.periods_between(QUARTER, date(2021, 11, 10), date(2021, 11, 10)) == [date(2021, 10, 1)]
    assert p.periods_between(MONTH, date(2022, 1, 1), date(2021, 1, 1)) == []


def test_latest_periods_end_with_the_current_one_and_respect_the_start():
    assert p.latest_periods(WEEK, date(2022, 1, 5), 3) == [
        date(2021, 12, 20),
        date(2021, 12, 27),
        date(2022, 1, 3),
    ]
    assert p.latest_periods(MONTH, date(2022, 1, 5), 4, not_before=date(2021, 11, 10)) == [
        date(2021, 11, 1),
        date(2021, 12, 1),
        date(2022, 1, 1),
    ]
    assert p.latest_periods(QUARTER, date(2021, 11, 1), 8, not_before=date(2021, 11, 1)) == [
        date(2021, 10, 1)
    ]
    assert p.latest_periods(WEEK, date(2022, 1, 5), 0) == []


@pytest.mark.parametrize(
    ("kind", "period", "deadline"),
    [
        # The report on week W is due before Thursday of week W+1.
        (WEEK, date(2021, 11, 8), date(2021, 11, 18)),
        (WEEK, date(2021, 11, 14), date(2021, 11, 18)),
        (WEEK, date(2021, 12, 27), date(2022, 1, 6)),
        (WEEK, date(2020, 12, 31), date(2021, 1, 7)),
        (WEEK, date(2024, 2, 26), date(2024, 3, 7)),
        # Monthly: before the 25th of the reported month.
        (MONTH, date(2021, 11, 30), date(2021, 11, 25)),
        (MONTH, date(2024, 2, 29), date(2024, 2, 25)),
        (MONTH, date(2021, 12, 1), date(2021, 12, 25)),
        # Quarterly: before the 25th of the quarter's last month.
        (QUARTER, date(2021, 1, 15), date(2021, 3, 25)),
        (QUARTER, date(2021, 5, 31), date(2021, 6, 25)),
        (QUARTER, date(2021, 7, 1), date(2021, 9, 25)),
        (QUARTER, date(2021, 11, 10), date(2021, 12, 25)),
        # Yearly plan: before 15 November.
        (YEAR, date(2021, 3, 1), date(2021, 11, 15)),
        (YEAR, date(2024, 12, 31), date(2024, 11, 15)),
    ],
)
def test_report_deadlines(kind, period, deadline):
    assert p.report_deadline(kind, period) == deadline
    assert p.report_deadline(kind, period).weekday() == 3 or kind != WEEK


def test_deadlines_are_exclusive():
    due = Due(WEEK, date(2021, 11, 8), date(2021, 11, 18), None)
    assert due.state(date(2021, 11, 10)) == "due"
    assert due.state(date(2021, 11, 17)) == "due"
    assert due.state(date(2021, 11, 18)) == "overdue"
    assert (
        Due(WEEK, date(2021, 11, 8), date(2021, 11, 18), date(2021, 11, 17)).state(date(2021, 12, 1))
        == "submitted"
    )
    assert (
        Due(WEEK, date(2021, 11, 8), date(2021, 11, 18), date(2021, 11, 18)).state(date(2021, 12, 1))
        == "late"
    )
    assert Due(MONTH, date(2021, 12, 1), date(2021, 12, 25), None).state(date(2021, 11, 28)) == "upcoming"


def test_reports_expected_reach_the_next_deadline():
    # Wednesday 17 Nov 2021: last week's report is still due (before Thursday 18th).
    weeks = p.reports_expected(WEEK, date(2021, 11, 1), date(2021, 11, 17))
    assert weeks == [date(2021, 11, 1), date(2021, 11, 8), date(2021, 11, 15)]
    # 28 Nov: November's deadline (25th) has passed, so December's report is the next one.
    months = p.reports_expected(MONTH, date(2021, 11, 10), date(2021, 11, 28))
    assert months == [date(2021, 11, 1), date(2021, 12, 1)]
    # 20 Nov 2021: the 2021 plan is due before the 15th, missed; 2022's is next.
    assert p.reports_expected(YEAR, date(2021, 11, 10), date(2021, 11, 20)) == [
        date(2021, 1, 1),
        date(2022, 1, 1),
    ]
    assert p.reports_expected(QUARTER, date(2021, 11, 10), date(2021, 12, 24)) == [date(2021, 10, 1)]


def test_targets():
    assert p.target_met(1, 1) and p.target_met(3, 2)
    assert not p.target_met(0, 1)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        p.period_start("fortnight", date(2021, 1, 1))
