"""Import a spreadsheet from the command line, exactly as the staff pages do.

    python manage.py import_sheet FILE --user USERNAME [--dry-run] [--sheet NAME] [--list KEY]

The file is read, checked and scoped as USERNAME (their places, their permissions, their
saved column choices), then written in one transaction; the summary is the one the staff
page shows. Exit status: 0 when the file was imported (or, with --dry-run, would be),
1 when it was refused. The job is kept, so the user sees it among their imports.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, override

from core.imports import pipeline
from core.jobs import Job
from core.registry import importers
from core.sheets import SheetError, open_sheet, read_sheet


class Command(BaseCommand):
    help = "Import a shop or producer spreadsheet (.xlsx or .csv) as a given staff user."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="The staff user the import runs as.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row; write nothing.")
        parser.add_argument(
            "--sheet", default="", help="The sheet to read (default: the one that looks like the list)."
        )
        parser.add_argument(
            "--list",
            dest="target",
            default="",
            help="The list to import into: "
            + ", ".join(key for key, _ in importers.items())
            + " (default: guessed).",
        )

    def handle(self, *args, file: Path, user: str, dry_run: bool, sheet: str, target: str, **options):
        with override("vi"):
            code = self.run(file, user, dry_run, sheet, target)
        if code:
            sys.exit(code)

    def run(self, path: Path, username: str, dry_run: bool, sheet: str, target: str) -> int:
        account = get_user_model().objects.filter(username=username, is_active=True, is_staff=True).first()
        if account is None:
            raise CommandError(f"No active staff user {username!r}.")
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        importer = self.importer(account, path, target, sheet)
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            too_large = pipeline.file_limits_message(upload)
            if too_large:
                return self.refuse(too_large)
            try:
                job = pipeline.start(user=account, importer=importer, upload=upload, sheet_name=sheet)
            except pipeline.Refused as refusal:
                return self.refuse(str(refusal))
        self.stdout.write(
            gettext("Tệp %(file)s, trang tính “%(sheet)s”, nhập vào: %(list)s.")
            % {"file": path.name, "sheet": job.sheet, "list": importer.title}
        )
        job.state = Job.State.CHECKING
        job.save()
        pipeline.run_check(job)
        job.refresh_from_db()
        if job.state != Job.State.CHECKED:
            return self.refuse(job.message)
        self.summary(job)
        if job.summary.get("refused"):
            self.problems(job)
            job.finish(Job.State.FAILED, gettext("Tệp còn dòng bị từ chối: hãy sửa rồi tải lên lại."))
            return 1
        if dry_run:
            job.finish(Job.State.CANCELLED, gettext("Chạy thử: không ghi gì."))
            self.stdout.write(gettext("Chạy thử: tệp nhập được; chưa ghi gì."))
            return 0
        pipeline.run_write(job)
        job.refresh_from_db()
        if job.state != Job.State.DONE:
            return self.refuse(job.message)
        self.stdout.write(self.style.SUCCESS(job.message))
        return 0

    def importer(self, account, path: Path, target: str, sheet: str):
        """The list named by --list, else the one whose fields the file's columns match best."""
        allowed = [importer for importer in importers.values() if importer.may_import(account)]
        if target:
            importer = importers.get(target)
            if importer is None:
                raise CommandError(
                    f"No list {target!r}; lists: {', '.join(k for k, _ in importers.items())}."
                )
            if importer not in allowed:
                raise CommandError(f"{account.username} may not import into {target!r}.")
            return importer
        if not allowed:
            raise CommandError(f"{account.username} may not import any list.")
        scores = []
        try:
            with path.open("rb") as handle, open_sheet(handle, path.name) as book:
                for importer in allowed:
                    fields = importer.fields()
                    chosen = book.sheet(sheet) if sheet else book.default_sheet(fields)
                    mapped = set(read_sheet(chosen, fields).mapping.values()) - {None}
                    complete = all(f.key in mapped for f in importer.required_fields())
                    scores.append((complete, len(mapped), importer))
        except SheetError as error:
            raise CommandError(error.message) from None
        scores.sort(key=lambda score: score[:2], reverse=True)
        if len(scores) > 1 and scores[0][:2] == scores[1][:2]:
            raise CommandError("The file could be either list; say which with --list.")
        return scores[0][2]

    def refuse(self, message: str) -> int:
        self.stderr.write(self.style.ERROR(message))
        return 1

    def summary(self, job) -> None:
        summary = job.summary
        self.stdout.write(
            gettext(
                "Mới: %(created)d · Cập nhật: %(updated)d · Không đổi: %(unchanged)d · "
                "Bị từ chối: %(refused)d"
            )
            % summary
        )
        for reason, count in summary.get("skipped", {}).items():
            self.stdout.write(
                gettext("Bỏ qua %(count)d dòng: %(reason)s") % {"count": count, "reason": reason}
            )
        for note in job.options.get("notes", []):
            self.stdout.write(gettext("Dòng %(row)s: %(message)s") % note)

    def problems(self, job) -> None:
        for problem in job.problems:
            column = f"{problem['column']}: " if problem["column"] else ""
            value = f" (“{problem['value']}”)" if problem["value"] else ""
            self.stderr.write(f"{gettext('Dòng')} {problem['row']} – {column}{problem['message']}{value}")
        if job.summary.get("refused", 0) > len(job.problems):
            self.stderr.write(gettext("… và các dòng khác: xem tệp lỗi trên trang nhập dữ liệu."))
