"""Producers and their products as one sheet (one row per product), through the staff pages."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import check_sheet, import_sheet, staff_user, upload_sheet, xlsx_upload
from core.jobs import Job
from core.tests.sheetfiles import xlsx
from producers.models import Producer, Product, ProductPrice

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
    assert (rice.ocop_stars, rice.harvest_months) == (4, [10, 11])
    # A price without a date or a source: the producer's, on the day of the import.
    price = rice.prices.get()
    assert (price.price, price.observed_on, price.source) == (35000, timezone.localdate(), "producer")
    assert rice.category.name == "Gạo, lương thực"
    assert "mat ong rung" in cooperative.search_text
    assert Producer.objects.get(name="Hộ ông Lê Văn Hùng").products.count() == 0

    again = import_sheet(editor, "co-so-san-xuat", xlsx_upload(HEADERS, ROWS))
    assert (again.summary["unchanged"], again.summary["created"], again.summary["updated"]) == (3, 0, 0)
    assert Product.objects.count() == 2 and Producer.objects.count() == 2
    assert ProductPrice.objects.count() == 1  # the same price is not dated again


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


# --- Prices ------------------------------------------------------------------------------

PRICE_HEADERS = ["Tên cơ sở", "Quận, huyện", "Điện thoại", "Tên sản phẩm", "Giá", "Ngày giá", "Nguồn giá",
                 "Ghi chú nguồn giá"]  # fmt: skip


def price_rows(*prices):
    """One row a product of one producer, with the given price cells."""
    return [
        ["HTX Nông nghiệp Hà Lĩnh", "Hà Trung", "0912234567", name, *cells]
        for name, cells in zip(("Gạo nếp cái hoa vàng", "Mật ong rừng"), prices, strict=False)
    ]


def test_prices_are_imported_with_their_date_and_source(editor, today):
    rows = price_rows(
        ["35.000 đ", "12/11/2026", "Khung giá của UBND xã/phường", "Số 15/TB-UBND"],
        ["250000", "", "", ""],
    )
    job = import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, rows))
    assert job.state == Job.State.DONE, (job.message, job.problems)
    rice = Product.objects.get(name="Gạo nếp cái hoa vàng").prices.get()
    assert (rice.price, rice.observed_on, rice.source, rice.source_note) == (
        35000, date(2026, 11, 12), "commune_frame", "Số 15/TB-UBND"
    )  # fmt: skip
    honey = Product.objects.get(name="Mật ong rừng").prices.get()
    assert (honey.price, honey.observed_on, honey.source) == (250000, today, "producer")
    assert rice.history.get().history_user.username == "canbo"

    # The same file again changes nothing; a new day's price is added beside the old one.
    again = import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, rows))
    assert (again.summary["unchanged"], again.summary["updated"]) == (2, 0)
    newer = price_rows(["38000", "19/11/2026", "Sở Công Thương", "Bản tin số 46"])
    job = import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, newer))
    assert (job.summary["updated"], job.summary["created"]) == (1, 0)
    product = Product.objects.get(name="Gạo nếp cái hoa vàng")
    assert [(p.price, p.source) for p in product.prices.all()] == [
        (38000, "market_bulletin"),
        (35000, "commune_frame"),
    ]
    # A price corrected for the same day and source replaces it.
    fixed = price_rows(["37000", "19/11/2026", "Bản tin giá thị trường của Sở Công Thương", ""])
    import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, fixed))
    assert [(p.price, p.source_note) for p in product.prices.all()] == [
        (37000, "Bản tin số 46"),
        (35000, "Số 15/TB-UBND"),
    ]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (["35000", "31/02/2026", "", ""], "Ngày giá", "Ngày “31/02/2026” không hợp lệ"),
        (["35000", "tháng 11", "", ""], "Ngày giá", "ghi theo dạng ngày/tháng/năm"),
        (["35000", "01/01/2099", "", ""], "Ngày giá", "Ngày giá không được sau hôm nay."),
        (["35000", "", "Chợ đầu mối", ""], "Nguồn giá", "“Chợ đầu mối” không có trong danh sách"),
        (["", "12/11/2026", "", ""], "Giá", "Thiếu giá (dòng có ghi Ngày giá)."),
        (["ba mươi nghìn", "", "", ""], "Giá", "Giá “ba mươi nghìn” không hợp lệ"),
    ],
)
def test_a_bad_price_cell_refuses_the_row_and_the_import_changes_nothing(
    editor, today, cells, column, message
):
    import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, price_rows(["30000", "", "", ""])))
    before = list(ProductPrice.objects.values_list("product__name", "price", "observed_on", "source"))
    rows = price_rows(["32000", "18/11/2026", "", ""], cells)
    job = check_sheet(editor, upload_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, rows)))
    assert job.summary["refused"] == 1
    assert [(p["row"], p["column"]) for p in job.problems] == [(3, column)]
    assert message in job.problems[0]["message"]
    assert editor.post(reverse("admin:import_job", kwargs={"pk": job.pk}), {"action": "confirm"})
    assert list(ProductPrice.objects.values_list("product__name", "price", "observed_on", "source")) == before
    assert not Product.objects.filter(name="Mật ong rừng").exists()


def test_the_export_carries_the_latest_price_and_reimports_unchanged(editor, today):
    rows = price_rows(["35000", "12/11/2026", "UBND xã", "Số 15/TB-UBND"])
    import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, rows))
    import_sheet(editor, "co-so-san-xuat", xlsx_upload(PRICE_HEADERS, price_rows(["36000", "", "", ""])))
    exported = editor.post(reverse("admin:producers_producer_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(exported.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (row["Giá tham khảo (đồng)"], row["Ngày giá"], row["Nguồn giá"], row["Ghi chú nguồn giá"]) == (
        36000, today.strftime("%d/%m/%Y"), "Cơ sở sản xuất báo giá", None
    )  # fmt: skip
    job = import_sheet(editor, "co-so-san-xuat", SimpleUploadedFile("co-so.xlsx", exported.content))
    assert job.state == Job.State.DONE, job.problems
    assert job.summary["unchanged"] == 1 and ProductPrice.objects.count() == 2
