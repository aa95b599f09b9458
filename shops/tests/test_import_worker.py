"""Imports through the real task backend: the database queue and `manage.py db_worker`.

The other import tests run tasks at once, inside the request (the immediate backend); these
switch the database backend on, as `make run` and production have it, and let the worker
take the tasks from the queue. The SIGKILL test kills a worker in the middle of writing.
"""

import io
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from camnang.tests.utils import check_sheet, confirm_sheet, upload_sheet, xlsx_upload
from core.jobs import Job
from shops.models import Shop
from shops.tests.test_importing import HEADERS, shop_row

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def run_worker() -> None:
    """A worker takes every waiting task, runs it, and stops."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=io.StringIO())


def big_file(rows: int):
    districts = ["Hà Trung", "Nga Sơn", "Huyện Thọ Xuân", "tp thanh hoa"]
    return xlsx_upload(HEADERS, [shop_row(n, district=districts[n % 4]) for n in range(1, rows + 1)])


@pytest.mark.django_db(transaction=True)
def test_5000_rows_go_through_the_queue_and_the_worker(queue, staff, districts):
    from django_tasks_db.models import DBTaskResult

    job = check_sheet(staff, upload_sheet(staff, "cua-hang", big_file(5000)))
    assert job.state == Job.State.CHECKING  # queued: nothing runs in the request
    assert DBTaskResult.objects.ready().count() == 1
    page = staff.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page

    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.CHECKED, job.message
    assert (job.summary["created"], job.summary["refused"], job.rows_checked) == (5000, 0, 5000)
    assert not Shop.objects.exists()

    job = confirm_sheet(staff, job)
    assert job.state == Job.State.WRITING
    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.message
    assert job.rows_written == 5000 and Shop.objects.count() == 5000
    assert DBTaskResult.objects.successful().count() == 2
    status = staff.get(reverse("admin:import_status", kwargs={"pk": job.pk})).json()
    assert status == {**status, "state": "done", "percent": 100, "written": 5000, "finished": True}


@pytest.mark.django_db(transaction=True)
def test_a_task_that_fails_unexpectedly_marks_its_job_failed(queue, staff, districts, monkeypatch):
    from core.imports import pipeline

    job = check_sheet(staff, upload_sheet(staff, "cua-hang", big_file(3)))

    def broken(job):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "run_check", broken)
    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message.startswith("Có lỗi ngoài dự kiến") and "disk full" not in job.message


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_a_stuck_queue_and_silent_jobs(queue, staff, client, districts):
    assert client.get("/healthz/").json() == {
        "status": "ok",
        "database": "ok",
        "queue": {"waiting": 0, "oldest_waiting_seconds": 0, "silent_jobs": 0, "stuck": False},
    }
    job = check_sheet(staff, upload_sheet(staff, "cua-hang", big_file(3)))
    fresh = client.get("/healthz/").json()
    assert fresh["status"] == "ok" and fresh["queue"]["waiting"] == 1

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    response = client.get("/healthz/")
    assert response.status_code == 200  # the site still serves; the queue needs a worker
    assert response.json()["status"] == "degraded"
    assert response.json()["queue"]["stuck"] and response.json()["queue"]["oldest_waiting_seconds"] >= 600

    DBTaskResult.objects.all().delete()
    Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now() - timedelta(hours=1))
    assert client.get("/healthz/").json()["queue"]["silent_jobs"] == 1


@pytest.mark.django_db
def test_a_job_whose_worker_went_silent_is_failed_and_can_run_again(staff, districts):
    job = check_sheet(staff, upload_sheet(staff, "cua-hang", big_file(3)))
    assert job.state == Job.State.CHECKED
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.WRITING, heartbeat=timezone.now() - timedelta(hours=2)
    )
    page = staff.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "bị dừng giữa chừng; không có dữ liệu nào được ghi" in page and 'value="recheck"' in page
    staff.post(reverse("admin:import_job", kwargs={"pk": job.pk}), {"action": "recheck"})
    job = confirm_sheet(staff, Job.objects.get(pk=job.pk))
    assert job.state == Job.State.DONE and Shop.objects.count() == 3


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a worker process shares the test database (run with DATABASE_URL)",
)
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_writing_writes_nothing_and_the_job_runs_again(
    queue, staff, districts, settings
):
    settings.JOB_HEARTBEAT_TIMEOUT = 2
    db = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
            db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
        ),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }

    def worker():
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=open("/tmp/worker.log", "a"),
            stderr=subprocess.STDOUT,
        )

    def wait(job, done, seconds=180):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if done(job):
                return job
            time.sleep(0.05)
        raise AssertionError(
            f"job still {job.state} ({job.rows_checked} checked, {job.rows_written} written): "
            f"{job.message} {job.summary}"
        )

    rows = 6000
    process = worker()
    try:
        job = check_sheet(staff, upload_sheet(staff, "cua-hang", big_file(rows)))
        wait(job, lambda j: j.state == Job.State.CHECKED)
        confirm_sheet(staff, job)
        # Progress is seen from outside the worker's transaction: kill it once a batch is in.
        wait(job, lambda j: j.state == Job.State.WRITING and j.rows_written >= 1000)
        assert job.rows_written < rows
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()

    assert not Shop.objects.exists()  # the rows it had written were never committed
    assert Shop.history.count() == 0
    time.sleep(settings.JOB_HEARTBEAT_TIMEOUT + 1)
    page = staff.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "không có dữ liệu nào được ghi" in page

    # Run again, with a new worker: checked, confirmed and written in full.
    staff.post(reverse("admin:import_job", kwargs={"pk": job.pk}), {"action": "recheck"})
    process = worker()
    try:
        wait(job, lambda j: j.state == Job.State.CHECKED)
        confirm_sheet(staff, job)
        wait(job, lambda j: j.state == Job.State.DONE)
    finally:
        process.kill()
    assert Shop.objects.count() == rows
