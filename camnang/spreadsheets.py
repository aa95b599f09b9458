"""The spreadsheets staff import and export, built on django-import-export.

Cells are read forgivingly (accents or not, "Có"/"x", a phone number Excel turned
into a number), rows strictly: a row that cannot be read exactly is rejected with
its row number in the file and the reason, and then nothing is written at all.
"""

import io
import re
from datetime import date, datetime

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.fields import parse_months
from core.models import Status
from core.spreadsheet_safety import neutralise, neutralise_row, restore
from core.text import fold
from shops.geography import DistrictMatcher
from shops.models import ALL_DISTRICTS_PERMISSION, Category, District

YES_WORDS = {"co", "x", "1", "true", "dung", "yes", "c"}
NO_WORDS = {"khong", "0", "false", "sai", "no", "k", ""}


def cell_text(value) -> str:
    """A cell as text: 12.0 becomes "12", None becomes ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- Files ---------------------------------------------------------------------


class FormulaSafeFormat:
    """A file format whose exported text cells never run as formulas, and whose imports undo that.

    Exports pass every cell through spreadsheet_safety.neutralise (a name starting with
    "=" is written as "'=..."; in an .xlsx it is a text cell, never a formula); imports
    take the added quote off again, so an exported file re-imports to the same data.
    """

    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(title=dataset.title)
        safe.headers = neutralise_row(dataset.headers or [])
        for row in dataset:
            safe.append(neutralise_row(row))
        return super().export_data(safe, **kwargs)

    def create_dataset(self, *args, **kwargs):
        dataset = super().create_dataset(*args, **kwargs)
        restored = tablib.Dataset(title=dataset.title)
        restored.headers = [restore(header) for header in dataset.headers or []]
        for row in dataset:
            restored.append([restore(value) for value in row])
        return restored


class SpreadsheetXLSX(FormulaSafeFormat, XLSX):
    pass


class SpreadsheetCSV(FormulaSafeFormat, CSV):
    pass


# --- Cells ---------------------------------------------------------------------


class Column(fields.Field):
    """A spreadsheet column: a Vietnamese header and how to fill it in."""

    def __init__(self, attribute, column_name, widget=None, *, guide="", required=False, **kwargs):
        super().__init__(
            attribute=attribute, column_name=str(column_name), widget=widget or TextWidget(), **kwargs
        )
        self.guide = guide
        self.required = required


def status_column(column_name, *, attribute="status", guide=None):
    """A record's publication status; a blank cell means a draft."""
    return Column(
        attribute,
        column_name,
        ChoiceWidget(Status),
        default=Status.DRAFT,
        guide=guide or _("Để trống là Bản nháp; chỉ mục Đã công bố hiện trên trang công khai."),
    )


def district_column():
    return Column(
        "district",
        _("Quận, huyện"),
        DistrictWidget(),
        required=True,
        guide=_("Tên quận, huyện, có dấu hay không đều được: “Huyện Hà Trung”, “Hà Trung”, “ha trung”."),
    )


def verified_column():
    return Column(
        "verified_on", _("Xác minh ngày"), DayWidget(), guide=_("Ngày/tháng/năm, ví dụ 25/08/2021.")
    )


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)

    def allowed_values(self) -> list[str]:
        return []


class PhoneWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        # A number cell loses the leading zero of 0301234567; put it back.
        if isinstance(value, int | float) and not isinstance(value, bool) and text and text[0] != "0":
            text = "0" + text
        return text


class YesNoWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        word = fold(cell_text(value))
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise ValueError(
            gettext("“%(value)s” không hợp lệ: ghi Có hoặc Không (hoặc đánh dấu x).") % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        return gettext("Có") if value else gettext("Không")

    def allowed_values(self):
        return [gettext("Có"), gettext("Không")]


class ChoiceWidget(TextWidget):
    """A choice written as its Vietnamese label (or its code), with or without accents."""

    def __init__(self, choices, blank=""):
        super().__init__()
        self.choices = choices
        self.blank = blank

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return self.blank
        key = fold(text)
        for code, label in self.choices.choices:
            if key in (fold(str(code)), fold(str(label))):
                return code
        raise ValueError(
            gettext("“%(value)s” không có trong danh sách: %(choices)s.")
            % {"value": text, "choices": ", ".join(self.allowed_values())}
        )

    def render(self, value, obj=None, **kwargs):
        if value in (None, self.blank):
            return ""
        return str(dict(self.choices.choices).get(value, value))

    def allowed_values(self):
        return [str(label) for code, label in self.choices.choices if code != self.blank]


class OcopWidget(ChoiceWidget):
    """OCOP rating: "OCOP 4 sao", "4 sao" or "4"; empty for none."""

    def clean(self, value, row=None, **kwargs):
        match = re.fullmatch(r"(?:ocop\s*)?([0-9])(?:\s*sao)?", fold(cell_text(value)))
        return super().clean(match.group(1) if match else value, row, **kwargs)


class DistrictWidget(TextWidget):
    def __init__(self):
        super().__init__()
        self._matcher = None

    @property
    def matcher(self) -> DistrictMatcher:
        if self._matcher is None:
            self._matcher = DistrictMatcher(District.objects.all())
        return self._matcher

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(gettext("Chưa ghi quận, huyện."))
        district = self.matcher.match(text)
        if district is None:
            raise ValueError(gettext("Không tìm thấy quận, huyện “%(value)s” trong tỉnh.") % {"value": text})
        return district

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""

    def allowed_values(self):
        return [district.name for district in District.objects.all()]


class CategoryLookup:
    """Goods categories by name (accents optional) or slug, loaded once per file."""

    def __init__(self):
        self._by_key = None

    def get(self, text: str) -> Category:
        if self._by_key is None:
            self._by_key = {}
            for category in Category.objects.all():
                self._by_key[fold(category.name)] = self._by_key[category.slug.replace("-", " ")] = category
        category = self._by_key.get(fold(text))
        if category is None:
            names = "; ".join(Category.objects.values_list("name", flat=True))
            raise ValueError(
                gettext("Không có nhóm hàng “%(value)s”. Các nhóm hàng: %(names)s.")
                % {"value": text, "names": names}
            )
        return category


class CategoryWidget(TextWidget):
    def __init__(self):
        super().__init__()
        self.lookup = CategoryLookup()

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        return self.lookup.get(text) if text else None

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""

    def allowed_values(self):
        return list(Category.objects.values_list("name", flat=True))


class CategoriesWidget(widgets.ManyToManyWidget):
    """Several categories in one cell, separated by ";" (names contain commas)."""

    def __init__(self):
        super().__init__(Category, separator=";", field="name")
        self.lookup = CategoryLookup()

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in re.split(r"[;\n]", cell_text(value)) if part.strip()]
        categories = []
        for name in names:
            category = self.lookup.get(name)
            if category not in categories:
                categories.append(category)
        return categories

    def render(self, value, obj=None, **kwargs):
        return "; ".join(category.name for category in value.all()) if value is not None else ""

    def allowed_values(self):
        return list(Category.objects.values_list("name", flat=True))


class DayWidget(TextWidget):
    FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for fmt in self.FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            gettext("Ngày “%(value)s” không hợp lệ: ghi theo dạng ngày/tháng/năm, ví dụ 25/08/2021.")
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class PriceWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = value
        else:
            text = cell_text(value)
            if not text:
                return None
            digits = re.sub(r"(?i)[\s.,]|vn[dđ]|đồng|đ$", "", text)
            if not digits.isdigit():
                raise ValueError(
                    gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": text}
                )
            number = int(digits)
        if number < 0 or number != int(number):
            raise ValueError(
                gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": value}
            )
        return int(number)


class MonthsWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return parse_months(re.sub(r"[;\s]+", ",", cell_text(value)))
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None

    def render(self, value, obj=None, **kwargs):
        return ", ".join(str(month) for month in value or [])


# --- Rows ----------------------------------------------------------------------


class SheetResource(resources.ModelResource):
    """A directory spreadsheet: Vietnamese headers, folded keys, the user's districts only.

    Rows are matched to existing records by the "Mã" column of a previous export,
    else by name + address + district compared without accents, so importing the
    same file twice changes nothing the second time.
    """

    noun = _("mục")
    id_column = _("Mã")
    district_attribute = "district"

    class Meta:
        # Subclasses list their declared columns in Meta.fields, so no other model field is added.
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        kwargs.pop("form", None)
        super().__init__(**kwargs)
        self.user = user
        self.allowed_districts = None
        self.sheet_rows: list[int] = []
        self.row_number = 0
        self.seen: dict = {}
        self.known: dict = {}
        self.snapshot = None

    # Scope

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.user is not None and not self.user.has_perm(ALL_DISTRICTS_PERMISSION):
            districts = District.objects.editable_by(self.user)
            queryset = queryset.filter(**{f"{self.district_path()}__in": districts})
        return queryset

    def district_path(self) -> str:
        return self.district_attribute

    # Reading the file

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user") or self.user
        if self.user is not None and not self.user.has_perm(ALL_DISTRICTS_PERMISSION):
            self.allowed_districts = set(District.objects.editable_by(self.user).values_list("pk", flat=True))
        self._normalise_headers(dataset)
        self._drop_blank_rows(dataset)
        missing = [
            c.column_name for c in self.columns() if c.required and c.column_name not in dataset.headers
        ]
        if missing:
            raise ValidationError(
                gettext("Tệp thiếu cột: %(columns)s. Hãy dùng tệp mẫu tải về từ trang nhập dữ liệu.")
                % {"columns": ", ".join(missing)}
            )

    def columns(self) -> list[Column]:
        return [field for field in self.fields.values() if isinstance(field, Column)]

    def _normalise_headers(self, dataset):
        """Match headers typed with other accents, case or spacing to ours."""
        ours = {fold(column.column_name): column.column_name for column in self.columns()}
        dataset.headers = [
            ours.get(fold(cell_text(header)), cell_text(header)) for header in dataset.headers or []
        ]

    def _drop_blank_rows(self, dataset):
        """Remove empty rows, remembering each remaining row's number in the sheet."""
        self.sheet_rows = []
        blank = []
        for index, row in enumerate(dataset):
            if all(cell_text(value) == "" for value in row):
                blank.append(index)
            else:
                self.sheet_rows.append(index + 2)  # the header is row 1
        for index in reversed(blank):
            del dataset[index]

    def sheet_row(self, number: int) -> int:
        return self.sheet_rows[number - 1] if 0 < number <= len(self.sheet_rows) else number + 1

    def before_import_row(self, row, **kwargs):
        self.row_number = self.sheet_row(kwargs.get("row_number", 0))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Report rows by their number in the sheet, as staff see them in Excel.
        for invalid in result.invalid_rows:
            invalid.number = self.sheet_row(invalid.number)
        for error_row in result.error_rows:
            error_row.number = self.sheet_row(error_row.number)

    # Finding the record a row is about

    # Rows of a file that name the same record twice are refused (a producer file
    # repeats its producer on every product row, so it turns this off).
    one_row_per_record = True

    def get_instance(self, instance_loader, row):
        id_column = self.fields["id"].column_name
        pk = self.row_id(row, id_column)
        queryset = self.get_queryset()
        if pk is not None:
            if self.one_row_per_record:
                self.remember(("id", pk), id_column, gettext("cùng mã %(id)s") % {"id": pk})
            return self.by_id(queryset, pk, id_column, self.noun)
        district = self.row_district(row)
        if district is None:
            return None  # the district column reports what is wrong with it
        name_column = self.fields["name"].column_name
        key = self.natural_key(row.get(name_column), row.get(self.fields["address"].column_name))
        if self.one_row_per_record:
            self.remember((district.pk, *key), name_column, gettext("cùng tên, địa chỉ và quận, huyện"))
        pk = self.known_keys(self._meta.model.objects.all(), district).get(key)
        return queryset.filter(pk=pk).first() if pk else None

    def row_id(self, row, column: str):
        value = cell_text(row.get(column))
        if not value:
            return None
        if not value.isdigit():
            raise ValidationError(
                {column: gettext("Mã “%(value)s” không hợp lệ: để trống khi thêm mới.") % {"value": value}}
            )
        return int(value)

    def by_id(self, queryset, pk, column: str, noun):
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            raise ValidationError(
                {
                    column: gettext(
                        "Không có %(noun)s mã %(id)s trong phạm vi bạn được sửa. "
                        "Để trống cột %(column)s khi thêm mới."
                    )
                    % {"noun": noun, "id": pk, "column": column}
                }
            )
        return obj

    def row_district(self, row):
        column = self.fields[self.district_attribute].column_name
        return self.fields[self.district_attribute].widget.matcher.match(row.get(column))

    def natural_key(self, name, address) -> tuple[str, str]:
        return fold(cell_text(name)), fold(cell_text(address))

    def known_keys(self, queryset, district) -> dict:
        """Existing records of a district by (name, address) folded; one query per district."""
        if district.pk not in self.known:
            self.known[district.pk] = {
                self.natural_key(name, address): pk
                for pk, name, address in queryset.filter(district=district).values_list(
                    "pk", "name", "address"
                )
            }
        return self.known[district.pk]

    def remember(self, key, column: str, what):
        """Refuse a row that repeats an earlier row of the same file."""
        earlier = self.seen.get(key)
        if earlier is not None:
            raise ValidationError(
                {column: gettext("Trùng với dòng %(row)s: %(what)s.") % {"row": earlier, "what": what}}
            )
        self.seen[key] = self.row_number

    # Checking and saving

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many cells are only saved later; check them now, with the rest.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        district_id = getattr(instance, f"{self.district_attribute}_id", None)
        if self.allowed_districts is not None and district_id and district_id not in self.allowed_districts:
            errors.setdefault(self.district_attribute, []).append(self.out_of_scope_message())
        try:
            super().validate_instance(instance, errors, validate_unique)
        except ValidationError as error:
            raise self.by_column(error, instance) from None

    def out_of_scope_message(self) -> str:
        names = ", ".join(
            District.objects.filter(pk__in=self.allowed_districts).values_list("name", flat=True)
        )
        return gettext("Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách (%(names)s).") % {
            "names": names or gettext("chưa được phân công địa bàn nào")
        }

    def by_column(self, error: ValidationError, instance) -> ValidationError:
        """The same errors, keyed by the Vietnamese column header instead of the field name."""
        columns = {field.attribute: field.column_name for field in self.fields.values() if field.attribute}
        keyed: dict[str, list] = {}
        for key, messages in error.message_dict.items():
            label = columns.get(key)
            if label is None and key != NON_FIELD_ERRORS:
                label = str(self.field_label(instance, key))
            keyed.setdefault(label or NON_FIELD_ERRORS, []).extend(messages)
        return ValidationError(keyed)

    @staticmethod
    def field_label(instance, name):
        try:
            return instance._meta.get_field(name).verbose_name.capitalize()
        except Exception:
            return name

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.snapshot = None if new else self.own_values(instance)

    def own_values(self, instance) -> list:
        """The values of the record's own columns (not related rows, not many-to-many)."""
        return [
            field.get_value(instance)
            for field in self.get_import_fields()
            if field.attribute
            and "__" not in field.attribute
            and not isinstance(field.widget, widgets.ManyToManyWidget)
        ]

    def do_instance_save(self, instance, is_create):
        # A row that only changes categories or a product leaves no empty history entry here.
        if is_create or self.snapshot != self.own_values(instance):
            super().do_instance_save(instance, is_create)

    def save_instance(self, instance, is_create, row, **kwargs):
        instance._change_reason = gettext("Nhập từ tệp")
        if self._is_dry_run(kwargs):
            # A dry run is rolled back; writing its history would only slow it down.
            instance.skip_history_when_saving = True
        super().save_instance(instance, is_create, row, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if hasattr(instance, "address"):
            key = self.natural_key(instance.name, instance.address)
            self.known.setdefault(instance.district_id, {})[key] = instance.pk


def rejected_rows(result) -> list[tuple[int, list[str]]]:
    """Every rejected row as (row number in the sheet, reasons), in file order."""
    rows = []
    for invalid in result.invalid_rows:
        reasons = []
        for column, messages in invalid.error_dict.items():
            prefix = "" if column == NON_FIELD_ERRORS else f"{column}: "
            reasons += [prefix + str(message) for message in messages]
        rows.append((invalid.number, reasons))
    for error_row in result.error_rows:
        rows.append((error_row.number, [str(error.error) for error in error_row.errors]))
    return sorted(rows)


def import_totals(result) -> dict[str, int]:
    return {
        "new": result.totals[RowResult.IMPORT_TYPE_NEW],
        "update": result.totals[RowResult.IMPORT_TYPE_UPDATE],
        "skip": result.totals[RowResult.IMPORT_TYPE_SKIP],
        "invalid": result.totals[RowResult.IMPORT_TYPE_INVALID] + result.totals[RowResult.IMPORT_TYPE_ERROR],
    }


# --- The template staff download ---------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_workbook(resource: SheetResource, title: str) -> bytes:
    """An empty sheet with our headers, a guide sheet, and drop-down lists where values are fixed."""
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Dữ liệu")
    lists = book.create_sheet(gettext("Danh mục"))
    guide = book.create_sheet(gettext("Hướng dẫn"))
    columns = [field for field in resource.get_export_fields() if isinstance(field, Column)]

    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=neutralise(column.column_name))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.column_name) + 4))
        if not column.widget.allowed_values():
            for row in range(2, 1002):  # typed as text, so Excel keeps a phone number's leading zero
                sheet.cell(row=row, column=index).number_format = "@"
        values = column.widget.allowed_values()
        if values and not isinstance(column.widget, CategoriesWidget):
            for row, value in enumerate(values, start=1):
                lists.cell(row=row, column=index, value=neutralise(value))
            source = f"'{lists.title}'!${letter}$1:${letter}${len(values)}"
            validation = DataValidation(
                type="list", formula1=source, allow_blank=True, showErrorMessage=False
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}1001")
    sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"

    guide.append([gettext("Cột"), gettext("Bắt buộc"), gettext("Cách ghi"), gettext("Giá trị được nhận")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in columns:
        values = column.widget.allowed_values()
        guide.append(
            neutralise_row(
                [
                    column.column_name,
                    gettext("Có") if column.required else "",
                    str(column.guide),
                    "; ".join(values) if values else "",
                ]
            )
        )
    for letter, width in zip("ABCD", (28, 10, 70, 70), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.insert_rows(1)
    guide["A1"] = neutralise(title)
    guide["A1"].font = Font(bold=True, size=13)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
