"""Importing and exporting the shop list as staff do it, through the admin."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import admin_confirm_import, admin_import, staff_user, xlsx_upload
from core.models import Status
from shops.models import Category, Shop
from shops.resources import ShopResource
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "Tên cửa hàng", "Loại hình", "Quận, huyện", "Xã, phường, thị trấn", "Địa chỉ", "Điện thoại", "Nhóm hàng",
    "Giao tận nhà", "Trạng thái",
]  # fmt: skip


def shop_row(n, district="Hà Trung", **changes):
    row = {
        "Tên cửa hàng": f"Tạp hóa Bình Minh {n}",
        "Loại hình": "Hộ kinh doanh",
        "Quận, huyện": district,
        "Xã, phường, thị trấn": "Xã Hà Lĩnh",
        "Địa chỉ": f"Thôn {n}",
        "Điện thoại": f"0301{n:06d}",
        "Nhóm hàng": "Gạo, lương thực; Rau, củ, quả",
        "Giao tận nhà": "x",
        "Trạng thái": "Đã công bố",
    }
    row.update(changes)
    return [row[h] for h in HEADERS]


@pytest.fixture
def district_editor(client, districts):
    user = staff_user(DISTRICT_EDITORS, districts["ha-trung"])
    client.force_login(user)
    return client


def test_district_editor_imports_500_shops_all_or_nothing_then_reimport_changes_nothing(
    district_editor, districts
):
    rows = [shop_row(n) for n in range(1, 501)]
    good = [list(row) for row in rows]
    # Three bad rows: an unknown district, a malformed phone, an unknown kind (sheet rows 12, 251, 501).
    rows[10][HEADERS.index("Quận, huyện")] = "Huyện Không Có"
    rows[249][HEADERS.index("Điện thoại")] = "12ab"
    rows[499][HEADERS.index("Loại hình")] = "Tiệm vàng"

    response = admin_import(district_editor, "shops_shop", xlsx_upload(HEADERS, rows))
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    rejected = response.context["rejected"]
    assert [number for number, _reasons in rejected] == [12, 251, 501]
    assert "Không tìm thấy quận, huyện “Huyện Không Có”" in rejected[0][1][0]
    assert rejected[1][1][0].startswith("Điện thoại: Số điện thoại không hợp lệ")
    assert rejected[2][1][0].startswith("Loại hình: “Tiệm vàng” không có trong danh sách")
    html = response.content.decode()
    assert "3 dòng bị từ chối" in html and "Xác nhận nhập" not in html
    assert not Shop.objects.exists()

    response = admin_import(district_editor, "shops_shop", xlsx_upload(HEADERS, good))
    assert response.context["rejected"] == []
    assert response.context["totals"] == {"new": 500, "update": 0, "skip": 0, "invalid": 0}
    assert not Shop.objects.exists()  # a dry run writes nothing
    response = admin_confirm_import(district_editor, "shops_shop", response)
    assert response.status_code == 302
    assert Shop.objects.filter(district=districts["ha-trung"]).count() == 500
    shop = Shop.objects.get(name="Tạp hóa Bình Minh 7")
    assert shop.phone == "+84301000007" and shop.home_delivery and shop.status == Status.PUBLISHED
    assert "gao luong thuc" in shop.search_text and "rau cu qua" in shop.search_text

    response = admin_import(district_editor, "shops_shop", xlsx_upload(HEADERS, good))
    assert response.context["totals"] == {"new": 0, "update": 0, "skip": 500, "invalid": 0}
    admin_confirm_import(district_editor, "shops_shop", response)
    assert Shop.objects.count() == 500
    assert Shop.history.count() == 500 + 500  # creation, then categories; the re-import added none


def test_district_editor_cannot_import_a_row_of_another_district(district_editor, districts):
    rows = [shop_row(1), shop_row(2, district="Nga Sơn")]
    response = admin_import(district_editor, "shops_shop", xlsx_upload(HEADERS, rows))
    [(number, reasons)] = response.context["rejected"]
    assert number == 3
    assert "Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách (Huyện Hà Trung)" in reasons[0]
    assert not Shop.objects.exists()


def test_import_matches_districts_categories_and_choices_without_accents(client, admin_user, districts):
    client.force_login(admin_user)
    rows = [
        shop_row(
            1, district="Huyện Hà Trung", **{"Loại hình": "ho kinh doanh", "Nhóm hàng": "gao, luong thuc"}
        ),
        shop_row(2, district="ha trung", **{"Loại hình": "household", "Trạng thái": "da cong bo"}),
        shop_row(3, district="HÀ TRUNG", **{"Giao tận nhà": "Không", "Trạng thái": ""}),
        shop_row(4, district="TP. Thanh Hóa", **{"Điện thoại": 912345678}),
    ]
    response = admin_import(client, "shops_shop", xlsx_upload(HEADERS, rows))
    assert response.context["rejected"] == []
    admin_confirm_import(client, "shops_shop", response)
    assert Shop.objects.filter(district=districts["ha-trung"]).count() == 3
    assert Shop.objects.get(name__endswith=" 4").district == districts["thanh-hoa"]
    assert Shop.objects.get(name__endswith=" 4").phone == "+84912345678"  # Excel dropped the leading zero
    assert Shop.objects.get(name__endswith=" 3").status == Status.DRAFT
    assert not Shop.objects.get(name__endswith=" 3").home_delivery


def test_reimport_updates_by_name_address_district_ignoring_accents(client, admin_user, districts):
    client.force_login(admin_user)
    shop = ShopFactory(name="Tạp hóa Bình Minh 1", address="Thôn 1", district=districts["ha-trung"])
    rows = [shop_row(1, **{"Tên cửa hàng": "TAP HOA BINH MINH 1", "Điện thoại": "030 999 8888"})]
    response = admin_import(client, "shops_shop", xlsx_upload(HEADERS, rows))
    assert response.context["totals"]["update"] == 1
    admin_confirm_import(client, "shops_shop", response)
    shop.refresh_from_db()
    assert Shop.objects.count() == 1 and shop.phone == "+84309998888"
    change = shop.history.first()
    assert change.history_user == admin_user and change.history_change_reason == "Nhập từ tệp"


def test_template_has_the_columns_and_a_guide(district_editor):
    response = district_editor.get(reverse("admin:shops_shop_import_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[:4] == ["Mã", "Tên cửa hàng", "Loại hình", "Quận, huyện"]
    assert "Hướng dẫn" in book.sheetnames


@pytest.mark.parametrize("file_format", ["0", "1"])  # xlsx, csv
def test_export_of_the_filtered_list_reimports_to_the_same_data(client, admin_user, districts, file_format):
    client.force_login(admin_user)
    ha_trung, nga_son = districts["ha-trung"], districts["nga-son"]
    ShopFactory(
        name="Nhà thuốc An Bình",
        kind="pharmacy",
        district=ha_trung,
        zalo="",
        website="https://an-binh.example.com/",
        categories=Category.objects.filter(slug__in=["thuoc-vat-tu-y-te", "do-uong"]),
        verified_on=date(2021, 8, 25),
    )
    ShopFactory(name="Chợ Hà Lĩnh", kind="market", district=ha_trung, status=Status.HIDDEN, pickup=True)
    ShopFactory(name="Siêu thị Nga Sơn", district=nga_son)
    before = list(ShopResource().export(Shop.objects.order_by("pk")))

    url = reverse("admin:shops_shop_export") + f"?district__id__exact={ha_trung.pk}"
    response = client.post(url, {"format": file_format, "resource": "0"})
    assert response.status_code == 200
    extension = "xlsx" if file_format == "0" else "csv"
    assert response["Content-Disposition"].endswith(f'.{extension}"')

    dry_run = admin_import(
        client, "shops_shop", SimpleUploadedFile(f"cua-hang.{extension}", response.content)
    )
    assert dry_run.context["result"].total_rows == 2  # only the filtered district
    assert dry_run.context["totals"] == {"new": 0, "update": 0, "skip": 2, "invalid": 0}
    admin_confirm_import(client, "shops_shop", dry_run)
    assert list(ShopResource().export(Shop.objects.order_by("pk"))) == before


def test_an_edited_export_updates_only_what_was_edited(client, admin_user, districts):
    client.force_login(admin_user)
    ShopFactory(name="Tạp hóa Hoa Mai", district=districts["ha-trung"])
    ShopFactory(name="Tạp hóa Hoa Lan", district=districts["ha-trung"])
    response = client.post(reverse("admin:shops_shop_export"), {"format": "0", "resource": "0"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    row = next(
        r for r in sheet.iter_rows(min_row=2) if r[headers.index("Tên cửa hàng")].value == "Tạp hóa Hoa Lan"
    )
    row[headers.index("Điện thoại")].value = "030 111 2222"
    buffer = io.BytesIO()
    book.save(buffer)
    dry_run = admin_import(client, "shops_shop", SimpleUploadedFile("sua.xlsx", buffer.getvalue()))
    assert dry_run.context["totals"] == {"new": 0, "update": 1, "skip": 1, "invalid": 0}
    admin_confirm_import(client, "shops_shop", dry_run)
    assert Shop.objects.get(name="Tạp hóa Hoa Lan").phone == "+84301112222"
    assert Shop.objects.count() == 2


def test_export_is_limited_to_the_district_editors_districts(district_editor, districts):
    ShopFactory(name="Tạp hóa Hà Trung", district=districts["ha-trung"])
    ShopFactory(name="Tạp hóa Nga Sơn", district=districts["nga-son"])
    response = district_editor.post(reverse("admin:shops_shop_export"), {"format": "1", "resource": "0"})
    text = response.content.decode("utf-8-sig")
    assert "Tạp hóa Hà Trung" in text and "Tạp hóa Nga Sơn" not in text


def test_a_district_editor_cannot_take_over_another_districts_shop_by_its_code(district_editor, districts):
    """A file naming another district's shop by its "Mã" cannot move it into the editor's district."""
    other = ShopFactory(name="Tạp hóa Nga Sơn", district=districts["nga-son"])
    headers = ["Mã", *HEADERS]
    rows = [[other.pk, *shop_row(1, **{"Tên cửa hàng": "Đã chiếm"})]]
    response = admin_import(district_editor, "shops_shop", xlsx_upload(headers, rows))
    [(number, reasons)] = response.context["rejected"]
    assert number == 2
    assert str(other.pk) in " ".join(reasons)
    other.refresh_from_db()
    assert (other.name, other.district) == ("Tạp hóa Nga Sơn", districts["nga-son"])
    assert Shop.objects.count() == 1
