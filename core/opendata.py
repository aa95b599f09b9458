"""How an app describes one of its open-data files; camnang.opendata serves them.

Every dataset's rows begin with the record's permanent id, then the app's fields, then
when the record last changed and its page on the portal. A field added once a dataset
is published comes after those (`appended_fields`), so earlier columns keep their
places, as the open-data page promises.
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
    appended_fields: tuple[Field, ...] = ()

    @property
    def fields(self) -> tuple[Field, ...]:
        return (ID, *self.own_fields, *TRAILING, *self.appended_fields, DEMO)

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
        """The values of `fields` for one row, in their order."""
        values = self.values(obj, request)
        appended = {field.name: values.pop(field.name) for field in self.appended_fields}
        return {
            "id": obj.pk,
            **values,
            "updated_at": obj.updated_at.isoformat(),
            "url": request.build_absolute_uri(obj.get_absolute_url()),
            **appended,
            "is_demo": obj.is_demo,
        }


def iso_date(value) -> str | None:
    return value.isoformat() if value else None


def phone_values(obj) -> dict:
    """A record's numbers as stored: E.164, the same spelling for every number."""
    return {"phone": obj.phone, "zalo": obj.zalo, "extra_phones": list(obj.extra_phones)}


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
    "extra_phones", _("Các số điện thoại khác, dạng E.164 (danh sách; trong CSV ngăn cách bằng dấu ;)")
)
