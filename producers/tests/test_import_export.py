"""Producers and their products as one sheet (one row per product)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import admin_confirm_import, admin_import, staff_user, xlsx_upload
from producers.models import Producer, Product

pytestmark = pytest.mark.django_db

HEADERS = [
    "Tên cơ sở", "Loại hình", "Quận, huyện", "Địa chỉ", "Điện thoại", "Tên sản phẩm", "Nhóm hàng",
    "Hạng OCOP", "Tháng thu hoạch", "Giá tham khảo (đồng)", "Trạng thái cơ sở",
]  # fmt: skip
ROWS = [
    ["HTX Nông nghiệp Hà Lĩnh", "Hợp tác xã", "Huyện Hà Trung", "Thôn 2", "0301234567",
     "Gạo nếp cái hoa vàng", "Gạo, lương thực", "OCOP 4 sao", "10, 11", "35.000", "Đã công bố"],
    ["HTX Nông nghiệp Hà Lĩnh", "", "ha trung", "Thôn 2", "",
     "Mật ong rừng", "duoc lieu, mat ong", "", "3; 4", "", ""],
    ["Hộ ông Lê Văn Hùng", "Hộ sản xuất nông nghiệp", "Hà Trung", "", "0307654321", "", "", "", "", "", ""],
]  # fmt: skip


@pytest.fixture
def editor(client, districts):
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    return client


def test_producers_with_their_products_import_and_reimport_without_duplicates(editor, districts):
    response = admin_import(editor, "producers_producer", xlsx_upload(HEADERS, ROWS))
    assert response.context["rejected"] == []
    assert response.context["totals"] == {"new": 3, "update": 0, "skip": 0, "invalid": 0}
    admin_confirm_import(editor, "producers_producer", response)
    cooperative = Producer.objects.get(name="HTX Nông nghiệp Hà Lĩnh")
    assert cooperative.status == "published"  # from its first row; later rows may leave it blank
    assert sorted(cooperative.products.values_list("name", flat=True)) == [
        "Gạo nếp cái hoa vàng",
        "Mật ong rừng",
    ]
    rice = Product.objects.get(name="Gạo nếp cái hoa vàng")
    assert (rice.ocop_stars, rice.harvest_months, rice.price) == (4, [10, 11], 35000)
    assert "mat ong rung" in cooperative.search_text
    assert Producer.objects.get(name="Hộ ông Lê Văn Hùng").products.count() == 0

    again = admin_import(editor, "producers_producer", xlsx_upload(HEADERS, ROWS))
    assert again.context["totals"] == {"new": 0, "update": 0, "skip": 3, "invalid": 0}


def test_export_reimports_to_the_same_producers_and_products(editor):
    admin_confirm_import(
        editor, "producers_producer", admin_import(editor, "producers_producer", xlsx_upload(HEADERS, ROWS))
    )
    exported = editor.post(reverse("admin:producers_producer_export"), {"format": "0", "resource": "0"})
    dry_run = admin_import(editor, "producers_producer", SimpleUploadedFile("co-so.xlsx", exported.content))
    assert dry_run.context["result"].total_rows == 3
    assert dry_run.context["totals"] == {"new": 0, "update": 0, "skip": 3, "invalid": 0}


def test_bad_product_rows_are_rejected_with_reasons_and_nothing_is_written(editor):
    rows = [
        *ROWS,
        ["HTX Khác", "Hợp tác xã", "Nga Sơn", "", "0301112222", "Cói", "", "7 sao", "13", "abc", ""],
    ]
    response = admin_import(editor, "producers_producer", xlsx_upload(HEADERS, rows))
    [(number, reasons)] = response.context["rejected"]
    assert number == 5
    text = " ".join(reasons)
    assert "Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách" in text
    assert "Hạng OCOP" in text and "Tháng thu hoạch" in text and "Giá “abc” không hợp lệ" in text
    assert not Producer.objects.exists()
