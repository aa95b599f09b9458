"""Text cells that a spreadsheet program would run as a formula, written as plain text.

A shop named `=HYPERLINK("https://evil.example","Bấm")` or `@SUM(1+1)*cmd|' /C calc'!A0`
must reach Excel, LibreOffice or Google Sheets as the text it is. Every CSV and XLSX
the portal writes (open data, admin exports, the plan dashboard, the import template)
passes its cells through `neutralise`: a text cell whose first character (after any
leading spaces) is one a spreadsheet reads as the start of a formula (OWASP's list:
= + - @ tab and carriage return, and their full-width forms) gets a single quote in
front. Numbers, and text that is only a number such as "-5", stay as they are.

Imports undo it with `restore`, so an exported file re-imports to the same data.
"""

import csv
import re

# A cell starting with one of these, possibly after spaces, is read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
# A tab or carriage return as the very first character also starts one.
FORMULA_CONTROLS = ("\t", "\r")
QUOTE = "'"
# Text that is only a (signed) number is read as that number, not as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def reads_as_formula(text: str) -> bool:
    """Whether a spreadsheet would evaluate this text cell (or one made from it by `neutralise`)."""
    if text.startswith(QUOTE):
        # A text that already starts with a quote is quoted again, so `restore` can tell.
        return reads_as_formula(text[1:])
    if _PLAIN_NUMBER.fullmatch(text):
        return False
    return text.startswith(FORMULA_CONTROLS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(value):
    """The cell to write: text that would run as a formula gets a leading quote; the rest is unchanged."""
    if isinstance(value, str) and reads_as_formula(value):
        return QUOTE + value
    return value


def neutralise_row(row) -> list:
    return [neutralise(value) for value in row]


def restore(value):
    """The cell as it was before `neutralise` (for imports): one leading quote is taken off."""
    if isinstance(value, str) and value.startswith(QUOTE) and reads_as_formula(value[1:]):
        return value[1:]
    return value


class SafeCSVWriter:
    """csv.writer whose rows are neutralised before they are written."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
