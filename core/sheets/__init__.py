"""The reading layer of spreadsheet imports: an uploaded file in, clean rows and a proposed mapping out.

Staff import the lists they already keep, as they keep them: an .xlsx with a title above
the table, several sheets, merged headings, a "Tổng cộng" row and signatures below it, or
a CSV from any version of Excel (UTF-8 with or without BOM, UTF-16, Windows-1258,
semicolons), sometimes typed decades ago with the TCVN3 (ABC) or VNI fonts. This package
knows nothing of shops or producers: an app describes the fields it can fill (Field: key,
label, synonyms) and gets back

    with open_sheet(upload, upload.name) as book:       # Workbook: .sheets, .encoding
        sheet = book.default_sheet(fields)              # or book.sheet(name), for the user to pick
        result = read_sheet(sheet, fields, saved_mapping=..., mapping_override=...)
        result.header_row, result.columns               # Column: index, header, sample, field, confidence
        for row in result.rows():                       # SheetRow: number, values {key: cell}, raw
            ...
        result.skipped                                  # {reason: count}: blank, header, total, note...

It streams: rows are read one at a time (a 50,000-row file in bounded memory), only the
first rows are looked at twice. Every problem with the file is a SheetError whose message
tells the user, in Vietnamese, what to do. Nothing here touches the database.
"""

from .errors import SheetError
from .files import Sheet, Workbook, open_sheet
from .legacy import TCVN3, VNI
from .matching import Field
from .reader import SKIP_REASONS, Column, ReadResult, SheetRow, read_sheet

__all__ = [
    "SKIP_REASONS",
    "TCVN3",
    "VNI",
    "Column",
    "Field",
    "ReadResult",
    "Sheet",
    "SheetError",
    "SheetRow",
    "Workbook",
    "open_sheet",
    "read_sheet",
]
