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


def admin_import(client, app_model: str, upload):
    """Upload a file to an admin import page (the dry run); returns the response."""
    from django.urls import reverse

    return client.post(
        reverse(f"admin:{app_model}_import"), {"import_file": upload, "format": "", "resource": "0"}
    )


def admin_confirm_import(client, app_model: str, dry_run_response):
    from django.urls import reverse

    form = dry_run_response.context["confirm_form"]
    return client.post(
        reverse(f"admin:{app_model}_process_import"), {k: form.initial[k] for k in form.initial}
    )


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
