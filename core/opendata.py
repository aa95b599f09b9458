"""How an app describes one of its open-data files; camnang.opendata serves them.

Every dataset's rows begin with the record's permanent id, then the app's fields, then
when the record last changed and its page on the portal. A field added once a dataset
is published comes after those (`appended_fields`), so earlier columns keep their
places, as the open-data page promises.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    """A documented column, and how a row gives its value."""

    name: str
    description: str
    # read(row) -> the value; by default the row's attribute of the field's name.
    read: Callable[[Any], Any] | None = None
    # The value is a path on the portal, published as an absolute URL.
    absolute_url: bool = False

    def value(self, obj, request) -> Any:
        value = getattr(obj, self.name) if self.read is None else self.read(obj)
        return request.build_absolute_uri(value) if self.absolute_url and value else value


ID = Field("id", _("Mã số của bản ghi trên cổng, không đổi"), attrgetter("pk"))
TRAILING = (
    Field("updated_at", _("Thời điểm cập nhật (ISO 8601)"), lambda row: row.updated_at.isoformat()),
    Field("url", _("Trang của bản ghi trên cổng"), lambda row: row.get_absolute_url(), absolute_url=True),
)


@dataclass(frozen=True)
class Dataset:
    """A published table: its documented fields and its rows (public ones only)."""

    slug: str
    title: str
    # The public rows, with what their fields read already joined.
    rows: Callable[[], QuerySet]
    own_fields: tuple[Field, ...]
    # Where a row's place is, by the place's model name, for the per-place files.
    place_paths: tuple[tuple[str, str], ...] = (("district", "district"), ("commune", "commune"))
    appended_fields: tuple[Field, ...] = ()

    @property
    def fields(self) -> tuple[Field, ...]:
        return (ID, *self.own_fields, *TRAILING, *self.appended_fields, DEMO)

    def queryset(self, place=None) -> QuerySet:
        """The public rows, of one place (a former district, a commune) when it is given."""
        rows = self.rows().order_by("pk")
        if place is None:
            return rows
        return rows.filter(**{dict(self.place_paths)[place._meta.model_name]: place})

    def row(self, obj, request) -> dict[str, Any]:
        """The values of `fields` for one row, in their order."""
        return {field.name: field.value(obj, request) for field in self.fields}


def iso_date(value) -> str | None:
    return value.isoformat() if value else None


# A record's numbers as stored: E.164, the same spelling for every number.
PHONE_FIELDS = (
    Field(
        "phone",
        _(
            "Số điện thoại chính, dạng quốc tế E.164 (ví dụ +84912345678, tức 0912 345 678); "
            "số chưa được cán bộ kiểm tra lại có thể còn ghi như trong danh sách gốc"
        ),
    ),
    Field("zalo", _("Số Zalo, dạng E.164 như số chính; trống nếu không có")),
)
# Added after the first release, last of all: says which rows are demo rows.
DEMO = Field("is_demo", _("Dữ liệu minh họa, không phải thông tin thật: 1 (JSON: true) hoặc 0 (false)"))
# Added after the first release: after the trailing fields.
EXTRA_PHONES = Field(
    "extra_phones",
    _("Các số điện thoại khác, dạng E.164 (danh sách; trong CSV ngăn cách bằng dấu ;)"),
    lambda row: list(row.extra_phones),
)
