"""The background tasks of imports and exports (Django's Tasks API, django-tasks backport).

A task receives the job's id only; everything else is read from the job row, so a task
enqueued twice or run after a restart does the same thing. A task that fails for an
unexpected reason marks its job failed with a plain message (the details go to the log)
instead of leaving it "running" for ever.
"""

import logging

from django.utils.translation import gettext, override
from django_tasks import task

from core.jobs import Job

from . import pipeline

logger = logging.getLogger("camnang.imports")


def _run(job_id: str, step) -> None:
    job = Job.objects.filter(pk=job_id).select_related("user").first()
    if job is None or job.is_finished:
        return  # deleted, cancelled before it started, or already done
    with override("vi"):
        try:
            step(job)
        except Exception:
            logger.exception("Job %s failed", job_id)
            job.finish(
                Job.State.FAILED,
                gettext(
                    "Có lỗi ngoài dự kiến khi xử lý tệp; không có dữ liệu nào được ghi. Hãy thử lại sau."
                ),
            )


@task()
def check_import(job_id: str) -> None:
    _run(job_id, pipeline.run_check)


@task()
def write_import(job_id: str) -> None:
    _run(job_id, pipeline.run_write)


@task()
def export_list(job_id: str) -> None:
    from . import exports

    _run(job_id, exports.run_export)
