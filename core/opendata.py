"""How an app describes one of its open-data files; camnang.opendata serves them.

Every dataset's rows begin with the record's permanent id and end with when it last
changed and its page on the portal; the app gives the fields in between.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    name: str
    description: str


ID = Field("id", _("Mã số của bản ghi trên cổng, không đổi"))
TRAILING = (
    Field("updated_at", _("Thời điểm cập nhật (ISO 8601)")),
    Field("url", _("Trang của bản ghi trên cổng")),
)


@dataclass(frozen=True)
class Dataset:
    """A published table: its documented fields, its rows (public ones only) and their values."""

    slug: str
    title: str
    own_fields: tuple[Field, ...]
    # Where a row's place is, by the place's model name, for the per-place files.
    place_paths: tuple[tuple[str, str], ...] = (("district", "district"), ("commune", "commune"))

    @property
    def fields(self) -> tuple[Field, ...]:
        return (ID, *self.own_fields, *TRAILING)

    def rows(self) -> QuerySet:
        """The public rows, with what their values read already joined."""
        raise NotImplementedError

    def values(self, obj, request) -> dict[str, Any]:
        """The values of `own_fields` for one row."""
        raise NotImplementedError

    def queryset(self, place=None) -> QuerySet:
        """The public rows, of one place (a former district, a commune) when it is given."""
        rows = self.rows().order_by("pk")
        if place is None:
            return rows
        return rows.filter(**{dict(self.place_paths)[place._meta.model_name]: place})

    def row(self, obj, request) -> dict[str, Any]:
        return {
            "id": obj.pk,
            **self.values(obj, request),
            "updated_at": obj.updated_at.isoformat(),
            "url": request.build_absolute_uri(obj.get_absolute_url()),
        }


def iso_date(value) -> str | None:
    return value.isoformat() if value else None
