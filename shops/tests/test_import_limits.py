"""The import's confirmation step and its limits: only one's own checked file, never a huge one."""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from camnang.roles import PROVINCIAL_EDITORS
from camnang.tests.utils import admin_confirm_import, admin_import, staff_user, xlsx_upload
from producers.models import Producer
from shops.models import Shop
from shops.tests.test_import_export import HEADERS, shop_row

pytestmark = pytest.mark.django_db

CONFIRM = reverse("admin:shops_shop_process_import")
IMPORT = reverse("admin:shops_shop_import")
REFUSED = "Không tìm thấy tệp đã kiểm tra để nhập"


@pytest.fixture
def editors(client, districts):
    """Two provincial editors, each logged in with a client of their own."""
    from django.test import Client

    first = client
    first.force_login(staff_user(PROVINCIAL_EDITORS, username="bientap1"))
    second = Client()
    second.force_login(staff_user(PROVINCIAL_EDITORS, username="bientap2"))
    return first, second


def checked(client, rows=None):
    """A dry run that passed; returns (response, confirm data)."""
    response = admin_import(client, "shops_shop", xlsx_upload(HEADERS, rows or [shop_row(1), shop_row(2)]))
    form = response.context["confirm_form"]
    return response, {key: form.initial[key] for key in form.initial}


def assert_refused(response, client):
    assert response.status_code == 302 and response["Location"] == IMPORT
    page = client.get(IMPORT)
    assert REFUSED in page.content.decode()


def test_checked_file_waits_under_a_random_name_in_its_own_folder(editors, settings):
    first, _second = editors
    _response, data = checked(first)
    name = data["import_file_name"]
    assert len(name) == 64 and int(name, 16) >= 0
    assert [p.name for p in Path(settings.IMPORT_UPLOAD_DIR).iterdir()] == [name]
    assert not (Path(tempfile.gettempdir()) / name).exists()
    assert admin_confirm_import(first, "shops_shop", _response).status_code == 302
    assert Shop.objects.count() == 2
    assert list(Path(settings.IMPORT_UPLOAD_DIR).iterdir()) == []


def test_another_users_checked_file_cannot_be_confirmed(editors):
    first, second = editors
    response, data = checked(first)
    assert_refused(second.post(CONFIRM, data), second)
    assert not Shop.objects.exists()
    # The uploader still can, once.
    assert admin_confirm_import(first, "shops_shop", response).status_code == 302
    assert Shop.objects.count() == 2
    assert_refused(first.post(CONFIRM, data), first)
    assert Shop.objects.count() == 2


@pytest.mark.parametrize(
    "name", ["", "x", "../../etc/passwd", "/etc/passwd", "A" * 64, "0" * 63, "0" * 64, "0" * 64 + "/"]
)
def test_a_wrong_or_missing_file_name_is_refused_with_a_message(editors, name):
    first, _second = editors
    _response, data = checked(first)
    response = first.post(CONFIRM, {**data, "import_file_name": name})
    assert_refused(response, first)
    assert not Shop.objects.exists()


def test_a_file_elsewhere_in_the_temporary_folder_is_neither_read_nor_deleted(editors):
    first, _second = editors
    _response, data = checked(first)
    content = "Tên cửa hàng,Loại hình,Quận, huyện\n"
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as other:
        other.write(content)
    try:
        name = os.path.basename(other.name)
        response = first.post(CONFIRM, {**data, "import_file_name": name, "format": "1"})
        assert_refused(response, first)
        assert Path(other.name).read_text() == content
    finally:
        os.unlink(other.name)
    assert not Shop.objects.exists()


def test_the_format_and_list_come_from_the_check_not_from_the_form(editors):
    first, _second = editors
    _response, data = checked(first)
    # The shop file cannot be confirmed on the producers' list.
    response = first.post(reverse("admin:producers_producer_process_import"), data)
    assert response.status_code == 302 and response["Location"] == reverse("admin:producers_producer_import")
    assert not Producer.objects.exists()
    # A tampered format is ignored: the .xlsx is read as .xlsx.
    assert first.post(CONFIRM, {**data, "format": "1"}).status_code == 302
    assert Shop.objects.count() == 2


def test_a_rejected_file_is_not_kept(editors, settings):
    first, _second = editors
    response = admin_import(first, "shops_shop", xlsx_upload(HEADERS, [shop_row(1, district="Không Có")]))
    assert response.context["rejected"] and "confirm_form" not in response.context
    assert list(Path(settings.IMPORT_UPLOAD_DIR).iterdir()) == []


# --- Limits --------------------------------------------------------------------------


def csv_upload(rows: int, blank_lines: int = 0) -> SimpleUploadedFile:
    def line(cells):
        return ",".join(f'"{cell}"' for cell in cells)

    lines = [line(HEADERS)] + [line(shop_row(n)) for n in range(1, rows + 1)] + [",,,"] * blank_lines
    return SimpleUploadedFile("danh-sach.csv", ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_read(editors, settings):
    first, _second = editors
    assert settings.IMPORT_MAX_ROWS == 5000
    upload = csv_upload(50_000)
    with CaptureQueriesContext(connection) as queries:
        response = admin_import(first, "shops_shop", upload)
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert errors == [
        "Tệp có 50.000 dòng dữ liệu, vượt giới hạn 5.000 dòng của một lần nhập. "
        "Hãy chia thành nhiều tệp, mỗi tệp không quá 5.000 dòng."
    ]
    assert "confirm_form" not in response.context and "result" not in response.context
    assert len(queries) < 15  # the session and the user, no row looked up
    assert not list(Path(settings.IMPORT_UPLOAD_DIR).glob("*"))
    assert not Shop.objects.exists()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_row_limit_counts_data_rows_only(editors, settings, kind):
    first, _second = editors
    settings.IMPORT_MAX_ROWS = 10
    if kind == "csv":
        over, at_limit = csv_upload(11), csv_upload(10, blank_lines=40)
    else:
        over = xlsx_upload(HEADERS, [shop_row(n) for n in range(1, 12)])
        at_limit = styled_xlsx([shop_row(n) for n in range(1, 11)], formatted_blank_rows=40)
    response = admin_import(first, "shops_shop", over)
    [error] = response.context["form"].errors["import_file"]
    assert "Tệp có 11 dòng dữ liệu, vượt giới hạn 10 dòng" in error
    assert "Tệp có 11 dòng dữ liệu" in response.content.decode()
    response = admin_import(first, "shops_shop", at_limit)
    assert response.context["totals"]["new"] == 10  # formatted empty rows are not rows


def styled_xlsx(rows, formatted_blank_rows):
    import io

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    fill = PatternFill("solid", fgColor="FFFF00")
    for number in range(len(rows) + 2, len(rows) + 2 + formatted_blank_rows):
        sheet.cell(row=number, column=1).fill = fill
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("co-to-mau.xlsx", buffer.getvalue())


def test_a_file_over_the_size_limit_is_refused(editors, settings):
    first, _second = editors
    settings.IMPORT_MAX_FILE_MB = 1
    upload = SimpleUploadedFile("lon.csv", b"a,b\n" + b"x" * (1024 * 1024 + 1))
    response = admin_import(first, "shops_shop", upload)
    [error] = response.context["form"].errors["import_file"]
    assert "vượt giới hạn 1,0\xa0MB của một lần nhập" in error and "Hãy chia danh sách" in error
    assert "result" not in response.context and not Shop.objects.exists()


def test_a_confirmation_that_no_longer_passes_writes_nothing_and_says_so(client, districts):
    """The district editor lost Hà Trung between the check and the confirmation."""
    from camnang.roles import DISTRICT_EDITORS

    editor = staff_user(DISTRICT_EDITORS, districts["ha-trung"])
    client.force_login(editor)
    response, _data = checked(client)
    editor.districts.clear()
    response = admin_confirm_import(client, "shops_shop", response)
    assert response.status_code == 302 and response["Location"] == IMPORT
    html = client.get(IMPORT).content.decode()
    assert "Không nhập được: dữ liệu đã thay đổi từ lúc kiểm tra tệp" in html
    assert "Đã nhập xong" not in html
    assert not Shop.objects.exists()
