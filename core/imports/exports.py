"""Exports of a list as the staff member filtered it, in the columns its import reads.

An exported file imports back unchanged (the same columns, a "Mã" per record); text that a
spreadsheet would run as a formula is written quoted (core.spreadsheet_safety). A small
list downloads at once; a larger one (settings.EXPORT_INLINE_ROWS) is written by a worker
into private storage, with a progress bar, and downloaded from the job's page.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile

from django.core.files import File
from django.utils.translation import gettext

from core.jobs import Job
from core.spreadsheet_safety import neutralise

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}
BEAT_ROWS = 1000


def headers(importer) -> list[str]:
    return [str(field.label) for field in importer.fields()]


def write_xlsx(out, title: str, header: list[str], rows, *, progress=None) -> int:
    """Write a sheet named `title`: `header`, then `rows` (cells neutralised). Returns the row count."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(title)[:31])
    sheet.append([neutralise(cell) for cell in header])
    count = 0
    for count, cells in enumerate(rows, start=1):
        sheet.append([neutralise(cell) for cell in cells])
        if progress and count % BEAT_ROWS == 0:
            progress(count)
    book.save(out)
    return count


def write_csv(out, title: str, header: list[str], rows, *, progress=None) -> int:
    """Write `header`, then `rows` (cells neutralised) as CSV; `title` is unused. Returns the row count."""
    # UTF-8 with a byte-order mark: Excel then opens the accents correctly.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    count = 0
    for count, cells in enumerate(rows, start=1):
        writer.writerow(["" if cell is None else neutralise(cell) for cell in cells])
        if progress and count % BEAT_ROWS == 0:
            progress(count)
    text.detach()
    return count


WRITERS = {"xlsx": write_xlsx, "csv": write_csv}


def file_name(importer, extension: str) -> str:
    return _file_name(str(importer.title), extension)


def _file_name(title: str, extension: str) -> str:
    from django.utils.text import slugify

    from core.text import fold

    return f"{slugify(fold(title))}.{extension}"


def export_bytes(importer, queryset, extension: str) -> bytes:
    return table_bytes(str(importer.title), headers(importer), importer.export_rows(queryset), extension)


def table_bytes(title: str, header: list[str], rows, extension: str) -> bytes:
    """A table (a header row, then rows) as an .xlsx or .csv file, cells neutralised."""
    out = io.BytesIO()
    WRITERS[extension](out, title, header, rows)
    return out.getvalue()


def table_response(title: str, header: list[str], rows, extension: str):
    """A download of the table as `extension` (xlsx or csv), named after `title`."""
    from django.http import HttpResponse

    response = HttpResponse(table_bytes(title, header, rows, extension), content_type=FORMATS[extension])
    response["Content-Disposition"] = f'attachment; filename="{_file_name(title, extension)}"'
    return response


def start(*, user, importer, pks: list[int], extension: str, total: int) -> Job:
    """A job that writes the export in a worker (the records are fixed now, by their pks)."""
    return Job.objects.create(
        user=user,
        kind=Job.Kind.EXPORT,
        target=importer.key,
        state=Job.State.WRITING,
        original_name=file_name(importer, extension),
        options={"pks": pks, "format": extension},
        total_rows=total,
    )


def run_export(job) -> None:
    """The export task: the records the user chose, still in the user's scope, to a file."""
    from core.registry import importers

    importer = importers.get(job.target)
    extension = job.options.get("format", "xlsx")
    queryset = importer.model._default_manager.for_user(job.user).filter(pk__in=job.options.get("pks", []))
    job.beat(state=Job.State.WRITING, rows_written=0)
    handle, path = tempfile.mkstemp(suffix=f".{extension}")
    os.close(handle)
    try:
        with open(path, "wb") as out:
            count = WRITERS[extension](
                out,
                str(importer.title),
                headers(importer),
                importer.export_rows(queryset),
                progress=lambda n: job.beat(rows_written=n),
            )
        with open(path, "rb") as saved:
            job.file.save(job.original_name, File(saved), save=False)
    finally:
        os.unlink(path)
    job.finish(
        Job.State.DONE,
        gettext("Đã xuất %(count)d dòng.") % {"count": count},
        rows_written=count,
        total_rows=count,
    )
