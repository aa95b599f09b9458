"""Background jobs staff start and follow: spreadsheet imports and large exports.

A job is a row: who started it, what it works on, how far it has gone (rows read,
checked, written, of the total) and how it ended. The work itself runs as a task of
Django's Tasks API (django-tasks, database backend) in a worker process; the row is
what the staff member's progress page reads, and what survives a worker that dies:
a job whose worker stopped sending its heartbeat is marked failed and can be run
again. Files (the upload, the rejected rows, an export) live in private storage and
are served only to the job's owner and to administrators.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.private_files import private_storage


def job_file_path(job, filename: str) -> str:
    return f"jobs/{job.pk}/{filename}"


_side = {}


def _side_update(job, counters: dict) -> None:
    """UPDATE the job row through a second connection, committed at once."""
    side = _side.get("connection")
    if side is None:
        side = _side["connection"] = connections.create_connection(DEFAULT_DB_ALIAS)
    fields = [job._meta.get_field(name) for name in counters]
    assignments = ", ".join(f"{side.ops.quote_name(field.column)} = %s" for field in fields)
    values = [field.get_db_prep_value(counters[field.name], side) for field in fields]
    table = side.ops.quote_name(job._meta.db_table)
    with side.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} WHERE id = %s",
            [*values, job._meta.pk.get_db_prep_value(job.pk, side)],
        )


def close_side_connection() -> None:
    side = _side.pop("connection", None)
    if side is not None:
        side.close()


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is seen by whoever started it, and by administrators."""
        return self if user.is_superuser else self.filter(user=user)

    def running(self):
        return self.filter(state__in=Job.RUNNING)

    def stale(self):
        """Running jobs whose worker has stopped saying it is alive.

        On SQLite a worker writing an import cannot say so (the import holds the database's
        one write lock until it commits), so a writing job gets ten times longer there.
        """
        limit = timezone.now() - timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)
        if connection.vendor != "sqlite":
            return self.running().filter(heartbeat__lt=limit)
        writing_limit = timezone.now() - timedelta(seconds=10 * settings.JOB_HEARTBEAT_TIMEOUT)
        return self.filter(
            models.Q(state=Job.State.CHECKING, heartbeat__lt=limit)
            | models.Q(state=Job.State.WRITING, heartbeat__lt=writing_limit)
        )

    def reap_stale(self) -> int:
        """Mark the jobs of a dead worker failed (nothing they wrote was committed)."""
        stale = list(self.stale().values_list("pk", flat=True))
        if not stale:
            return 0  # a read only: nothing waits for a worker's write lock
        try:
            return self.filter(pk__in=stale, state__in=Job.RUNNING).update(
                state=Job.State.FAILED,
                message=str(
                    _("Tiến trình xử lý bị dừng giữa chừng; không có dữ liệu nào được ghi. Hãy chạy lại.")
                ),
                finished_at=timezone.now(),
            )
        except OperationalError:
            return 0  # SQLite busy: a worker is writing after all


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", _("Nhập dữ liệu")
        EXPORT = "export", _("Xuất dữ liệu")

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("Chờ chọn cột")
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        WRITING = "writing", _("Đang ghi")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Không thành công")
        CANCELLED = "cancelled", _("Đã hủy")

    RUNNING = (State.CHECKING, State.WRITING)
    FINISHED = (State.DONE, State.FAILED, State.CANCELLED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("người thực hiện"),
    )
    kind = models.CharField(_("loại việc"), max_length=10, choices=Kind.choices)
    target = models.CharField(_("danh sách"), max_length=60, help_text=_("Khóa của bộ nhập, xuất."))
    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, default=State.UPLOADED)
    file = models.FileField(_("tệp"), upload_to=job_file_path, storage=private_storage, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    sheet = models.CharField(_("trang tính"), max_length=255, blank=True)
    # Column index (as text) -> field key, as the staff member confirmed it.
    mapping = models.JSONField(_("ghép cột"), default=dict, blank=True)
    # Choices the staff member made in the preview: sheet row number (as text) -> value.
    choices = models.JSONField(default=dict, blank=True)
    options = models.JSONField(default=dict, blank=True)
    total_rows = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    rows_read = models.PositiveIntegerField(_("số dòng đã đọc"), default=0)
    rows_checked = models.PositiveIntegerField(_("số dòng đã kiểm tra"), default=0)
    rows_written = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)
    # The first problems found, for the preview page (the full list is in errors_file).
    problems = models.JSONField(default=list, blank=True)
    errors_file = models.FileField(upload_to=job_file_path, storage=private_storage, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    cancel_requested = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("việc nhập, xuất dữ liệu")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name or self.target} ({self.get_state_display()})"

    @property
    def importer(self):
        from core.registry import importers

        return importers.get(self.target)

    @property
    def is_running(self) -> bool:
        return self.state in self.RUNNING

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def percent(self) -> int:
        """How far the current step is, 0-100, for the progress bar."""
        if not self.total_rows:
            return 100 if self.is_finished else 0
        done = self.rows_written if self.state == self.State.WRITING else self.rows_checked
        return min(100, round(100 * done / self.total_rows))

    def beat(self, **counters) -> None:
        """Save progress and say the worker is alive (one UPDATE).

        While the worker writes the rows in one transaction, progress goes through a
        connection of its own, so the staff member's page sees it before the commit. On
        SQLite, whose one writer at a time is the import itself, it waits for the end.
        """
        counters["heartbeat"] = timezone.now()
        for name, value in counters.items():
            setattr(self, name, value)
        if not connection.in_atomic_block:
            type(self).objects.filter(pk=self.pk).update(**counters)
        elif connection.vendor != "sqlite":
            _side_update(self, counters)

    def cancelled(self) -> bool:
        """Whether the staff member asked to stop (read fresh from the database)."""
        return type(self).objects.filter(pk=self.pk, cancel_requested=True).exists()

    def finish(self, state, message: str = "", **fields) -> None:
        self.state, self.message, self.finished_at = state, message, timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        self.save()


class SavedMapping(models.Model):
    """How a staff member's files name their columns: reused for their next file."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=60)
    # Folded header text -> field key.
    columns = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "target"], name="one_mapping_per_list")]

    def __str__(self) -> str:
        return f"{self.user} – {self.target}"


def queue_report() -> dict:
    """What /healthz says of the background work: tasks waiting for a worker, the oldest
    one's wait, and jobs whose worker has gone silent. `stuck` when either is too much."""
    report = {"waiting": 0, "oldest_waiting_seconds": 0, "silent_jobs": Job.objects.stale().count()}
    if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        report["waiting"] = waiting.count()
        if oldest is not None:
            report["oldest_waiting_seconds"] = int((timezone.now() - oldest).total_seconds())
    report["stuck"] = bool(
        report["silent_jobs"] or report["oldest_waiting_seconds"] > settings.TASK_QUEUE_STUCK_SECONDS
    )
    return report
