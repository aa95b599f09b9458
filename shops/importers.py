"""Directory lists imported from the files staff keep: shops here, producers in their app.

A row is read field by field (core.imports.cells), placed (the district, and today's commune
through the 2025 crosswalk: a divided former commune is left for the user to choose),
checked against the user's places, matched to the record it is about (its "Mã", else its
name, address and district compared without accents), validated as the admin's form would,
and compared with what is stored: created, updated or unchanged. Possible duplicates (the
same phone number, or the same name in the same commune) are pointed out with a link.

Everything a file's rows need is fetched once per file or per batch of rows, never per row;
writes are bulk INSERTs and UPDATEs with their history rows (django-simple-history).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import BooleanField
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import services as core_services
from core.contact import display_phone
from core.imports import cells
from core.imports.base import (
    CREATE,
    IMPORT_REASON,
    UNCHANGED,
    UPDATE,
    CheckedRow,
    Field,
    Importer,
    Note,
    Session,
    header_spellings,
)
from core.models import Status, unique_slug_from
from core.text import fold
from shops import services
from shops.geography import DistrictMatcher
from shops.models import Category, Commune, District, Shop, place_scope_for, shop_kinds_for
from shops.services import Gazetteer, locate

# --- Fields shared by the directory's lists ------------------------------------------------

HEADERS = Path(__file__).parent / "data" / "import_headers.json"
# The headers of the columns every directory list has (a district, a phone, …).
DIRECTORY_HEADERS = header_spellings(HEADERS, "directory")


def id_field(label) -> Field:
    return Field(
        "id",
        label,
        parse=cells.record_id,
        guide=_("Để trống khi thêm mới; giữ nguyên mã của tệp đã xuất để cập nhật."),
        render=lambda record: record.pk,
    )


def phone_field(required=True, **extra) -> Field:
    return Field(
        "phone",
        _("Điện thoại"),
        parse=cells.text,
        required=required,
        guide=_(
            "Ví dụ 0912 345 678 hoặc 0237 3852 000. Nhiều số thì cách nhau bằng dấu /: "
            "số đầu là số chính, các số sau là số khác."
        ),
        render=lambda record: " / ".join(display_phone(n) for n in [record.phone, *record.extra_phones] if n),
        **extra,
    )


def status_field(label=None, key="status") -> Field:
    return Field(
        key,
        label or _("Trạng thái"),
        parse=cells.choice(Status.choices, aliases={"Công bố": Status.PUBLISHED, "Nháp": Status.DRAFT}),
        guide=_("Để trống là Bản nháp (với mục mới); chỉ mục Đã công bố hiện trên trang công khai."),
        allowed=lambda: [label for _code, label in Status.choices],
        render=lambda record: record.get_status_display(),
    )


def verified_field() -> Field:
    return Field(
        "verified_on",
        _("Xác minh lần cuối"),
        parse=cells.day,
        guide=_("Ngày/tháng/năm, ví dụ 25/08/2021."),
        render=lambda record: record.verified_on.strftime("%d/%m/%Y") if record.verified_on else "",
    )


def name_field(label, guide) -> Field:
    return text_field("name", label, guide=guide, required=True)


def kind_field(choices, aliases) -> Field:
    """A directory record's kind: a file without the column chooses one for all its rows
    (DirectoryImporter.file_defaults)."""
    guide = _("Chọn trong danh sách. Tệp không có cột này: chọn một loại hình cho cả tệp.")
    return choice_field("kind", _("Loại hình"), choices, aliases=aliases, guide=guide)


def place_and_contact_fields(address_guide) -> list[Field]:
    """The columns every directory list has, in this order: where the record is, how to call it.

    The district and the commune are read as written; placing (DirectorySession.place)
    looks them up."""
    district_guide = _(
        "Huyện, thị xã, thành phố trước 1/7/2025, có dấu hay không đều được: “Huyện Hà Trung”, "
        "“ha trung”. Để trống được nếu tên xã đủ để nhận ra."
    )
    commune_guide = _(
        "Tên xã, phường cũ (trước 1/7/2025) hoặc mới, ví dụ “Xã Hà Lĩnh” hoặc “Xã Hà Long”: "
        "tên cũ được chuyển sang xã, phường hiện nay."
    )
    return [
        Field(
            "district",
            _("Quận, huyện"),
            parse=cells.text,
            guide=district_guide,
            allowed=lambda: District.objects.values_list("name", flat=True),
            render=lambda record: record.district.name,
        ),
        Field(
            "commune_name",
            _("Xã, phường, thị trấn"),
            parse=cells.text,
            guide=commune_guide,
            render=lambda record: record.commune_name or (record.commune.name if record.commune_id else ""),
        ),
        text_field("address", _("Địa chỉ"), guide=address_guide),
        phone_field(),
        text_field(
            "zalo",
            _("Zalo"),
            guide=_("Số Zalo nhận đặt hàng, nếu có."),
            render=lambda record: display_phone(record.zalo),
        ),
    ]


def categories_field(key, guide, render, *, several=False) -> Field:
    """A column naming categories (Category); the session reads it (Categories), not a parser."""
    return Field(
        key,
        _("Nhóm hàng"),
        parse=None,
        guide=guide,
        allowed=lambda: Category.objects.values_list("name", flat=True),
        several=several,
        render=render,
    )


def text_field(key, label, *, guide="", required=False, parse=cells.text, render=None) -> Field:
    """A column read as text (or by `parse`), exported as the record's attribute (or by `render`)."""
    return Field(
        key,
        label,
        parse=parse,
        guide=guide,
        required=required,
        render=render or (lambda record: getattr(record, key)),
    )


def choice_field(key, label, choices, *, aliases=None, guide="") -> Field:
    return Field(
        key,
        label,
        parse=cells.choice(choices, aliases=aliases),
        guide=guide or _("Chọn trong danh sách."),
        allowed=lambda: [label for _code, label in choices],
        render=lambda record: getattr(record, f"get_{key}_display")(),
    )


def yes_no_field(key, label) -> Field:
    return Field(
        key,
        label,
        parse=cells.yes_no,
        guide=_("Có hoặc Không; đánh dấu x cũng được. Để trống là giữ như cũ (mục mới: mặc định)."),
        allowed=lambda: [gettext("Có"), gettext("Không")],
        render=lambda record: gettext("Có") if getattr(record, key) else gettext("Không"),
    )


# --- Places ---------------------------------------------------------------------------------


class Places:
    """Districts and today's communes as a file names them, each name looked up once, in
    memory (a gazetteer of the province's units, loaded once per file)."""

    def __init__(self):
        self.districts = list(District.objects.all())
        self.matcher = DistrictMatcher(self.districts)
        self.district_by_pk = {district.pk: district for district in self.districts}
        self.communes = {commune.pk: commune for commune in Commune.objects.all()}
        self.gazetteer = Gazetteer()
        self.commune_districts = self.gazetteer.districts_of
        self._located = {}

    def district(self, text: str) -> District | None:
        return self.matcher.match(text) if text else None

    def locate(self, text: str, district: District | None):
        key = (text, district.pk if district else None)
        if key not in self._located:
            self._located[key] = locate(text, district, gazetteer=self.gazetteer)
        return self._located[key]


# --- The session shared by the directory's lists -----------------------------------------------


class DirectorySession(Session):
    """Checks and writes rows of one directory model (a Placed, Contactable DirectoryEntry).

    The record's own fields are the importer's columns that name a field of the model;
    placing sets the district and the commune, and subclasses may add related rows (a
    shop's categories).
    """

    # Columns that name a field of the model but are set by placing, not as they are parsed.
    placed_fields = frozenset({"id", "district", "commune", "commune_name"})

    def __init__(self, importer, user, choices=None, options=None):
        super().__init__(importer, user, choices, options)
        self.model = importer.model
        self.noun = importer.noun
        self.fields = {field.key: field for field in importer.fields()}
        names = {field.name for field in self.model._meta.concrete_fields}
        # The columns whose parsed value is set on the record as it is.
        self.own_fields = [key for key in self.fields if key in names and key not in self.placed_fields]
        self.headers = dict(self.options.get("headers", {}))
        self.places = Places()
        self.scope = place_scope_for(user)
        self.rule = self.model._default_manager.all()
        self._keys = None  # natural key -> pk, every record of the model
        self._duplicates = None  # phone / (name, commune) -> [(pk, name)] among records the user may see
        self._slugs = None
        # Values chosen for the whole file, for a field it has no column (or a blank cell) for.
        self.defaults = self.options.get("defaults", {})
        self.seen = {}  # natural key or ("id", pk) -> first row of this file naming it
        self.file_phones = {}  # number -> first row of this file with it

    # Columns are named in messages as the file names them.

    def column(self, key: str) -> str:
        return self.headers.get(key) or str(self.fields[key].label if key in self.fields else key)

    # Indexes built once per file

    def natural_key(self, district_id, name, address) -> tuple:
        return (district_id, fold(name), fold(address))

    @property
    def keys(self) -> dict:
        if self._keys is None:
            self._keys = {
                self.natural_key(district_id, name, address): pk
                for pk, district_id, name, address in self.model._default_manager.values_list(
                    "pk", "district", "name", "address"
                )
            }
        return self._keys

    def visible(self):
        """Records whose names a possible-duplicate note may show: the user's and public ones."""
        return self.model._default_manager.for_user(self.user) | self.model._default_manager.public()

    @property
    def duplicates(self) -> dict:
        if self._duplicates is None:
            index = defaultdict(list)
            rows = self.visible().values_list("pk", "name", "phone", "extra_phones", "commune")
            for pk, name, phone, extra, commune_id in rows.distinct():
                for number in {phone, *(extra or [])} - {""}:
                    index[("phone", number)].append((pk, name))
                if commune_id:
                    index[("name", fold(name), commune_id)].append((pk, name))
            self._duplicates = index
        return self._duplicates

    def slug(self, name: str) -> str:
        if self._slugs is None:
            self._slugs = set(self.model._default_manager.values_list("slug", flat=True))
        slug = unique_slug_from(name, self._slugs)
        self._slugs.add(slug)
        return slug

    # Checking

    def check_batch(self, rows):
        checked = [self.read(row) for row in rows]
        self.find_targets(checked)
        for row in checked:
            if row.ok:
                self.apply(row)
        return checked

    def read(self, row, *, place: bool = True) -> CheckedRow:
        """Parse the row's cells and place it; problems are noted, nothing is fetched."""
        checked = CheckedRow(number=row.number, raw=row.raw)
        for key, cell in row.values.items():
            field = self.fields.get(key)
            if field is None or field.parse is None:
                continue
            try:
                checked.values[key] = field.parse(cell)
            except (ValueError, ValidationError) as error:
                message = error.messages[0] if isinstance(error, ValidationError) else str(error)
                checked.refuse(self.column(key), cells.text(cell), message)
        for key, value in self.defaults.items():
            if not checked.values.get(key):
                checked.values[key] = value
        if place:
            self.place(checked)
        return checked

    def place(self, row: CheckedRow) -> None:
        """The row's former district and today's commune, or why they are not known."""
        written_district = row.values.get("district") or ""
        commune_name = row.values.get("commune_name") or ""
        district = self.places.district(written_district)
        if written_district and district is None:
            row.refuse(
                self.column("district"),
                written_district,
                gettext("Không tìm thấy quận, huyện “%(value)s” trong tỉnh.") % {"value": written_district},
            )
            return
        commune = None
        if commune_name:
            location = self.places.locate(commune_name, district)
            district = district or location.district
            if location.found:
                commune = location.commune
            elif location.candidates:
                commune = self.chosen_commune(row, location)
            else:
                row.notes.append(Note("unplaced", location.message))
            if district is None and commune is not None:
                districts = self.places.commune_districts[commune.pk]
                if len(districts) == 1:
                    district = self.places.district_by_pk[next(iter(districts))]
        if district is None:
            row.refuse(
                self.column("district") if "district" in self.fields else "",
                written_district,
                gettext("Chưa ghi quận, huyện (trước 1/7/2025) hoặc tên xã chưa đủ để nhận ra huyện."),
            )
            return
        row.extra["district"] = district
        row.extra["commune"] = commune
        row.extra["commune_name"] = commune_name
        if not self.rule.admits_place(self.user, _Place(district.pk, commune.pk if commune else None)):
            row.refuse(self.column("district"), written_district or district.name, self.out_of_scope())

    def chosen_commune(self, row: CheckedRow, location):
        """A divided former commune: the unit the user chose for this row, else none yet."""
        options = [(str(unit.pk), unit.name) for unit in location.candidates]
        row.extra["candidates"] = {unit.pk for unit in location.candidates}
        chosen = self.choices.get(str(row.number))
        for value, _label in options:
            if value == chosen:
                return self.places.communes[int(value)]
        row.notes.append(Note("choose", location.message, options=options))
        return None

    def out_of_scope(self) -> str:
        names = self.rule.describe_scope(self.user)
        return gettext("Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách (%(names)s).") % {
            "names": names or gettext("chưa được phân công địa bàn nào")
        }

    def find_targets(self, rows: list[CheckedRow]) -> None:
        """The stored record each row is about (one query for the batch)."""
        wanted = {}
        for row in rows:
            if not row.ok:
                continue
            pk = row.values.get("id")
            if pk is not None:
                if self.remember(row, ("id", pk), "id", gettext("cùng mã %(id)s") % {"id": pk}):
                    wanted[row.number] = pk
                continue
            key = self.row_key(row)
            if key is None:
                continue
            if not self.remember(row, key, "name", gettext("cùng tên, địa chỉ và quận, huyện")):
                continue
            pk = self.keys.get(key)
            if pk is not None:
                wanted[row.number] = pk
        records = self.fetch(set(wanted.values()))
        for row in rows:
            pk = wanted.get(row.number)
            if pk is None:
                continue
            record = records.get(pk)
            if record is None:
                if row.values.get("id") is not None:
                    row.refuse(
                        self.column("id"),
                        pk,
                        gettext(
                            "Không có %(noun)s mã %(id)s trong phạm vi bạn được sửa. "
                            "Để trống mã khi thêm mới."
                        )
                        % {"noun": self.noun, "id": pk},
                    )
                else:
                    row.refuse(
                        self.column("name"),
                        row.values.get("name", ""),
                        gettext("Đã có %(noun)s này (cùng tên, địa chỉ, huyện) ngoài địa bàn bạn phụ trách.")
                        % {"noun": self.noun},
                    )
                continue
            row.target = record

    def row_key(self, row: CheckedRow):
        if "district" not in row.extra or not row.values.get("name"):
            return None
        return self.natural_key(row.extra["district"].pk, row.values["name"], row.values.get("address", ""))

    def remember(self, row: CheckedRow, key, field_key: str, what: str) -> bool:
        """Refuse a row that names the same record as an earlier row of the file."""
        earlier = self.seen.setdefault(key, row.number)
        if earlier != row.number:
            row.refuse(
                self.column(field_key) if field_key in self.fields else "",
                row.values.get(field_key, ""),
                gettext("Trùng với dòng %(row)s: %(what)s.") % {"row": earlier, "what": what},
            )
            return False
        return True

    def fetch(self, pks) -> dict:
        """The records of these pks the user may edit, as the writes need them."""
        if not pks:
            return {}
        records = self.model._default_manager.for_user(self.user).filter(pk__in=pks)
        return {record.pk: record for record in records.select_related("district", "commune")}

    def apply(self, row: CheckedRow) -> None:
        """Set the row's values on its record (new or stored), validate it, decide the action."""
        record = row.target if row.target is not None else self.model()
        before = {name: getattr(record, name) for name in self.compared_fields()}
        for key in self.own_fields:
            if key not in row.values:
                continue
            value = row.values[key]
            if value is None:
                field = self.model._meta.get_field(key)
                if field.choices or isinstance(field, BooleanField):
                    continue  # a yes/no, a kind or a status left blank: as it is (a new record: its default)
                value = field.get_default()
            setattr(record, key, value)
        record.district = row.extra["district"]
        if row.target is None or "commune_name" in row.values:
            commune = row.extra["commune"]
            if commune is None and record.commune_id in row.extra.get("candidates", ()):
                # Staff placed this record in one of the units its divided commune went to.
                commune = record.commune
                row.notes = [note for note in row.notes if note.kind != "choose"]
            record.commune = commune
            record.commune_name = row.extra["commune_name"]
        self.apply_more(row, record)
        exclude = ["slug", "search_text", "search_name", "district", "commune", *self.unvalidated()]
        try:
            record.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    row.refuse(self.label_of(name), self.value_of(row, name, record), message)
            return
        changed = [name for name, value in before.items() if getattr(record, name) != value]
        row.extra["changed"] = changed
        row.target = record
        if record.pk is None:
            row.extra["record_action"] = CREATE
        else:
            row.extra["record_action"] = UPDATE if changed else UNCHANGED
        row.action = row.extra["record_action"]
        if row.action == UNCHANGED and self.related_changed(row):
            row.action = UPDATE
        self.flag_duplicates(row, record)

    def compared_fields(self) -> list[str]:
        return [*self.own_fields, "extra_phones", "district_id", "commune_id", "commune_name"]

    def unvalidated(self) -> list[str]:
        return []

    def apply_more(self, row: CheckedRow, record) -> None:
        """Set what is not a plain field (a subclass's related rows)."""

    def related_changed(self, row: CheckedRow) -> bool:
        return False

    def label_of(self, name: str) -> str:
        if name in self.fields:
            return self.column(name)
        if name == NON_FIELD_ERRORS:
            return ""
        try:
            return str(self.model._meta.get_field(name).verbose_name).capitalize()
        except Exception:
            return name

    def value_of(self, row: CheckedRow, name: str, record) -> str:
        if name in row.values:
            return cells.text(row.values[name])
        return cells.text(getattr(record, name, ""))

    def flag_duplicates(self, row: CheckedRow, record) -> None:
        found = {}
        for number in {record.phone, *(record.extra_phones or [])} - {""}:
            for pk, name in self.duplicates.get(("phone", number), ()):
                found.setdefault(pk, (name, gettext("cùng số điện thoại")))
        if record.commune_id:
            for pk, name in self.duplicates.get(("name", fold(record.name), record.commune_id), ()):
                found.setdefault(pk, (name, gettext("cùng tên, cùng xã, phường")))
        found.pop(record.pk, None)
        for number in {record.phone, *(record.extra_phones or [])} - {""}:
            earlier = self.file_phones.setdefault(number, row.number)
            if earlier != row.number:
                row.notes.append(
                    Note(
                        "duplicate",
                        gettext("Cùng số điện thoại với dòng %(row)s của tệp.") % {"row": earlier},
                    )
                )
                break
        for pk, (name, why) in list(found.items())[:3]:
            opts = self.model._meta
            row.notes.append(
                Note(
                    "duplicate",
                    gettext("Có thể trùng với %(noun)s đã có “%(name)s” (%(why)s).")
                    % {"noun": self.noun, "name": name, "why": why},
                    url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]),
                )
            )

    # Writing

    def write(self, rows: list[CheckedRow]) -> dict[str, int]:
        self.set_search_text(rows)
        self.write_records([row for row in rows if "record_action" in row.extra])
        self.write_related(rows)
        self.reindex(rows)
        return {
            "created": sum(row.action == CREATE for row in rows),
            "updated": sum(row.action == UPDATE for row in rows),
        }

    def write_records(self, rows: list[CheckedRow]) -> None:
        """INSERT the new records and UPDATE the changed ones, each with its history row."""
        new = [row.target for row in rows if row.extra["record_action"] == CREATE]
        for record in new:
            record.slug = self.slug(record.name)
        changed = [row for row in rows if row.extra["record_action"] == UPDATE]
        core_services.save_with_history(
            self.model,
            new=new,
            changed=[row.target for row in changed],
            fields={name.removesuffix("_id") for row in changed for name in row.extra["changed"]},
            user=self.user,
            reason=str(IMPORT_REASON),
        )
        for record in new:
            self.keys[self.natural_key(record.district_id, record.name, record.address)] = record.pk

    def write_related(self, rows: list[CheckedRow]) -> None:
        """Write a subclass's related rows (after the records have their pks)."""

    def set_search_text(self, rows: list[CheckedRow]) -> None:
        """Give the records their search text before they are written, when a subclass can
        tell it from the rows alone (then its reindex() has nothing left to do)."""

    def reindex(self, rows: list[CheckedRow]) -> None:
        """Rebuild from the database the search text of the records the rows created or
        changed, once their related rows are written."""
        touched = {row.target.pk for row in rows if row.action in (CREATE, UPDATE)}
        self.model._default_manager.filter(pk__in=touched).for_reindex().reindex()


class _Place:
    """What PlaceScopedQuerySet.admits() reads of a record: its district and commune."""

    def __init__(self, district_id, commune_id):
        self.district_id, self.commune_id = district_id, commune_id


# --- Shops -------------------------------------------------------------------------------------


class Categories:
    """Goods categories by name (accents optional) or slug, loaded once per file."""

    def __init__(self):
        self.all = list(Category.objects.all())
        self.by_key = {}
        for category in self.all:
            self.by_key[fold(category.name)] = self.by_key[category.slug.replace("-", " ")] = category

    def read(self, value) -> list[Category]:
        found = []
        for name in cells.names(value):
            category = self.by_key.get(fold(name))
            if category is None:
                raise ValueError(
                    gettext("Không có nhóm hàng “%(value)s”. Các nhóm hàng: %(names)s.")
                    % {"value": name, "names": "; ".join(c.name for c in self.all)}
                )
            if category not in found:
                found.append(category)
        return found


SHOP_KIND_ALIASES = {
    "Siêu thị mini": Shop.Kind.SUPERMARKET,
    "Chợ": Shop.Kind.MARKET,
    "Sạp chợ": Shop.Kind.MARKET,
    "Quầy thuốc": Shop.Kind.PHARMACY,
    "Bưu điện": Shop.Kind.VNPOST,
    "Điểm bán hàng Bưu điện": Shop.Kind.VNPOST,
    "Viettel Post": Shop.Kind.VIETTELPOST,
    "Hộ kinh doanh cá thể": Shop.Kind.HOUSEHOLD,
    "Hợp tác xã": Shop.Kind.COOP_STORE,
    "HTX": Shop.Kind.COOP_STORE,
}


class ShopSession(DirectorySession):
    def __init__(self, importer, user, choices=None, options=None):
        super().__init__(importer, user, choices, options)
        self.categories = Categories()
        self.kinds = shop_kinds_for(user)

    def read(self, row, *, place=True):
        checked = super().read(row, place=place)
        kind = checked.values.get("kind")
        if self.kinds is not None and kind and kind not in self.kinds:
            # A postal company's staff member imports their company's sale points only.
            checked.refuse(
                self.column("kind"),
                str(Shop.Kind(kind).label),
                gettext("Bạn chỉ được nhập điểm bán hàng thiết yếu của doanh nghiệp mình (%(kinds)s).")
                % {"kinds": ", ".join(str(Shop.Kind(k).label) for k in self.kinds) or "–"},
            )
        if "categories" in row.values:
            try:
                checked.extra["categories"] = self.categories.read(row.values["categories"])
            except ValueError as error:
                checked.refuse(self.column("categories"), cells.text(row.values["categories"]), str(error))
        return checked

    def fetch(self, pks):
        records = super().fetch(pks)
        if records:
            links = Shop.categories.through.objects.filter(shop__in=records).values_list("shop", "category")
            for record in records.values():
                record.category_ids = set()
            for shop_id, category_id in links:
                records[shop_id].category_ids.add(category_id)
        return records

    def related_changed(self, row) -> bool:
        wanted = row.extra.get("categories")
        return wanted is not None and {c.pk for c in wanted} != getattr(row.target, "category_ids", set())

    def set_search_text(self, rows) -> None:
        """A shop's text is told by its row: its fields, its places and its categories."""
        position = {category.pk: n for n, category in enumerate(self.categories.all)}
        by_pk = {category.pk: category for category in self.categories.all}
        for row in rows:
            if row.action not in (CREATE, UPDATE):
                continue
            record = row.target
            categories = row.extra.get("categories")
            if categories is None:
                categories = [by_pk[pk] for pk in getattr(record, "category_ids", ())]
            before = (record.search_text, record.search_name)
            record.refresh_search_text(categories=sorted(categories, key=lambda c: position[c.pk]))
            if (record.search_text, record.search_name) != before and row.extra["record_action"] != CREATE:
                row.extra["record_action"] = UPDATE
                row.extra["changed"] = [*row.extra["changed"], "search_text", "search_name"]

    def reindex(self, rows) -> None:
        """Nothing: set_search_text() gave the records their text."""

    def write_related(self, rows) -> None:
        replaced = [row for row in rows if row.action == UPDATE and self.related_changed(row)]
        services.set_categories(
            {
                row.target.pk: row.extra["categories"]
                for row in rows
                if (row.action == CREATE or row in replaced) and row.extra.get("categories")
            },
            replace=[row.target.pk for row in replaced],
        )


class DirectoryImporter(Importer):
    """A list of one directory model, whose records have a kind (Shop.Kind, Producer.Kind):
    a file without that column chooses one for all its rows."""

    file_defaults = ("kind",)

    @property
    def noun(self):
        return self.model._meta.verbose_name


class ShopImporter(DirectoryImporter):
    """The shops of the handbook's lists: one row per shop, its categories in one cell."""

    key = "cua-hang"
    title = _("Danh sách cửa hàng")
    model = Shop
    session_class = ShopSession
    headers = {**DIRECTORY_HEADERS, **header_spellings(HEADERS, "cua-hang")}

    def export_queryset(self, queryset):
        return queryset.select_related("district", "commune").prefetch_related("categories").order_by("pk")

    def columns(self) -> list[Field]:
        return [
            id_field(_("Mã")),
            name_field(_("Tên cửa hàng"), _("Tên như trên biển hiệu.")),
            kind_field(Shop.Kind.choices, SHOP_KIND_ALIASES),
            *place_and_contact_fields(_("Số nhà, thôn, tiểu khu hoặc ki-ốt.")),
            text_field("website", _("Trang web"), guide=_("Địa chỉ trang web, nếu có.")),
            text_field("facebook", _("Facebook"), guide=_("Địa chỉ trang Facebook, nếu có.")),
            categories_field(
                "categories",
                _("Một hoặc nhiều nhóm hàng, cách nhau bằng dấu chấm phẩy (;)."),
                lambda shop: "; ".join(category.name for category in shop.categories.all()),
                several=True,
            ),
            yes_no_field("order_by_phone", _("Đặt qua điện thoại")),
            yes_no_field("order_by_zalo", _("Đặt qua Zalo")),
            yes_no_field("order_by_website", _("Đặt trên trang web")),
            yes_no_field("order_by_platform", _("Đặt trên sàn TMĐT")),
            yes_no_field("home_delivery", _("Giao tận nhà")),
            yes_no_field("pickup", _("Nhận tại điểm hẹn")),
            text_field("delivery_area", _("Khu vực giao hàng"), guide=_("Ví dụ: các xã trong huyện.")),
            text_field("opening_hours", _("Giờ mở cửa"), guide=_("Ví dụ: 7:00 – 21:00.")),
            text_field("notes", _("Ghi chú"), parse=cells.long_text),
            status_field(),
            verified_field(),
        ]
