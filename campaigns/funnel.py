"""The onboarding funnel: how far the households a user may see got, per place or company.

Two queries whatever the number of records: the records (with what they are grouped by)
and their steps. Which stages a record reached, and the days between stages, are worked
out in Python from those rows, so the SQL stays the same on SQLite and PostgreSQL.

A record reached a stage when its history has a step at that stage or its current stage
comes after it (stages count in the order of Onboarding.Stage). The days between two
consecutive stages are taken from the latest step at each (a household proposed again
after declining is measured from its latest proposal), when the later came after.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import pairwise
from statistics import median

from django.utils.translation import gettext_lazy as _

from producers.models import Onboarding, OnboardingStep

Stage = Onboarding.Stage
# The way onto a platform, in order; "declined" leaves it.
STAGES = [Stage.PROPOSED, Stage.CONTACTED, Stage.TRAINED, Stage.SHOP_OPEN, Stage.FIRST_ORDER]
GAPS = list(pairwise(STAGES))
# A household whose stage has not moved for longer than this needs a call.
STALE_DAYS = 30
FOLLOW_UP_LIMIT = 50

DISTRICT, COMMUNE, COMPANY = "huyen", "xa", "doanh-nghiep"
GROUPINGS = {
    DISTRICT: _("Khu vực huyện cũ"),
    COMMUNE: _("Xã, phường hiện nay"),
    COMPANY: _("Doanh nghiệp bưu chính (sàn)"),
}
# The row of records without a commune or a platform yet, listed last.
UNSET_KEY = (1, "")


@dataclass
class FunnelRow:
    label: str
    reached: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    declined: int = 0
    gaps: dict[tuple[str, str], list[int]] = field(default_factory=lambda: {gap: [] for gap in GAPS})

    @property
    def total(self) -> int:
        return self.reached[Stage.PROPOSED]

    @property
    def counts(self) -> list[int]:
        return [self.reached[stage] for stage in STAGES]

    @property
    def shop_rate(self) -> int | None:
        """Shops opened per household proposed, in percent (None without any)."""
        return _percent(self.reached[Stage.SHOP_OPEN], self.reached[Stage.PROPOSED])

    @property
    def order_rate(self) -> int | None:
        """First orders per shop opened, in percent (None without any shop)."""
        return _percent(self.reached[Stage.FIRST_ORDER], self.reached[Stage.SHOP_OPEN])

    @property
    def medians(self) -> list[float | None]:
        """The median days of each step of the way (None where no household made it)."""
        return [median(days) if days else None for days in self.gaps.values()]

    def add(self, reached: set[str], declined: bool, days: dict[str, object]) -> None:
        for stage in reached:
            self.reached[stage] += 1
        self.declined += declined
        for earlier, later in GAPS:
            if earlier in days and later in days and days[later] >= days[earlier]:
                self.gaps[(earlier, later)].append((days[later] - days[earlier]).days)


@dataclass
class Funnel:
    grouping: str
    rows: list[FunnelRow]
    overall: FunnelRow


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _group(grouping: str, record: dict) -> tuple[tuple, str]:
    """The sort key and label of the row `record` counts in."""
    if grouping == COMMUNE:
        if record["producer__commune_id"] is None:
            return UNSET_KEY, str(_("Chưa xác định xã, phường"))
        return (0, record["producer__commune__name"]), record["producer__commune__name"]
    if grouping == COMPANY:
        if record["platform_id"] is None:
            return UNSET_KEY, str(_("Chưa chọn (một trong hai doanh nghiệp)"))
        label = f"{record['platform__operator']} ({record['platform__name']})"
        return (0, record["platform__position"], label), label
    key = (0, record["producer__district__position"], record["producer__district__code"])
    return key, record["producer__district__name"]


def funnel(user, grouping: str = DISTRICT) -> Funnel:
    """The funnel of the records `user` may see, one row per `grouping` (GROUPINGS)."""
    records = Onboarding.objects.for_user(user)
    rows_by_record = list(
        records.order_by().values(
            "pk",
            "stage",
            "platform_id",
            "platform__name",
            "platform__operator",
            "platform__position",
            "producer__district__name",
            "producer__district__position",
            "producer__district__code",
            "producer__commune_id",
            "producer__commune__name",
        )
    )
    history = defaultdict(list)
    steps = OnboardingStep.objects.filter(onboarding__in=records.values("pk")).order_by("day", "pk")
    for onboarding_id, stage, day in steps.values_list("onboarding_id", "stage", "day"):
        history[onboarding_id].append((stage, day))

    rows: dict[tuple, FunnelRow] = {}
    overall = FunnelRow(label=str(_("Tổng cộng")))
    for record in rows_by_record:
        key, label = _group(grouping, record)
        row = rows.setdefault(key, FunnelRow(label=label))
        reached = _reached(record["stage"], history[record["pk"]])
        days = {stage: day for stage, day in history[record["pk"]]}  # the latest step at each stage
        declined = record["stage"] == Stage.DECLINED
        row.add(reached, declined, days)
        overall.add(reached, declined, days)
    return Funnel(grouping=grouping, rows=[rows[key] for key in sorted(rows)], overall=overall)


def _reached(current: str, steps: list[tuple[str, object]]) -> set[str]:
    reached = {stage for stage, _day in steps if stage in STAGES}
    if current in STAGES:
        reached.update(STAGES[: STAGES.index(current) + 1])
    return reached


def _stale(user, today):
    """The records still on their way whose stage has not moved for more than STALE_DAYS
    (consent not withdrawn), oldest first."""
    return (
        Onboarding.objects.for_user(user)
        .filter(stage_on__lt=today - timedelta(days=STALE_DAYS), withdrawn_on=None)
        .exclude(stage__in=[Stage.FIRST_ORDER, Stage.DECLINED])
        .for_listing()
        .order_by("stage_on", "pk")
    )


def follow_up(user, today, limit: int = FOLLOW_UP_LIMIT):
    """The households to call: (the `limit` waiting longest, how many in all)."""
    stale = _stale(user, today)
    return list(stale[:limit]), stale.count()


def follow_up_table(user, today) -> tuple[list[str], list[list]]:
    """Every household to call, as a header and rows, for the downloads."""
    header = [
        str(_("Hộ sản xuất")),
        str(_("Khu vực huyện cũ")),
        str(_("Xã, phường")),
        str(_("Bước hiện tại")),
        str(_("Từ ngày")),
        str(_("Số ngày chưa chuyển bước")),
        str(_("Sàn")),
    ]
    rows = [
        [
            record.producer.name,
            record.producer.district.name,
            record.producer.commune_label,
            record.get_stage_display(),
            f"{record.stage_on:%d/%m/%Y}",
            (today - record.stage_on).days,
            record.platform.name if record.platform else "",
        ]
        for record in _stale(user, today).iterator()
    ]
    return header, rows


def table(result: Funnel) -> tuple[list[str], list[list]]:
    """The funnel as a header and rows, for the CSV and XLSX downloads."""
    stages = dict(Stage.choices)
    header = [
        str(GROUPINGS[result.grouping]),
        *(str(stages[stage]) for stage in STAGES),
        str(stages[Stage.DECLINED]),
        str(_("Mở gian hàng / đề xuất (%)")),
        str(_("Có đơn / mở gian hàng (%)")),
        *(str(_("Số ngày (trung vị): %(a)s → %(b)s") % {"a": stages[a], "b": stages[b]}) for a, b in GAPS),
    ]
    rows = [
        [
            row.label,
            *row.counts,
            row.declined,
            _blank(row.shop_rate),
            _blank(row.order_rate),
            *(_blank(value) for value in row.medians),
        ]
        for row in [*result.rows, result.overall]
    ]
    return header, rows


def _blank(value):
    return "" if value is None else value
