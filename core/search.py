"""A group of search results (shops, producers, products ...) as an app contributes it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from core.fragments import render_cards
from core.pagination import cached_count
from core.text import fold


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: str
    rows: Callable[[], QuerySet]  # the public rows searched
    card_template: str
    card_name: str
    district_path: str = "district"  # where a row's district is, to narrow to one

    def results(self, query: str, district=None) -> "Results":
        rows = self.rows().search(query)
        if district is not None:
            rows = rows.filter(**{self.district_path: district})
        return Results(self, ranked(rows, query))


@dataclass
class Results:
    group: SearchGroup
    queryset: QuerySet

    @property
    def key(self) -> str:
        return self.group.key

    @property
    def label(self) -> str:
        return self.group.label

    def count(self) -> int:
        return cached_count(self.queryset)

    def cards(self, rows) -> list:
        """Cards for `rows` (a slice of this group's queryset), each with its district."""
        group = self.group
        return render_cards(rows, group.card_template, name=group.card_name, context={"show_district": True})


def ranked(queryset: QuerySet, query: str) -> QuerySet:
    """Names that start with the query first, then the rest, each alphabetically."""
    folded = fold(query)
    return queryset.annotate(
        name_rank=Case(
            When(search_text__startswith=folded, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("name_rank", "name", "pk")
