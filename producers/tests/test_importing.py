"""Producers and their products as one sheet (one row per product), through the staff pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import check_sheet, import_sheet, staff_user, upload_sheet, xlsx_upload
from core.jobs import Job
from core.tests.sheetfiles import xlsx
from producers.models import Producer, Product

pytestmark = pytest.mark.django_db

HEADERS = [
    "Tên cơ sở", "Loại hình", "Quận, huyện", "Địa chỉ", "Điện thoại", "Tên sản phẩm", "Nhóm hàng",
    "Hạng OCOP", "Tháng thu hoạch", "Giá tham khảo (đồng)", "Trạng thái cơ sở",
]  # fmt: skip
ROWS = [
    ["HTX Nông nghiệp Hà Lĩnh", "Hợp tác xã", "Huyện Hà Trung", "Thôn 2", "0912234567",
     "Gạo nếp cái hoa vàng", "Gạo, lương thực", "OCOP 4 sao", "10, 11", "35.000", "Đã công bố"],
    ["HTX Nông nghiệp Hà Lĩnh", "", "ha trung", "Thôn 2", "",
     "Mật ong rừng", "duoc lieu, mat ong", "", "3; 4", "", ""],
    ["Hộ ông Lê Văn Hùng", "Hộ sản xuất nông nghiệp", "Hà Trung", "", "0917654321", "", "", "", "", "", ""],
]  # fmt: skip


@pytest.fixture
def editor(client, districts):
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    return client


def test_producers_with_their_products_import_and_reimport_without_duplicates(editor):
    job = import_sheet(editor, "co-so-san-xuat", xlsx_upload(HEADERS, ROWS))
    assert job.state == Job.State.DONE, (job.message, job.problems)
    assert (job.summary["created"], job.summary["refused"]) == (3, 0)
    cooperative = Producer.objects.get(name="HTX Nông nghiệp Hà Lĩnh")
    assert cooperative.status == "published"  # from its first row; later rows may leave it blank
    assert cooperative.phone == "+84912234567"
    assert sorted(cooperative.products.values_list("name", flat=True)) == [
        "Gạo nếp cái hoa vàng",
        "Mật ong rừng",
    ]
    rice = Product.objects.get(name="Gạo nếp cái hoa vàng")
    assert (rice.ocop_stars, rice.harvest_months, rice.price) == (4, [10, 11], 35000)
    assert rice.category.name == "Gạo, lương thực"
    assert "mat ong rung" in cooperative.search_text
    assert Producer.objects.get(name="Hộ ông Lê Văn Hùng").products.count() == 0

    again = import_sheet(editor, "co-so-san-xuat", xlsx_upload(HEADERS, ROWS))
    assert (again.summary["unchanged"], again.summary["created"], again.summary["updated"]) == (3, 0, 0)
    assert Product.objects.count() == 2 and Producer.objects.count() == 2


def test_a_producer_merged_over_its_product_rows_takes_them_all(editor):
    """Excel files often merge the producer's cells over its products: the cells below are empty."""
    header = ["STT", "Tên chủ thể", "Huyện", "SĐT", "Sản phẩm", "Hạng OCOP"]
    rows = [
        header,
        [1, "HTX Dược liệu Hà Tiến", "Hà Trung", "0912 111 222", "Chè vằng", "3 sao"],
        [None, None, None, None, "Cao chè vằng", "4"],
        [2, "Hộ bà Mai", "Hà Trung", "0912 333 444", "Nem chua", ""],
    ]
    job = import_sheet(
        editor,
        "co-so-san-xuat",
        SimpleUploadedFile("ocop.xlsx", xlsx(("OCOP", rows, ["B2:B3", "C2:C3", "D2:D3"]))),
    )
    assert job.state == Job.State.DONE, (job.message, job.problems)
    herbal = Producer.objects.get(name="HTX Dược liệu Hà Tiến")
    assert sorted(herbal.products.values_list("name", "ocop_stars")) == [("Cao chè vằng", 4), ("Chè vằng", 3)]
    assert Producer.objects.get(name="Hộ bà Mai").products.get().name == "Nem chua"


def test_the_export_reimports_to_the_same_producers_and_products(editor):
    import_sheet(editor, "co-so-san-xuat", xlsx_upload(HEADERS, ROWS))
    exported = editor.post(reverse("admin:producers_producer_export"), {"format": "xlsx"})
    job = import_sheet(editor, "co-so-san-xuat", SimpleUploadedFile("co-so.xlsx", exported.content))
    assert job.state == Job.State.DONE, job.problems
    assert (job.summary["rows"], job.summary["unchanged"]) == (3, 3)


def test_bad_product_rows_are_refused_with_reasons_and_nothing_is_written(editor):
    rows = [
        *ROWS,
        ["HTX Khác", "Hợp tác xã", "Nga Sơn", "", "0912112222", "Cói", "", "7 sao", "13", "abc", ""],
    ]
    job = check_sheet(editor, upload_sheet(editor, "co-so-san-xuat", xlsx_upload(HEADERS, rows)))
    assert job.summary["refused"] == 1
    assert {problem["row"] for problem in job.problems} == {5}
    text = " ".join(f"{p['column']}: {p['message']}" for p in job.problems)
    assert "Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách" in text
    assert "Hạng OCOP" in text and "Tháng thu hoạch" in text and "Giá “abc” không hợp lệ" in text
    assert not Producer.objects.exists()
