"""`manage.py import_sheet`: the staff import, from the command line, as a given user."""

import io

import pytest
from django.core.management import CommandError, call_command

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import staff_user
from core.jobs import Job
from core.tests.sheetfiles import EXAMPLE, xlsx
from producers.models import Producer
from shops.models import Shop
from shops.tests.test_importing import HEADERS, shop_row

pytestmark = pytest.mark.django_db


def write_xlsx(path, rows, title="DS"):
    path.write_bytes(xlsx((title, rows)))
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_sheet", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def editor(districts):
    return staff_user(DISTRICT_EDITORS, districts["ha-trung"], username="canbo-hatrung")


def test_a_dry_run_says_what_would_happen_and_writes_nothing(tmp_path, editor):
    path = write_xlsx(tmp_path / "ds.xlsx", EXAMPLE)
    code, out, err = run(path, "--user", editor.username, "--dry-run")
    assert code == 0, err
    assert "Mới: 3 · Cập nhật: 0 · Không đổi: 0 · Bị từ chối: 0" in out
    assert "Bỏ qua" in out and "Dòng tổng cộng" in out
    assert "Chạy thử" in out
    assert not Shop.objects.exists()


def test_the_import_writes_and_a_second_run_changes_nothing(tmp_path, editor):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *[shop_row(n) for n in range(1, 11)]])
    code, out, _err = run(path, "--user", editor.username)
    assert code == 0 and "Đã nhập xong: 10 mục mới" in out
    assert Shop.objects.count() == 10
    assert Shop.history.first().history_user == editor
    code, out, _err = run(path, "--user", editor.username)
    assert code == 0 and "Không đổi: 10" in out
    # The jobs are the user's: they see them on their imports page.
    assert Job.objects.filter(user=editor, state=Job.State.DONE).count() == 2


def test_refused_rows_are_listed_with_row_column_and_reason_and_exit_1(tmp_path, editor):
    rows = [HEADERS, shop_row(1), shop_row(2, district="Nga Sơn"), shop_row(3, **{"Điện thoại": "abc"})]
    code, out, err = run(write_xlsx(tmp_path / "ds.xlsx", rows), "--user", editor.username)
    assert code == 1
    assert "Bị từ chối: 2" in out
    assert "Dòng 3 – Quận, huyện: Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách" in err
    assert "Dòng 4 – Điện thoại: Số điện thoại không hợp lệ" in err and "(“abc”)" in err
    assert not Shop.objects.exists()


def test_the_list_is_guessed_from_the_columns_or_named(tmp_path, admin_user, districts):
    rows = [["Tên cơ sở", "Loại hình", "Huyện", "Điện thoại", "Tên sản phẩm"],
            ["HTX Hà Lĩnh", "Hợp tác xã", "Hà Trung", "0912 345 678", "Gạo nếp"]]  # fmt: skip
    path = write_xlsx(tmp_path / "co-so.xlsx", rows)
    code, out, err = run(path, "--user", admin_user.username)
    assert code == 0, err
    assert Producer.objects.get().products.get().name == "Gạo nếp"
    code, out, err = run(path, "--user", admin_user.username, "--list", "cua-hang", "--dry-run")
    assert code == 0 and "nhập vào: Danh sách cửa hàng" in out  # named: read as a shop list


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "khong-ai"], "No active staff user"),
        (["--user", "canbo-hatrung", "--list", "khong-co"], "No list"),
    ],
)
def test_bad_arguments_are_refused_plainly(tmp_path, editor, args, message):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, shop_row(1)])
    with pytest.raises(CommandError, match=message):
        call_command("import_sheet", str(path), *args, stdout=io.StringIO())


def test_a_file_that_cannot_be_read_exits_1_with_the_reason(tmp_path, editor):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"\x00\x01 not a spreadsheet at all")
    code, _out, err = run(path, "--user", editor.username, "--list", "cua-hang")
    assert code == 1 and err.strip() and "Traceback" not in err
    with pytest.raises(CommandError):  # the list guessed from a file that cannot be read
        call_command("import_sheet", str(path), "--user", editor.username, stdout=io.StringIO())
    assert not Job.objects.exists()
