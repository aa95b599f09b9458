"""Spreadsheets uploaded for import: their limits, and where they wait to be confirmed.

An import runs in two requests: the dry run checks the uploaded file, the confirmation
imports it. In between the file waits under a random name in a folder of its own
(IMPORT_UPLOAD_DIR), and the name is remembered in the session of the user who
uploaded it: the confirmation accepts only a name of that form that this session was
given, for the same list, so no request can make the portal open any other file.

Imports are checked within the request, so a file is refused before any row is read if
it is larger than IMPORT_MAX_FILE_MB or has more than IMPORT_MAX_ROWS data rows.
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
import re
import secrets
import time
import xml.etree.ElementTree as ET
import zipfile
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from import_export.tmp_storages import BaseStorage

SESSION_KEY = "camnang_pending_imports"
# A session keeps the names of its last few uploads only; older ones must be uploaded again.
SESSION_LIMIT = 10
_NAME = re.compile(r"[0-9a-f]{64}")


class PendingFileMissing(Exception):
    """The name is not one this storage gives out, or its file is gone."""


def upload_dir() -> Path:
    return Path(settings.IMPORT_UPLOAD_DIR)


def valid_name(name) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


class PendingImportStorage(BaseStorage):
    """django-import-export's temporary storage, confined to one folder and random names.

    The name comes from secrets.token_hex; a name of any other shape is refused before
    the disk is touched, so it can never point outside the folder.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.name is not None and not valid_name(self.name):
            raise PendingFileMissing(self.name)

    def path(self) -> Path:
        return upload_dir() / self.name

    def save(self, data):
        folder = upload_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_stale_files(folder)
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        self.name = secrets.token_hex(32)
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def read(self):
        binary = "b" in self.read_mode
        try:
            with open(self.path(), self.read_mode, encoding=None if binary else self.encoding) as file:
                return file.read()
        except FileNotFoundError:
            raise PendingFileMissing(self.name) from None

    def remove(self):
        with suppress(FileNotFoundError):
            self.path().unlink()


def remove_stale_files(folder: Path) -> None:
    """Uploads never confirmed are deleted once no session could still confirm them."""
    cutoff = time.time() - settings.SESSION_COOKIE_AGE
    for entry in folder.iterdir():
        with suppress(OSError):
            if valid_name(entry.name) and entry.stat().st_mtime < cutoff:
                entry.unlink()


# --- Who may confirm which file ------------------------------------------------------


def remember(request, name: str, *, model_label: str, details: dict) -> None:
    """Note in the uploader's session that `name` holds a checked file for `model_label`."""
    pending = dict(request.session.get(SESSION_KEY, {}))
    pending.pop(name, None)
    pending[name] = {"model": model_label, **details}
    for stale in list(pending)[:-SESSION_LIMIT]:
        del pending[stale]
    request.session[SESSION_KEY] = pending


def claim(request, name, *, model_label: str) -> dict | None:
    """What was remembered about `name`, if this session uploaded it for this list; else None."""
    if not valid_name(name):
        return None
    entry = request.session.get(SESSION_KEY, {}).get(name)
    if not isinstance(entry, dict) or entry.get("model") != model_label:
        return None
    return entry


def forget(request, name: str) -> None:
    pending = dict(request.session.get(SESSION_KEY, {}))
    if pending.pop(name, None) is not None:
        request.session[SESSION_KEY] = pending


# --- Counting rows before reading them ------------------------------------------------


def count_data_rows(upload, extension: str) -> int | None:
    """The number of non-empty rows below the header, or None if the file cannot be read.

    Cheap compared with reading the rows into a dataset: a CSV file is only split into
    records, and for .xlsx the active sheet's XML is scanned for rows holding a value.
    """
    upload.seek(0)
    try:
        if extension == "csv":
            rows = _csv_rows(upload)
        elif extension == "xlsx":
            rows = _xlsx_rows(upload)
        else:
            return None
    except UNREADABLE:
        return None
    finally:
        upload.seek(0)
    return max(rows - 1, 0)  # the first row is the header


# What a malformed file raises while being counted; reading it for real reports it properly.
UNREADABLE = (OSError, ValueError, LookupError, StopIteration, csv.Error, zipfile.BadZipFile, ET.ParseError)


def _csv_rows(upload) -> int:
    # The file is within the size limit, so it is read whole.
    text = io.StringIO(upload.read().decode("utf-8-sig", errors="replace"), newline="")
    return sum(1 for record in csv.reader(text) if any(cell.strip() for cell in record))


_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row>")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?(?:v|is)[\s>]")


def _xlsx_rows(upload) -> int:
    with zipfile.ZipFile(upload) as archive:
        sheet = _active_sheet_path(archive)
        rows = 0
        pending = b""
        with archive.open(sheet) as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                parts = _ROW_END.split(pending + chunk)
                pending = parts.pop()  # an unfinished row continues in the next chunk
                rows += sum(1 for part in parts if _VALUE.search(part))
        return rows


def _relationships(archive, part: str) -> dict[str, tuple[str, str]]:
    """{id: (type, target path)} of a package part, targets resolved against the part's folder."""
    folder, name = posixpath.split(part)
    rels = ET.fromstring(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    found = {}
    for rel in rels.iter():
        if rel.tag.endswith("}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id")] = (rel.get("Type", ""), posixpath.normpath(path))
    return found


def _active_sheet_path(archive) -> str:
    """The sheet an import reads (the workbook's active one, as openpyxl's `active`)."""
    package = _relationships(archive, "").values()
    book = next(path for kind, path in package if kind.endswith("/officeDocument"))
    tree = ET.fromstring(archive.read(book))
    view = tree.find("{*}bookViews/{*}workbookView")
    active = int(view.get("activeTab", 0)) if view is not None else 0
    sheet = tree.findall("{*}sheets/{*}sheet")[active]
    rel_id = next(value for key, value in sheet.attrib.items() if key.endswith("}id"))
    return _relationships(archive, book)[rel_id][1]
