"""The empty workbook staff download to fill in: our headers, drop-down lists where the
values are fixed, text cells where Excel would eat a phone number's leading zero, and a
guide sheet that says how to write each column."""

import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.spreadsheet_safety import neutralise, neutralise_row

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ROWS = 1000


def template_workbook(fields, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Dữ liệu")
    lists = book.create_sheet(gettext("Danh mục"))
    guide = book.create_sheet(gettext("Hướng dẫn"))

    for index, field in enumerate(fields, start=1):
        label = str(field.label)
        cell = sheet.cell(row=1, column=index, value=neutralise(label))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(label) + 4))
        values = [str(value) for value in field.allowed()] if field.allowed else []
        if values and not field.several:
            for row, value in enumerate(values, start=1):
                lists.cell(row=row, column=index, value=neutralise(value))
            source = f"'{lists.title}'!${letter}$1:${letter}${len(values)}"
            validation = DataValidation(
                type="list", formula1=source, allow_blank=True, showErrorMessage=False
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{ROWS + 1}")
        elif not values:
            for row in range(2, ROWS + 2):  # text cells: Excel keeps a phone number's leading zero
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"

    guide.append([neutralise(title)])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([gettext("Cột"), gettext("Bắt buộc"), gettext("Cách ghi"), gettext("Giá trị được nhận")])
    for cell in guide[2]:
        cell.font = Font(bold=True)
    for field in fields:
        values = [str(value) for value in field.allowed()] if field.allowed else []
        guide.append(
            neutralise_row(
                [
                    str(field.label),
                    gettext("Có") if field.required else "",
                    str(field.guide),
                    "; ".join(values),
                ]
            )
        )
    for letter, width in zip("ABCD", (28, 10, 70, 70), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
