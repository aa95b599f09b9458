from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """SQL queries of one cold render of `url`: page cache off and every other cache emptied,
    so cards, counts and menus kept per content version are all computed again."""
    from django.core.cache import caches

    with override_settings(PUBLIC_CACHE_SECONDS=0):
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def card_names(cards) -> list[str]:
    """The names shown on rendered cards (shop, producer or product), in order."""
    import html
    import re

    titles = [re.search(r'class="card-title"><a [^>]*>([^<]+)</a>', str(card)).group(1) for card in cards]
    return [html.unescape(title) for title in titles]


def h1_count(response) -> int:
    return response.content.decode().count("<h1")


def staff_user(role: str, *districts, username: str = "canbo"):
    """A staff account in one of the roles (groups from setup_roles), assigned to `districts`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from camnang.roles import setup_roles

    setup_roles()
    user = get_user_model().objects.create_user(username, password="mat-khau-thu-nghiem-2024", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    user.districts.set(districts)
    return user


def xlsx_upload(headers, rows, name="danh-sach.xlsx"):
    """An .xlsx file as a browser would upload it, written with openpyxl."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def upload_sheet(client, target: str, upload):
    """Upload a file on the staff import page; returns the job it started, or the response
    that refused it (status 200, the form with its error)."""
    from django.urls import reverse

    from core.jobs import Job

    before = set(Job.objects.values_list("pk", flat=True))
    response = client.post(reverse("admin:import_start", kwargs={"target": target}), {"file": upload})
    if response.status_code != 302:
        return response
    return Job.objects.exclude(pk__in=before).get()


def check_sheet(client, job, *, mapping: dict | None = None, defaults: dict | None = None, remember=False):
    """Confirm the proposed column mapping (changed by `mapping`: column index -> field key)
    and run the check; returns the job as the check left it."""
    from django.urls import reverse

    chosen = {int(index): key for index, key in job.mapping.items()}
    chosen.update(mapping or {})
    data = {"action": "map", **{f"col-{index}": key or "" for index, key in chosen.items()}}
    data.update({f"default-{key}": value for key, value in (defaults or {}).items()})
    if remember:
        data["remember"] = "1"
    client.post(reverse("admin:import_job", kwargs={"pk": job.pk}), data)
    job.refresh_from_db()
    return job


def confirm_sheet(client, job, *, choices: dict | None = None):
    """Confirm a checked job (with units chosen for divided communes); returns the job."""
    from django.urls import reverse

    data = {"action": "confirm", **{f"choose-{row}": value for row, value in (choices or {}).items()}}
    client.post(reverse("admin:import_job", kwargs={"pk": job.pk}), data)
    job.refresh_from_db()
    return job


def import_sheet(client, target: str, upload, **check):
    """Upload, check and (when nothing is refused) confirm a file; returns the job."""
    job = upload_sheet(client, target, upload)
    assert not hasattr(job, "status_code"), job.context["form"].errors
    job = check_sheet(client, job, **check)
    if job.state == job.State.CHECKED and not job.summary["refused"]:
        job = confirm_sheet(client, job)
    return job


class WsgiResponse:
    def __init__(self, status: str, headers, body: bytes):
        self.status_code = int(status.split()[0])
        self.headers = {k.lower(): v for k, v in headers}
        self.content = body

    def __getitem__(self, name):
        return self.headers[name.lower()]

    def __contains__(self, name):
        return name.lower() in self.headers


def wsgi_get(
    path: str,
    *,
    headers: dict | None = None,
    method: str = "GET",
    host: str = "testserver",
    remote_addr: str = "127.0.0.1",
    port: str = "80",
):
    """A request through the whole WSGI application, page cache included, as gunicorn makes it."""
    import io
    import sys
    from urllib.parse import unquote

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from camnang.wsgi import application

    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": unquote(path_info),
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "REMOTE_ADDR": remote_addr,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=response_headers)

    # As Django's test client does: the test's database connection (and its transaction)
    # must survive the request's start and end signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return WsgiResponse(started["status"], started["headers"], body)
