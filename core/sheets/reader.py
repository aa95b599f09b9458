"""Reading one sheet: its header row, a proposed column mapping, then its data rows streamed.

read_sheet() looks at the first HEADER_SCAN_ROWS rows for the header (the row, or pair of
rows under a merged heading, whose cells best match the fields' names), then at up to
SAMPLE_ROWS rows below it for each column's sample value and for legacy-font text. Only
those rows are held in memory; ReadResult.rows() streams the sheet again from the top.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from django.utils.translation import gettext_lazy as _

from core.text import fold

from . import legacy
from .errors import SheetError
from .files import Sheet, Workbook, column_letter, display
from .matching import Field, Matcher, assign

HEADER_SCAN_ROWS = 15
SAMPLE_ROWS = 200
MAX_COLUMNS = 200
MIN_HEADER_SCORE = 0.9
# A header split over two rows (a merged "Địa chỉ" above "Huyện" and "Xã") must match this
# much more than either row alone.
TWO_ROW_GAIN = 0.5
ROW_NUMBER_BONUS = 0.25
EXAMPLES_KEPT = 20

SKIP_REASONS = {
    "blank": _("Dòng trống"),
    "header": _("Dòng tiêu đề lặp lại"),
    "numbering": _("Dòng đánh số cột (1), (2), (3)…"),
    "title": _("Dòng tên bảng hoặc tên cơ quan"),
    "total": _("Dòng tổng cộng"),
    "note": _("Ghi chú, chữ ký dưới bảng"),
    "no_data": _("Dòng không có giá trị ở các cột đã chọn"),
}

_fold = lru_cache(maxsize=8192)(fold)

_TOTAL = re.compile(
    r"(?:tong cong|tong so)(?: .*)?"
    r"|(?:tong|cong)(?: (?:\d|huyen|xa|phuong|thi|thanh pho|quan|toan|chung|cac|so|co|la)\b.*)?"
)
_NOTE = re.compile(
    r"(?:nguoi lap|nguoi tong hop|nguoi ky|ghi chu|chu thich|luu y|xac nhan|thu truong|(?:pho )?chu tich"
    r"|(?:pho )?giam doc|truong phong|truong ban|ky ghi ro|ky ten|ky va ghi|ky dong dau|noi nhan"
    r"|t ?m (?:ubnd|uy ban)|kt (?:chu tich|giam doc|truong))\b"
    r"|.*\bngay(?: \d{1,2})? thang(?: \d{1,2})? nam\b"
)
_TITLE = re.compile(
    r"(?:danh sach|ubnd|uy ban nhan dan|cong hoa xa hoi|doc lap tu do|bang ke|bieu mau|phu luc|mau so"
    r"|bao cao)\b"
)
_NUMBER_LABEL = re.compile(r"\(?(\d{1,3})\)?")
_DIGIT = re.compile(r"\d")
# The first words of every label the three patterns above can match (the date line aside).
# fmt: off
_LABEL_STARTS = frozenset((
    "tong", "cong", "nguoi", "ghi", "chu", "luu", "xac", "thu", "pho", "giam", "truong", "ky", "noi",
    "t", "tm", "kt", "danh", "ubnd", "uy", "doc", "bang", "bieu", "mau", "bao", "nguon",
))
# fmt: on


@dataclass(frozen=True)
class Column:
    """A column of the table: where it is, its header and first value, and the field it fills.

    `source` says where the field came from: "saved" (the user's earlier choice for this
    header), "auto" (matched by name, with `confidence`), "override" (chosen now),
    "row_number" (an STT column, never imported) or None (no field).
    """

    index: int
    letter: str
    header: str
    sample: object
    field: str | None
    confidence: float
    source: str | None


@dataclass(frozen=True)
class SheetRow:
    """A data row: its number in the sheet, {field key: value}, and all its cells by column."""

    number: int
    values: dict
    raw: tuple


@dataclass
class _Header:
    rows: tuple[int, ...]
    parts: list[tuple[str, ...]]  # per column: its header texts, top to bottom
    candidates: dict[int, dict[str, float]]
    chosen: dict[int, tuple[str, float]]
    row_number_column: int | None
    legacy: Counter
    score: float

    def text(self, column: int) -> str:
        return " / ".join(self.parts[column]) if column < len(self.parts) else ""


# --- Finding the header ---------------------------------------------------------------------


def _header_cell(value, legacy_found: Counter) -> str:
    text = display(value).strip()
    kind = legacy.classify(text)
    if kind in (legacy.TCVN3, legacy.VNI):
        legacy_found[kind] += 1
        text = legacy.to_unicode(text, kind)
    return text


def _judge(rows: list[tuple[int, tuple]], matcher: Matcher) -> _Header:
    """How well these rows (one, or two read together) work as the header."""
    found = Counter()
    texts = [[_header_cell(value, found) for value in values] for _number, values in rows]
    width = max(max((i + 1 for i, text in enumerate(row) if text), default=0) for row in texts)
    parts = [
        tuple(row[column] for row in texts if column < len(row) and row[column]) for column in range(width)
    ]
    candidates = {}
    for column, column_parts in enumerate(parts):
        variants = list(column_parts) + ([" ".join(column_parts)] if len(column_parts) > 1 else [])
        merged: dict[str, float] = {}
        for variant in variants:
            for key, score in matcher.candidates(variant).items():
                merged[key] = max(score, merged.get(key, 0.0))
        if merged:
            candidates[column] = merged
    chosen = assign(candidates)
    row_number = next(
        (
            column
            for column, column_parts in enumerate(parts)
            if column not in chosen and any(matcher.is_row_number(part) for part in column_parts)
        ),
        None,
    )
    score = sum(score for _key, score in chosen.values())
    if chosen and row_number is not None:
        score += ROW_NUMBER_BONUS
    return _Header(
        tuple(number for number, _values in rows), parts, candidates, chosen, row_number, found, score
    )


def find_header(rows: list[tuple[int, tuple]], matcher: Matcher) -> _Header | None:
    """The best header among `rows` (the first rows of a sheet), or None if nothing matches enough."""
    rows = [(number, values) for number, values in rows if any(value is not None for value in values)]
    singles = [_judge([row], matcher) for row in rows]
    best = None
    for position, single in enumerate(singles):
        if best is None or single.score > best.score:
            best = single
        following = position + 1
        if following < len(rows) and rows[following][0] == rows[position][0] + 1:
            pair = _judge(rows[position : position + 2], matcher)
            if pair.score >= max(single.score, singles[following].score) + TWO_ROW_GAIN and (
                pair.score > best.score
            ):
                best = pair
    if best is None or best.score < MIN_HEADER_SCORE:
        return None
    return best


def _examples(fields) -> str:
    return ", ".join(f"“{field.label}”" for field in list(fields)[:4])


def default_sheet(book: Workbook, fields) -> Sheet:
    """The first visible sheet whose first rows hold a recognisable header."""
    matcher = Matcher(fields)
    any_data = False
    for sheet in sorted(book.sheets, key=lambda sheet: sheet.hidden):
        rows = list(islice(sheet.iter_values(max_col=MAX_COLUMNS), HEADER_SCAN_ROWS))
        any_data = any_data or any(value is not None for _number, values in rows for value in values)
        if find_header(rows, matcher) is not None:
            return sheet
    if not any_data:
        raise SheetError("empty", name=book.filename)
    raise SheetError("no_header_any", name=book.filename, rows=HEADER_SCAN_ROWS, examples=_examples(fields))


# --- Reading --------------------------------------------------------------------------------


def read_sheet(
    sheet: Sheet | Workbook,
    fields,
    *,
    saved_mapping: dict[str, str | None] | None = None,
    mapping_override: dict[int, str | None] | None = None,
) -> ReadResult:
    """Find the header of `sheet` (or of a workbook's default sheet) and propose a mapping.

    `fields`: the Field list the app can fill. `saved_mapping`: {header text: field key or
    None}, a user's earlier choices, applied before matching by name. `mapping_override`:
    {column index (0-based): field key or None}, the user's choice now, applied last.
    """
    fields = tuple(fields)
    if isinstance(sheet, Workbook):
        sheet = default_sheet(sheet, fields)
    matcher = Matcher(fields, saved_mapping)
    buffer = list(islice(sheet.iter_values(max_col=MAX_COLUMNS), HEADER_SCAN_ROWS + SAMPLE_ROWS))
    header = find_header(buffer[:HEADER_SCAN_ROWS], matcher)
    if header is None:
        if not any(value is not None for _number, values in buffer for value in values):
            raise SheetError("empty_sheet", sheet=sheet.name)
        raise SheetError("no_header", sheet=sheet.name, rows=HEADER_SCAN_ROWS, examples=_examples(fields))
    return ReadResult(sheet, matcher, header, buffer, mapping_override or {})


class ReadResult:
    """The header, columns and mapping of a sheet; rows() streams its data rows.

    `skipped` ({reason: count}, reasons in SKIP_REASONS) and `skipped_examples` ({reason:
    first row numbers}) are filled as rows() runs, complete once it is exhausted. Blank rows
    at the very end of a sheet (formatting left below the table) are not counted. Run one
    rows() at a time per workbook: a CSV is one stream.
    """

    def __init__(self, sheet: Sheet, matcher: Matcher, header: _Header, buffer, override):
        self.sheet = sheet
        self.fields = matcher.fields
        self.header_rows = header.rows
        self.header_row = header.rows[0]
        self.encoding = sheet.book.encoding
        self._header = header
        self._matcher = matcher
        last = header.rows[-1]
        sample = [(number, values) for number, values in buffer if number > last]
        width = max(
            [len(header.parts)]
            + [
                max((i + 1 for i, value in enumerate(values) if value is not None), default=0)
                for _n, values in sample
            ]
        )
        self._width = width
        self._decide_legacy(sample)
        self._map(override)
        self.skipped: Counter = Counter()
        self.skipped_examples: dict[str, list[int]] = defaultdict(list)
        self.columns = self._columns(sample)

    # What the sheet holds ---------------------------------------------------------------------

    @property
    def mapping(self) -> dict[int, str | None]:
        return dict(self._mapping)

    @property
    def row_number_column(self) -> int | None:
        return next((column for column, source in self._sources.items() if source == "row_number"), None)

    @property
    def unmapped_fields(self) -> list[Field]:
        mapped = set(self._mapping.values())
        return [field for field in self.fields if field.key not in mapped]

    def header_mapping(self) -> dict[str, str | None]:
        """{header text: field key or None} for every headed column: what the caller may save."""
        return {column.header: column.field for column in self.columns if column.header}

    @property
    def estimated_rows(self) -> int | None:
        """Rows below the header (blank and total rows included), for a progress bar: the
        declared size of an .xlsx, the line count of a CSV; None if the file does not say."""
        last = self.sheet.last_row
        if last is None or last <= self.header_rows[-1]:
            return None
        return last - self.header_rows[-1]

    # Legacy fonts -----------------------------------------------------------------------------

    def _decide_legacy(self, sample):
        """The file's legacy code is the one most sampled cells (and header cells) look like;
        columns where such cells are at least as many as Unicode Vietnamese ones are converted
        whole (so "Vò" in a TCVN3 column becomes "Vũ"); elsewhere a cell is converted only when
        it clearly looks like legacy text itself."""
        votes = [Counter() for _ in range(self._width)]
        for _number, values in sample:
            for column, value in enumerate(values[: self._width]):
                if isinstance(value, str):
                    kind = legacy.classify(value)
                    if kind:
                        votes[column][kind] += 1
        total = sum(votes, Counter()) + self._header.legacy
        encoding = max((legacy.TCVN3, legacy.VNI), key=lambda kind: total[kind])
        if not total[encoding]:
            encoding = None
        self._legacy = encoding
        self.legacy_columns = tuple(
            column
            for column, counted in enumerate(votes)
            if encoding and counted[encoding] and counted[encoding] >= counted[legacy.UNICODE]
        )
        self.legacy_encoding = encoding
        self._legacy_set = frozenset(self.legacy_columns)

    def _convert(self, values: tuple) -> tuple:
        if len(values) != self._width:
            values = (values + (None,) * self._width)[: self._width]
        encoding = self._legacy
        if not encoding:
            return values
        return tuple(
            legacy.to_unicode(value, encoding)
            if isinstance(value, str)
            and not value.isascii()
            and (column in self._legacy_set or legacy.looks_like(value, encoding))
            else value
            for column, value in enumerate(values)
        )

    # The mapping ------------------------------------------------------------------------------

    def _map(self, override):
        header, matcher = self._header, self._matcher
        mapping: dict[int, str | None] = dict.fromkeys(range(self._width))
        sources: dict[int, str | None] = dict.fromkeys(range(self._width))
        confidence: dict[int, float] = dict.fromkeys(range(self._width), 0.0)
        # 1. What the user chose before for a header of this text.
        for column in range(min(self._width, len(header.parts))):
            for text in (header.text(column), *reversed(header.parts[column])):
                folded = fold(text)
                if folded in matcher.saved:
                    key = matcher.saved[folded]
                    if key is None or key not in mapping.values():
                        mapping[column], sources[column] = key, "saved"
                        confidence[column] = 1.0
                    break
        # 2. Matching by name, for the columns and fields still free.
        taken = {key for key in mapping.values() if key}
        free = {
            column: found
            for column, found in header.candidates.items()
            if column < self._width and sources[column] is None
        }
        for column, (key, score) in assign(free, taken=taken).items():
            mapping[column], sources[column], confidence[column] = key, "auto", round(score, 2)
        row_number = header.row_number_column
        if row_number is not None and row_number < self._width and sources[row_number] is None:
            sources[row_number] = "row_number"
        # 3. The user's choice now wins, and takes its field from any other column.
        for column, key in override.items():
            if not isinstance(column, int) or not 0 <= column < self._width:
                raise SheetError("no_column", column=column + 1 if isinstance(column, int) else column)
            if key is not None and key not in matcher.keys:
                raise SheetError("no_field", field=key)
            for other, other_key in mapping.items():
                if key is not None and other_key == key and other != column:
                    mapping[other], sources[other], confidence[other] = None, None, 0.0
            mapping[column], sources[column], confidence[column] = key, "override", 1.0
        self._mapping, self._sources, self._confidence = mapping, sources, confidence
        self._mapped = tuple((column, key) for column, key in mapping.items() if key)

    def _columns(self, sample) -> list[Column]:
        samples: dict[int, object] = {}
        classifier = _Classifier(self)
        for _number, values in sample:
            values = self._convert(values)
            if classifier.reason(values) is None:
                for column, value in enumerate(values):
                    if value is not None:
                        samples.setdefault(column, value)
        return [
            Column(
                index=column,
                letter=column_letter(column),
                header=self._header.text(column),
                sample=samples.get(column),
                field=self._mapping[column],
                confidence=self._confidence[column],
                source=self._sources[column],
            )
            for column in range(self._width)
        ]

    # Rows -------------------------------------------------------------------------------------

    def rows(self):
        """Every data row below the header, as SheetRow, streamed; skipped rows are counted."""
        self.skipped = Counter()
        self.skipped_examples = defaultdict(list)
        classifier = _Classifier(self)
        last_header = self.header_rows[-1]
        blanks: list[int] = []  # a run of blank rows counts only if something follows it
        blank_run = 0
        for number, values in self.sheet.iter_values(max_col=self._width):
            if number <= last_header:
                continue
            values = self._convert(values)
            reason = classifier.reason(values)
            if reason == "blank":
                blank_run += 1
                if len(blanks) < EXAMPLES_KEPT:
                    blanks.append(number)
                continue
            if blank_run:
                self._skip("blank", blanks, blank_run)
                blanks, blank_run = [], 0
            if reason:
                self._skip(reason, [number], 1)
                continue
            yield SheetRow(number, {key: values[column] for column, key in self._mapped}, values)

    def _skip(self, reason: str, numbers: list[int], count: int):
        self.skipped[reason] += count
        kept = self.skipped_examples[reason]
        kept.extend(numbers[: EXAMPLES_KEPT - len(kept)])


def _is_whole_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, str) and value.isdigit()


def _has_number(values) -> bool:
    return any(
        (isinstance(value, int | float) and not isinstance(value, bool))
        or (isinstance(value, str) and any(char.isdigit() for char in value))
        for value in values
    )


class _Classifier:
    """Why a row below the header is not data, or None when it is."""

    def __init__(self, result: ReadResult):
        header = result._header
        self._header_texts = {
            column: {_fold(part) for part in parts} for column, parts in enumerate(header.parts) if parts
        }
        self._names = result._matcher.exact_names
        self._mapped = tuple(column for column, _key in result._mapped)
        self._row_number = result.row_number_column
        self._in_footer = False

    def reason(self, values: tuple) -> str | None:
        filled = [(column, value) for column, value in enumerate(values) if value is not None]
        if not filled:
            return "blank"
        if self._repeats_header(filled):
            self._in_footer = False
            return "header"
        if self._numbers_columns(filled):
            return "numbering"
        numbered = self._row_number is not None and _is_whole_number(values[self._row_number])
        if not numbered:
            texts = [value for _column, value in filled if isinstance(value, str)][:2]
            labels = [_fold(text) if _may_be_label(text) else "" for text in texts]
            if any(_TOTAL.fullmatch(label) for label in labels) and (
                _has_number(value for _column, value in filled) or len(filled) == 1
            ):
                return "total"
            if (
                labels
                and len(filled) <= 3
                and (_NOTE.match(labels[0]) or _is_source_note(texts[0], labels[0]))
            ):
                self._in_footer = True
                return "note"
            if labels and len(filled) <= 2 and _TITLE.match(labels[0]):
                return "title"
        mapped_filled = sum(1 for column in self._mapped if values[column] is not None)
        if not mapped_filled:
            return "no_data"
        if self._in_footer:
            # Below "Người lập biểu" come names and titles; a numbered or fuller row is data again.
            if numbered or mapped_filled >= 3:
                self._in_footer = False
            else:
                return "note"
        return None

    def _repeats_header(self, filled) -> bool:
        texts = [
            (column, value)
            for column, value in filled
            # Headers are short texts, mostly without digits: data rows are rejected before folding.
            if isinstance(value, str) and len(value) <= 80 and not _DIGIT.search(value)
        ]
        if len(texts) < 2 or len(texts) * 2 < len(filled):
            return False
        same = 0
        for column, value in texts:
            folded = _fold(value)
            if folded in self._header_texts.get(column, ()) or folded in self._names:
                same += 1
        return same >= 2 and same * 2 >= len(filled)

    @staticmethod
    def _numbers_columns(filled) -> bool:
        """A row "(1) (2) (3) …" or "1 2 3 …" under the header, numbering the columns."""
        if len(filled) < 3:
            return False
        numbers = []
        for _column, value in filled:
            if _is_whole_number(value) and not isinstance(value, str):
                numbers.append(int(value))
                continue
            match = _NUMBER_LABEL.fullmatch(value) if isinstance(value, str) else None
            if not match:
                return False
            numbers.append(int(match[1]))
        return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1


def _may_be_label(text: str) -> bool:
    """Cheap test before folding a whole cell: could it be a total, note or title label?"""
    first = text.split(None, 1)[0]
    if _fold(first).split(" ", 1)[0] in _LABEL_STARTS:
        return True
    lowered = text.casefold()
    return "ngày" in lowered or "ngay" in lowered  # "Hà Trung, ngày 15 tháng 8 năm 2021"


def _is_source_note(text: str, label: str) -> bool:
    return label.startswith("nguon") and ":" in text
