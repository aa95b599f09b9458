"""The import pipeline: read the file, check every row, then write them all or none.

The same functions serve the staff pages (through background tasks) and the
`import_sheet` command, so a file is read, checked, scoped and written the same way
whichever door it comes in by:

1. `start()` keeps the upload (private storage), picks the sheet and proposes a mapping
   from file columns to fields (the user's saved choices first);
2. `check()` reads every row and checks it without writing: the summary (rows to create,
   update, leave unchanged; rows skipped and why; rows refused, with their reasons) and
   a spreadsheet of the refused rows with a "Lỗi" column to fix and upload again;
3. `write()` reads and checks the rows again (the directory may have changed since) and
   writes them in bulk in one transaction: a refused row, a cancellation or a worker
   killed midway leaves nothing written.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext

from core.cache import bump_after_commit
from core.jobs import Job, SavedMapping, close_side_connection
from core.sheets import SKIP_REASONS, SheetError, open_sheet, read_sheet
from core.spreadsheet_safety import neutralise
from core.text import fold, thousands

from .base import CREATE, UNCHANGED, UPDATE, batches

# The preview lists this many problems and notes; the error file has them all.
SHOWN = 500
ERROR_COLUMN = "Lỗi"


class Cancelled(Exception):
    pass


class Refused(Exception):
    """The file cannot be imported as it is; the message says why, in Vietnamese."""


# --- 1. The upload and its mapping ----------------------------------------------------------


def start(*, user, importer, upload, sheet_name: str = "") -> Job:
    """A job for an uploaded file: kept privately, its sheet chosen and its columns matched.

    Raises Refused (with the reason) for a file that cannot be read; nothing is kept then.
    """
    job = Job(user=user, kind=Job.Kind.IMPORT, target=importer.key, original_name=upload.name[:255])
    job.save()
    try:
        job.file.save(_safe_name(upload.name), upload, save=False)
        propose(job, importer, sheet_name=sheet_name)
    except Refused:
        job.file.delete(save=False)
        job.delete()
        raise
    job.save()
    return job


def _safe_name(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    return f"tep-nhap.{extension if extension.isalnum() else 'bin'}"


def saved_columns(user, importer) -> dict:
    saved = SavedMapping.objects.filter(user=user, target=importer.key).first()
    return saved.columns if saved else {}


def _open(job):
    job.file.open("rb")
    try:
        return open_sheet(job.file, job.original_name)
    except SheetError as error:
        job.file.close()
        raise Refused(error.message) from None


def _read(job, importer, book, *, override=None):
    """The sheet the job names (or the best one) read with the job's mapping."""
    fields = importer.fields()
    try:
        sheet = book.sheet(job.sheet) if job.sheet else book.default_sheet(fields)
        result = read_sheet(
            sheet, fields, saved_mapping=saved_columns(job.user, importer), mapping_override=override
        )
    except SheetError as error:
        raise Refused(error.message) from None
    return sheet, result


def propose(job, importer, *, sheet_name: str = "") -> None:
    """Choose the sheet and the mapping the user will confirm (or change)."""
    with _open(job) as book:
        job.sheet = sheet_name or ""
        sheet, result = _read(job, importer, book)
        job.sheet = sheet.name
        job.mapping = {str(index): key for index, key in result.mapping.items() if key}
        job.total_rows = result.estimated_rows or 0
        if book.kind == "csv":  # an .xlsx may declare formatted empty rows: counted while checking
            _check_size(job.total_rows)


def _check_size(rows: int) -> None:
    limit = settings.IMPORT_MAX_ROWS
    if rows > limit:
        raise Refused(
            gettext(
                "Tệp có khoảng %(rows)s dòng, vượt giới hạn %(limit)s dòng của một lần nhập. "
                "Hãy chia thành nhiều tệp, mỗi tệp không quá %(limit)s dòng."
            )
            % {"rows": thousands(rows), "limit": thousands(limit)}
        )


def describe(job, importer) -> dict:
    """What the mapping page shows: the sheets, each column with its sample and field."""
    with _open(job) as book:
        sheet, result = _read(job, importer, book, override=_override(job))
        mapped = {column.field for column in result.columns if column.field}
        return {
            "sheets": [s.name for s in book.sheets],
            "sheet": sheet.name,
            "header_row": result.header_row,
            "encoding": result.encoding,
            "legacy": getattr(result, "legacy_encoding", None),
            "columns": result.columns,
            "missing": [f for f in importer.required_fields() if f.key not in mapped],
        }


def _override(job) -> dict[int, str | None] | None:
    if not job.mapping:
        return None
    return {int(index): key for index, key in job.mapping.items()}


def set_mapping(job, importer, mapping: dict[int, str | None], *, remember: bool) -> list[str]:
    """Keep the columns the user chose; returns the labels of required fields left unmapped."""
    fields = {f.key: f for f in importer.fields()}
    chosen = {index: key for index, key in mapping.items() if key in fields}
    job.mapping = {str(index): key for index, key in chosen.items()}
    job.save(update_fields=["mapping"])
    if remember:
        with _open(job) as book:
            _sheet, result = _read(job, importer, book, override=chosen)
            headers = {fold(column.header): column.field for column in result.columns if column.header}
        SavedMapping.objects.update_or_create(
            user=job.user, target=importer.key, defaults={"columns": headers}
        )
    return [str(f.label) for f in importer.required_fields() if f.key not in chosen.values()]


def _session(job, importer, result):
    """A session for the job's rows; messages name each column as the file heads it."""
    headers = {column.field: column.header for column in result.columns if column.field and column.header}
    return importer.session(job.user, job.choices, {**job.options, "headers": headers})


# --- 2. Checking -----------------------------------------------------------------------------


def check(job, importer, *, beat=True) -> dict:
    """Check every row without writing; the summary (also kept on the job)."""
    counts = Counter()
    problems, notes, note_count = [], [], 0
    refused_rows = []
    with _open(job) as book:
        _sheet, result = _read(job, importer, book, override=_override(job))
        session = _session(job, importer, result)
        headers = {column.index: column.header for column in result.columns}
        missing = [str(f.label) for f in importer.required_fields() if f.key not in result.mapping.values()]
        if missing:
            raise Refused(
                gettext("Chưa chọn cột cho: %(fields)s. Hãy ghép các cột này ở bước chọn cột.")
                % {"fields": ", ".join(missing)}
            )
        total = result.estimated_rows or job.total_rows
        n = 0
        for batch in batches(result.rows(), importer.batch_size):
            for row, checked in zip(batch, session.check_batch(batch), strict=True):
                counts[checked.action if checked.ok else "refused"] += 1
                if not checked.ok:
                    refused_rows.append((row.raw, checked.problems))
                    problems.extend(
                        {"row": row.number, "column": p.column, "value": p.value, "message": p.message}
                        for p in checked.problems[: max(0, SHOWN - len(problems))]
                    )
                note_count += len(checked.notes)
                notes.extend(
                    {
                        "row": row.number,
                        "kind": note.kind,
                        "message": note.message,
                        "url": note.url,
                        "options": note.options,
                    }
                    for note in checked.notes[: max(0, SHOWN - len(notes))]
                )
            n += len(batch)
            _check_size(n)
            if beat:
                if job.cancelled():
                    raise Cancelled
                job.beat(rows_read=n, rows_checked=n, total_rows=max(total, n))
        skipped = {str(SKIP_REASONS.get(reason, reason)): count for reason, count in result.skipped.items()}
        header_row = [headers.get(i, "") for i in range(max(headers, default=-1) + 1)]
    summary = {
        "created": counts[CREATE],
        "updated": counts[UPDATE],
        "unchanged": counts[UNCHANGED],
        "refused": counts["refused"],
        "skipped": skipped,
        "rows": sum(counts.values()),
        "notes": note_count,
    }
    job.problems = problems
    job.summary = summary
    job.options = {**job.options, "notes": notes}
    if refused_rows:
        _save_error_file(job, header_row, refused_rows)
    elif job.errors_file:
        job.errors_file.delete(save=False)
    return summary


def _save_error_file(job, header_row, refused_rows) -> None:
    """The refused rows as they were, with a "Lỗi" column: fix them in Excel, upload again."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(gettext("Dòng bị từ chối"))
    sheet.append([neutralise(text) for text in header_row] + [ERROR_COLUMN])
    for raw, problems in refused_rows:
        reasons = "; ".join(f"{p.column}: {p.message}" if p.column else p.message for p in problems)
        cells = [neutralise(value) for value in raw[: len(header_row)]]
        cells += [None] * (len(header_row) - len(cells))
        sheet.append([*cells, reasons])
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        book.save(path)
        with open(path, "rb") as saved:
            job.errors_file.save("dong-bi-tu-choi.xlsx", File(saved), save=False)
    finally:
        os.unlink(path)


def _attempt(job, step):
    """Run a step of the job; a stop or a refusal ends the job (returns None) with its reason."""
    try:
        return step()
    except Cancelled:
        job.finish(Job.State.CANCELLED, gettext("Đã hủy theo yêu cầu; không có dòng nào được ghi."))
        discard_files(job)
    except Refused as refusal:
        job.finish(Job.State.FAILED, str(refusal))
    return None


def run_check(job) -> None:
    """The check step of a job, as its task runs it: progress, then the preview or the reason."""
    from core.registry import importers

    importer = importers.get(job.target)
    job.beat(state=Job.State.CHECKING, rows_read=0, rows_checked=0, rows_written=0)
    if _attempt(job, lambda: check(job, importer)) is None:
        return
    job.state = Job.State.CHECKED
    job.rows_checked = job.rows_read = job.summary["rows"]
    job.total_rows = max(job.total_rows, job.summary["rows"])
    job.save()


# --- 3. Writing ------------------------------------------------------------------------------


def write(job, importer, *, beat=True) -> dict:
    """Check every row again and write them all in one transaction, or nothing."""
    written = Counter()
    with transaction.atomic(), _open(job) as book:
        _sheet, result = _read(job, importer, book, override=_override(job))
        session = _session(job, importer, result)
        n = 0
        for batch in batches(result.rows(), importer.batch_size):
            checked = session.check_batch(batch)
            refused = [row for row in checked if not row.ok]
            if refused:
                first = refused[0]
                raise Refused(
                    gettext(
                        "Dòng %(row)d không còn hợp lệ (%(reason)s): dữ liệu đã thay đổi từ lúc kiểm tra. "
                        "Không có dòng nào được ghi; hãy kiểm tra lại tệp."
                    )
                    % {"row": first.number, "reason": first.problems[0].message}
                )
            written.update(session.write([row for row in checked if row.action != UNCHANGED]))
            written["unchanged"] += sum(row.action == UNCHANGED for row in checked)
            n += len(batch)
            if beat:
                if job.cancelled():
                    raise Cancelled
                job.beat(rows_written=n)
        # Bulk writes send no signals: the public pages are retired here, after the commit.
        bump_after_commit()
    return {
        "created": written["created"],
        "updated": written["updated"],
        "unchanged": written["unchanged"],
        "rows": n,
    }


def run_write(job) -> None:
    from core.registry import importers

    importer = importers.get(job.target)
    if job.summary.get("refused"):
        job.finish(Job.State.FAILED, gettext("Tệp còn dòng bị từ chối: hãy sửa rồi tải lên lại."))
        return
    job.beat(state=Job.State.WRITING, rows_written=0)
    try:
        result = _attempt(job, lambda: write(job, importer))
    finally:
        close_side_connection()
    if result is None:
        return
    job.finish(
        Job.State.DONE,
        gettext("Đã nhập xong: %(created)d mục mới, %(updated)d mục cập nhật, %(unchanged)d mục không đổi.")
        % result,
        summary={**job.summary, "written": result},
        rows_written=result["rows"],
    )
    job.file.delete(save=True)  # the data is in the directory now; the upload is not kept


def discard_files(job) -> None:
    """A cancelled job keeps none of the staff member's data."""
    job.file.delete(save=False)
    job.errors_file.delete(save=False)
    job.save(update_fields=["file", "errors_file"])


def file_limits_message(upload) -> str | None:
    limit = settings.IMPORT_MAX_FILE_MB * 1024 * 1024
    if upload.size > limit:
        from django.template.defaultfilters import filesizeformat

        return gettext("Tệp nặng %(size)s, vượt giới hạn %(limit)s của một lần nhập.") % {
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(limit),
        }
    return None
