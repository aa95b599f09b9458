"""Opening an uploaded file as a workbook of sheets whose rows can be streamed.

.xlsx goes through openpyxl in read-only mode (values only, cached results of formulas);
CSV through the csv module after its encoding is found: a byte-order mark, else valid
UTF-8, else a legacy-font file (TCVN3/VNI typed text saved as Windows-1252), else what
charset-normalizer detects. What kind of file it is comes from its content, not its
name: an old .xls, a password-protected .xlsx (both OLE containers), an .ods or a PDF
is refused with a message saying what to do.

Every cell comes out cleaned the same way: text stripped, in NFC (Windows-1258 and some
Mac files give decomposed accents), without the quote our exports put before a
formula-like text (core.spreadsheet_safety), and "" as None. Numbers, dates and booleans
stay as read.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter
from contextlib import suppress
from datetime import date, datetime
from itertools import islice
from pathlib import Path

import charset_normalizer
from openpyxl import load_workbook

from core.spreadsheet_safety import restore

from . import legacy
from .errors import SheetError

logger = logging.getLogger(__name__)

CHUNK = 1 << 16
SAMPLE_BYTES = 256 * 1024
LEGACY_EVIDENCE_CELLS = 2000
PREVIEW_ROWS = 5
PREVIEW_COLUMNS = 12

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Longest first: a UTF-32 LE mark starts like a UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"{\\rtf")
_MARKUP = re.compile(r"\s*<(?:!doctype|html|table|\?xml)", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t", "|")
_SEP_LINE = re.compile(r"sep=(.)\r?\n?")

# Windows-1252 leaves five bytes undefined; legacy fonts use them, Windows shows them as Latin-1.
_LATIN1_FALLBACK = "camnang-sheets-latin1"


def _latin1_fallback(error: UnicodeDecodeError):
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


def clean(value):
    """A cell as the reading layer hands it on (see the module docstring)."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        return restore(text)
    return value


def display(value) -> str:
    """A cell as short text for previews and headers: 12.0 as "12", a date as 25/08/2021."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.strftime("%d/%m/%Y %H:%M") if value.time() != datetime.min.time() else f"{value:%d/%m/%Y}"
        )
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- Sheets -------------------------------------------------------------------------------------


class Sheet:
    """One sheet of an uploaded file: a name, a preview, and its rows as (row number, values)."""

    kind = ""

    def __init__(self, book: Workbook, index: int, name: str, *, hidden: bool = False):
        self.book = book
        self.index = index
        self.name = name
        self.hidden = hidden
        self._preview = None

    def __repr__(self):
        return f"<{type(self).__name__} {self.name!r}>"

    def iter_values(self, max_col: int | None = None):
        """(row number as the spreadsheet shows it, tuple of cleaned cells), top to bottom.

        Streams: one row at a time, nothing kept. Rows may be of different lengths unless
        `max_col` is given, which cuts or pads them to that many cells.
        """
        raise NotImplementedError

    @property
    def last_row(self) -> int | None:
        """The number of the sheet's last row as the file declares it (cheap), or None."""
        raise NotImplementedError

    def count_rows(self) -> int:
        """The number of the last row holding a value: exact, one streaming pass over the sheet."""
        last = 0
        for number, values in self.iter_values():
            if any(value is not None for value in values):
                last = number
        return last

    @property
    def preview(self) -> list[list[str]]:
        """The first few non-blank rows as short texts, for the user to pick a sheet."""
        if self._preview is None:
            rows = []
            for _number, values in islice(self.iter_values(max_col=PREVIEW_COLUMNS), 40):
                filled = [column for column, value in enumerate(values) if value is not None]
                if filled:
                    rows.append([_preview_text(value) for value in values[: filled[-1] + 1]])
                if len(rows) == PREVIEW_ROWS:
                    break
            self._preview = rows
        return self._preview


def _preview_text(value) -> str:
    text = display(value)
    kind = legacy.classify(text)
    if kind in (legacy.TCVN3, legacy.VNI):
        text = legacy.to_unicode(text, kind)
    return text if len(text) <= 60 else text[:59] + "…"


class XlsxSheet(Sheet):
    kind = "xlsx"

    def __init__(self, book, index, worksheet):
        super().__init__(book, index, worksheet.title, hidden=worksheet.sheet_state != "visible")
        self._worksheet = worksheet
        self._declared_last_row = worksheet.max_row if worksheet.max_column else None
        # The declared size is a hint some programs get wrong ("A1" for a full sheet), and
        # openpyxl stops at it: forget it and read every row there is.
        worksheet.reset_dimensions()

    @property
    def last_row(self):
        return self._declared_last_row

    def iter_values(self, max_col=None):
        rows = self._worksheet.iter_rows(min_row=1, min_col=1, max_col=max_col, values_only=True)
        try:
            for number, values in enumerate(rows, start=1):
                yield number, tuple(clean(value) for value in values)
        except Exception as error:  # a broken part of the package shows only once it is read
            logger.info("Unreadable sheet in %s: %r", self.book.filename, error)
            raise SheetError("corrupt", name=self.book.filename) from error


class CsvSheet(Sheet):
    kind = "csv"

    def __init__(self, book, stream, *, encoding, errors, delimiter, skip_first, lines):
        super().__init__(book, 0, Path(book.filename).stem or "CSV")
        self._stream = stream
        self.encoding = encoding
        self._errors = errors
        self.delimiter = delimiter
        self._skip_first = skip_first
        self._lines = lines

    @property
    def last_row(self):
        return self._lines

    def iter_values(self, max_col=None):
        self._stream.seek(0)
        text = io.TextIOWrapper(
            io.BufferedReader(_Borrowed(self._stream)),
            encoding=self.encoding,
            errors=self._errors,
            newline="",
        )
        reader = csv.reader(text, delimiter=self.delimiter)
        try:
            if self._skip_first:
                next(reader, None)
            for number, record in enumerate(reader, start=1):
                cells = tuple(clean(cell) for cell in record[:max_col])
                if max_col is not None and len(cells) < max_col:
                    cells += (None,) * (max_col - len(cells))
                yield number, cells
        except (csv.Error, UnicodeError) as error:
            raise SheetError("unreadable_text", name=self.book.filename, row=reader.line_num) from error


class _Borrowed(io.RawIOBase):
    """A read-only view of a stream that closing (or garbage collection of a wrapper) leaves open."""

    def __init__(self, stream):
        super().__init__()
        self._stream = stream

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


# --- Workbooks ----------------------------------------------------------------------------------


class Workbook:
    """An opened upload: `.sheets` in file order, `.encoding` for CSV (None for .xlsx).

    Use it as a context manager (or call close()): an .xlsx stays open while its rows are read.
    """

    def __init__(self, filename: str, kind: str, *, encoding: str | None = None):
        self.filename = filename
        self.kind = kind
        self.encoding = encoding
        self.sheets: list[Sheet] = []
        self._closers = []

    def __repr__(self):
        return f"<Workbook {self.filename!r} {[sheet.name for sheet in self.sheets]}>"

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise SheetError("no_sheet", sheet=name)

    def default_sheet(self, fields) -> Sheet:
        """The first visible sheet with a recognisable header (see reader.default_sheet)."""
        from .reader import default_sheet

        return default_sheet(self, fields)

    def close(self):
        while self._closers:
            with suppress(Exception):
                self._closers.pop()()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def open_sheet(file, filename: str = "") -> Workbook:
    """Open an upload (a path, bytes, or a binary file object such as Django's UploadedFile).

    Raises SheetError for anything that is not a readable .xlsx or CSV file.
    """
    stream, owned = _binary_stream(file)
    filename = filename or getattr(file, "name", "") or (str(file) if isinstance(file, str | Path) else "")
    filename = Path(str(filename)).name
    try:
        book = _open(stream, filename)
    except BaseException:
        if owned:
            stream.close()
        raise
    if owned:
        book._closers.append(stream.close)
    return book


def _binary_stream(file):
    if isinstance(file, str | Path):
        return open(file, "rb"), True
    if isinstance(file, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(file)), True
    seekable = getattr(file, "seekable", None)
    if callable(seekable) and seekable():
        file.seek(0)
        return file, False
    # A stream that cannot seek is spooled (to disk past a few megabytes): rows are read twice.
    copy = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115
    for chunk in iter(lambda: file.read(CHUNK), b""):
        copy.write(chunk)
    copy.seek(0)
    return copy, True


def _open(stream, name: str) -> Workbook:
    sample = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    if not sample:
        raise SheetError("empty", name=name)
    if sample.startswith(_ZIP):
        return _open_xlsx(stream, name)
    if sample.startswith(_OLE):
        raise SheetError(_ole_kind(stream), name=name)
    if sample.startswith(_BINARY):
        raise SheetError("not_spreadsheet", name=name)
    return _open_csv(stream, sample, name)


def _ole_kind(stream) -> str:
    """An OLE container holds either an encrypted .xlsx or an old .xls (or a Word document...)."""
    found = set()
    names = {
        "encrypted": "EncryptionInfo".encode("utf-16-le"),
        "xls": "Workbook".encode("utf-16-le"),
        "xls5": "Book".encode("utf-16-le"),
    }
    tail = b""
    stream.seek(0)
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        window = tail + chunk
        found.update(kind for kind, marker in names.items() if marker in window)
        tail = window[-64:]
    stream.seek(0)
    if "encrypted" in found:
        return "encrypted"
    if found:
        return "xls"
    return "not_spreadsheet"


def _open_xlsx(stream, name: str) -> Workbook:
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = set(archive.namelist())
            if "mimetype" in parts and b"opendocument.spreadsheet" in archive.read("mimetype"):
                raise SheetError("ods", name=name)
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in parts else b""
    except zipfile.BadZipFile as error:
        raise SheetError("corrupt", name=name) from error
    if b"spreadsheetml" not in types and b"ms-excel.sheet" not in types:
        raise SheetError("not_spreadsheet", name=name)  # a Word document, a zipped folder...
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a broken package
        logger.info("Unreadable workbook %s: %r", name, error)
        raise SheetError("corrupt", name=name) from error
    book = Workbook(name, "xlsx")
    book._closers.append(workbook.close)
    try:
        book.sheets = [XlsxSheet(book, index, sheet) for index, sheet in enumerate(workbook.worksheets)]
    except Exception as error:
        book.close()
        raise SheetError("corrupt", name=name) from error
    if not book.sheets:
        book.close()
        raise SheetError("empty", name=name)
    return book


# --- CSV ----------------------------------------------------------------------------------------


def _open_csv(stream, sample: bytes, name: str) -> Workbook:
    encoding, lines = _csv_encoding(stream, sample, name)
    errors = _LATIN1_FALLBACK if encoding == "cp1252" else "replace"
    text = _decode_sample(sample, encoding, errors)
    if not text.strip():
        raise SheetError("empty", name=name)
    if _MARKUP.match(text):
        # A web page or an Excel 2003 XML file saved under a spreadsheet's name.
        raise SheetError("xls" if name.lower().endswith(".xls") else "not_spreadsheet", name=name)
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n")
    if controls > len(text) // 20:
        raise SheetError("not_spreadsheet", name=name)
    delimiter, skip_first = _dialect(text)
    if lines is None:
        lines = _count_lines(stream, encoding, errors)
    book = Workbook(name, "csv", encoding=encoding)
    book.sheets = [
        CsvSheet(
            book,
            stream,
            encoding=encoding,
            errors=errors,
            delimiter=delimiter,
            skip_first=skip_first,
            lines=max(lines - skip_first, 0),
        )
    ]
    return book


def _csv_encoding(stream, sample: bytes, name: str) -> tuple[str, int | None]:
    """The codec to read the file with, and its line count when finding it counted them."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding, None
    lines = _utf8_lines(stream)
    if lines is not None:
        return "utf-8", lines
    if b"\x00" in sample:
        # UTF-16 without a byte-order mark, or not text at all.
        best = charset_normalizer.from_bytes(sample[: len(sample) // 4 * 4]).best()
        if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
            return best.encoding, None
        raise SheetError("not_spreadsheet", name=name)
    if _legacy_font_text(sample):
        # TCVN3/VNI codes are bytes shown as Windows-1252: any other reading would garble them.
        return "cp1252", None
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise SheetError("not_spreadsheet", name=name)
    return best.encoding, None


def _utf8_lines(stream) -> int | None:
    """The number of lines if the whole file is valid UTF-8, else None (one streaming pass)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines = 0
    last = b""
    stream.seek(0)
    try:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            decoder.decode(chunk)
            lines += chunk.count(b"\n")
            last = chunk
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    finally:
        stream.seek(0)
    return lines + (1 if last and not last.endswith(b"\n") else 0)


def _count_lines(stream, encoding: str, errors: str) -> int:
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    lines = 0
    last = ""
    stream.seek(0)
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        text = decoder.decode(chunk)
        lines += text.count("\n")
        last = text or last
    stream.seek(0)
    return lines + (1 if last and not last.endswith("\n") else 0)


def _decode_sample(sample: bytes, encoding: str, errors: str) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors).decode(sample)
    if len(sample) == SAMPLE_BYTES and "\n" in text:
        text = text[: text.rindex("\n") + 1]  # the last line may be cut short
    return text


def _legacy_font_text(sample: bytes) -> bool:
    """Whether the cells read as Windows-1252 hold more TCVN3/VNI text than, read as Windows-1258
    (the other 8-bit code Vietnamese files come in), they hold Unicode Vietnamese.

    The first LEGACY_EVIDENCE_CELLS cells with letters beyond ASCII are evidence enough: the
    same cells in both readings (ASCII reads alike in both).
    """
    legacy_cells = unicode_cells = 0
    for encoding in ("cp1252", "cp1258"):
        text = _decode_sample(sample, encoding, _LATIN1_FALLBACK if encoding == "cp1252" else "replace")
        delimiter, skip_first = _dialect(text)
        records = islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), skip_first, None)
        cells = (cell for record in records for cell in record if not cell.isascii())
        for cell in islice(cells, LEGACY_EVIDENCE_CELLS):
            if encoding == "cp1252":
                legacy_cells += legacy.classify(cell) in (legacy.TCVN3, legacy.VNI)
            else:
                cell = unicodedata.normalize("NFC", cell)
                unicode_cells += legacy.classify(cell) == legacy.UNICODE and legacy.plausible(cell)
    return legacy_cells > unicode_cells


def _dialect(text: str) -> tuple[str, int]:
    """The delimiter, and whether the first line is Excel's "sep=;" hint (not a row)."""
    hint = _SEP_LINE.match(text)
    if hint:
        return hint[1], 1
    lines = text.splitlines(keepends=True)[:50]
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        with suppress(csv.Error):
            widths = [
                len(record)
                for record in csv.reader(io.StringIO("".join(lines), newline=""), delimiter=delimiter)
                if any(cell.strip() for cell in record)
            ]
            common = Counter(width for width in widths if width > 1).most_common(1)
            # Excel writes every row with the same number of fields: count the rows that agree.
            score = common[0][1] if common else 0
            if score > best_score:
                best, best_score = delimiter, score
    return best, 0
