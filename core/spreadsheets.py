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
from import_export import fields, widgets
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


class MonthsWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return parse_months(re.sub(r"[;\s]+", ",", cell_text(value)))
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None

    def render(self, value, obj=None, **kwargs):
        return ", ".join(str(month) for month in value or [])


# --- Rows ----------------------------------------------------------------------


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


def template_workbook(resource, title: str) -> bytes:
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
        if values and not isinstance(column.widget, widgets.ManyToManyWidget):
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
