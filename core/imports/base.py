"""What an app gives the import pipeline for one of its lists: the fields a file can fill,
how a row is checked, and how checked rows are written in bulk.

An Importer is registered by its app (core.registry.importers). For each file it opens
a Session, which loads once what checking needs (the places, the categories, the
records already in the directory, the user's scope), so that checking a row costs no
query; `check()` turns a sheet row into a CheckedRow (values, problems, what would be
done), and `write()` writes a batch of checked rows with a few bulk queries.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from core.sheets import Field as SheetField

# The reason the history rows of an import's writes give.
IMPORT_REASON = _("Nhập từ tệp")


@dataclass(frozen=True)
class Field(SheetField):
    """A column a file may have: how to read its cells, whether it must be there."""

    parse: Callable | None = None  # (cell, session) -> value; raises ValueError(message)
    required: bool = False
    guide: str = ""
    allowed: Callable | None = None  # () -> the values the template's guide (and drop-down) offers
    several: bool = False  # a cell may hold several of the allowed values (no drop-down then)
    render: Callable | None = None  # record -> the cell of an export


@dataclass
class Problem:
    column: str  # the header as in the file, or the field's label
    value: str
    message: str


@dataclass
class Note:
    """Something staff should look at without the row being refused: a possible duplicate,
    a commune to choose."""

    kind: str  # "duplicate" or "choose"
    message: str
    url: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label) to choose from


CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


def header_spellings(path: Path, *sections: str) -> dict[str, tuple[str, ...]]:
    """The headers staff write for each column besides its label, by field key: the named
    sections of a JSON file (a later section's spelling of a column replaces an earlier one's).

    They are data, kept in each app's data/import_headers.json: a header met in a real
    file is one line to add there."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {key: tuple(words) for section in sections for key, words in data[section].items()}


@dataclass
class CheckedRow:
    number: int
    raw: tuple
    values: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    action: str = CREATE
    target: object = None  # the existing record, for an update
    extra: dict = field(default_factory=dict)  # what the importer keeps for write()

    @property
    def ok(self) -> bool:
        return not self.problems

    def refuse(self, column, value, message) -> None:
        self.problems.append(Problem(str(column), "" if value is None else str(value), str(message)))


class Session:
    """One file's import, for one user: the lookups checking needs, and the bulk writes.

    Rows come in batches (Importer.batch_size), so a session can fetch what a batch needs
    in a query or two; it keeps what earlier batches decided (a record the file creates,
    which a later row names again).
    """

    def __init__(self, importer: Importer, user, choices: dict | None = None, options: dict | None = None):
        self.importer = importer
        self.user = user
        self.choices = choices or {}
        self.options = options or {}

    def check_batch(self, rows: list) -> list[CheckedRow]:
        return [self.check(row) for row in rows]

    def check(self, row) -> CheckedRow:
        raise NotImplementedError

    def write(self, rows: list[CheckedRow]) -> dict[str, int]:
        """Write checked rows (all valid); returns {"created": n, "updated": n}."""
        raise NotImplementedError


class Importer:
    key = ""
    title = ""
    noun = ""
    model = None
    session_class = Session
    # How many rows one write() takes.
    batch_size = 1000
    # Fields with a fixed list of values for which the user may choose one value for the
    # whole file (its rows' blank cells, or a file without that column).
    file_defaults: tuple[str, ...] = ()
    # Other headers a column may have, by field key (header_spellings()).
    headers: dict[str, tuple[str, ...]] = {}

    def columns(self) -> list[Field]:
        """The list's fields, in the order of the template and of exports."""
        raise NotImplementedError

    def fields(self) -> list[Field]:
        """columns(), each with the other headers staff write for it."""
        return [replace(f, synonyms=self.headers.get(f.key, f.synonyms)) for f in self.columns()]

    def may_import(self, user) -> bool:
        opts = self.model._meta
        return all(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("add", "change")
        )

    def session(self, user, choices: dict | None = None, options: dict | None = None) -> Session:
        return self.session_class(self, user, choices, options)

    def required_fields(self) -> list[Field]:
        return [f for f in self.fields() if f.required]

    def export_queryset(self, queryset):
        """The records of an export, with what their cells read fetched in a few queries."""
        return queryset

    def export_rows(self, queryset):
        """One list of cells per record, in the order of fields()."""
        fields = self.fields()
        for record in self.export_queryset(queryset).iterator(chunk_size=2000):
            yield [field.render(record) if field.render else "" for field in fields]

    def changelist_url(self) -> str:
        from django.urls import reverse

        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def batches(rows: Iterable, size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
