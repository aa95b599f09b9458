from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """SQL queries of one render of `url`, in the steady state and bypassing the page cache.

    A first request warms what the process keeps between requests (the share image,
    the partners' referral map); the second one is measured.
    """
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


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
