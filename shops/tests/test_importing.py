"""Importing shop lists as staff keep them: through the staff pages, with real files."""

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import (
    check_sheet,
    confirm_sheet,
    import_sheet,
    staff_user,
    upload_sheet,
    xlsx_upload,
)
from core.jobs import Job, SavedMapping
from core.models import Status
from core.tests.sheetfiles import EXAMPLE, cp1258, csv_text, xlsx
from shops.models import Commune, Shop
from shops.services import place_unplaced
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
        "Điện thoại": f"0912{n:06d}",
        "Nhóm hàng": "Gạo, lương thực; Rau, củ, quả",
        "Giao tận nhà": "x",
        "Trạng thái": "Đã công bố",
    }
    row.update(changes)
    return [row[h] for h in HEADERS]


def upload(content: bytes, name: str):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def editor(client, districts):
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    return client


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


# --- The files staff keep ------------------------------------------------------------------


def test_the_issues_file_imports_as_it_is(editor, districts):
    """Two title rows, STT, synonyms, blank rows, a "Tổng cộng" row, signatures, no address column."""
    job = upload_sheet(
        editor, "cua-hang", upload(xlsx(("Danh sách", EXAMPLE, ["A1:E1", "A2:E2"])), "ds.xlsx")
    )
    assert job.state == Job.State.UPLOADED
    page = editor.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert "Dòng tiêu đề của bảng: dòng 4" in page
    assert "Tạp hóa Bình Minh" in page  # a sample value beside its column
    mapping = {job.mapping[str(i)] for i in range(1, 5)}
    assert mapping == {"name", "phone", "district", "commune_name"}

    job = check_sheet(editor, job)
    assert job.state == Job.State.CHECKED, job.message
    assert job.summary["created"] == 3 and job.summary["refused"] == 0
    assert (
        job.summary["skipped"]
        == {
            "Dòng trống": 2,
            "Dòng tổng cộng": 1,
            "Ghi chú, chữ ký dưới bảng": 2,
        }
        or sum(job.summary["skipped"].values()) >= 4
    )
    page = editor.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert "3 mục mới" in page and "Dòng tổng cộng" in page

    job = confirm_sheet(editor, job)
    assert job.state == Job.State.DONE, job.message
    shops = {shop.name: shop for shop in Shop.objects.select_related("commune")}
    assert set(shops) == {"Tạp hóa Bình Minh", "Cửa hàng Nguyễn Thị Hương", "Tạp hóa Lê Văn Tám"}
    first = shops["Tạp hóa Bình Minh"]
    assert first.phone == "+84912345678"  # the number Excel kept as 912345678
    assert first.district == districts["ha-trung"] and first.status == Status.DRAFT
    assert first.kind == Shop.Kind.UNCLASSIFIED  # the file says no kind: none is invented
    assert first.commune is None and first.commune_name == "Hà Lai"  # no such commune: kept as written
    assert shops["Tạp hóa Lê Văn Tám"].commune.name == "Xã Hà Trung"  # Hà Đông, through the crosswalk
    assert shops["Cửa hàng Nguyễn Thị Hương"].commune is None  # Thị trấn Hà Trung was divided
    assert not job.file  # the upload is not kept once its rows are in the directory


def test_a_windows_vietnamese_csv_with_semicolons_reads_with_its_accents(editor):
    text = csv_text([["Tên điểm bán", "SĐT", "Huyện", "Xã/TT", "Địa chỉ"],
                     ["Quầy thuốc Hồng Nhung", "0912.345.678", "Hà Trung", "Hà Lĩnh", "Thôn Tượng Lĩnh"]],
                    delimiter=";")  # fmt: skip
    job = import_sheet(editor, "cua-hang", upload(cp1258(text), "quay-thuoc.csv"))
    assert job.state == Job.State.DONE, (job.message, job.problems)
    shop = Shop.objects.get()
    assert (shop.name, shop.address, shop.phone) == (
        "Quầy thuốc Hồng Nhung",
        "Thôn Tượng Lĩnh",
        "+84912345678",
    )


def test_a_utf16_csv_from_excel_reads(editor):
    text = csv_text([["Tên cửa hàng", "Điện thoại", "Quận, huyện", "Địa chỉ"],
                     ["Chợ Hà Lĩnh", "84912345682", "Huyện Hà Trung", "Thôn 3"]], delimiter="\t")  # fmt: skip
    job = import_sheet(editor, "cua-hang", upload(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "cho.csv"))
    assert job.state == Job.State.DONE, (job.message, job.problems)
    assert Shop.objects.get().phone == "+84912345682"


def test_tcvn3_text_is_converted_to_unicode_and_shown_before_import(editor):
    # "Tạp hóa Hà Trung" and "Hà Trung" typed with the .VnTime font (TCVN3).
    rows = [
        ["Tªn cöa hµng", "§iÖn tho¹i", "HuyÖn", "§Þa chØ"],
        ["T¹p hãa Hµ Trung", "0912345678", "Hµ Trung", "Th«n 1"],
    ]
    job = upload_sheet(editor, "cua-hang", upload(xlsx(("DS", rows)), "cu.xlsx"))
    page = editor.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert "bảng mã cũ" in page and "Tạp hóa Hà Trung" in page
    job = check_sheet(editor, job)
    job = confirm_sheet(editor, job)
    assert job.state == Job.State.DONE, job.problems
    assert Shop.objects.get().name == "Tạp hóa Hà Trung"


def test_the_user_picks_the_sheet(editor):
    other = [["Sở Công Thương tỉnh Thanh Hóa"], ["Tổng hợp tháng 8 năm 2021"]]
    shops = [HEADERS, shop_row(1)]
    job = upload_sheet(
        editor, "cua-hang", upload(xlsx(("Bìa", other), ("Cửa hàng", shops), ("Khác", shops)), "s.xlsx")
    )
    assert job.sheet == "Cửa hàng"
    editor.post(reverse("admin:import_job", kwargs={"pk": job.pk}), {"action": "sheet", "sheet": "Khác"})
    job.refresh_from_db()
    assert job.sheet == "Khác"


# --- The mapping ----------------------------------------------------------------------------


def test_a_changed_mapping_is_remembered_for_the_users_next_file(editor):
    rows = [
        ["Tên cửa hàng", "Số máy", "Huyện", "Địa chỉ"],
        ["Tạp hóa Hoa", "0912345678", "Hà Trung", "Thôn 1"],
    ]
    job = upload_sheet(editor, "cua-hang", upload(xlsx(("DS", rows)), "a.xlsx"))
    assert "1" not in job.mapping  # "Số máy" means nothing to the portal yet
    job = check_sheet(editor, job, mapping={1: "phone"}, remember=True)
    assert job.state == Job.State.CHECKED and job.summary["created"] == 1
    assert SavedMapping.objects.get().columns["so may"] == "phone"
    again = upload_sheet(editor, "cua-hang", upload(xlsx(("DS", rows)), "b.xlsx"))
    assert again.mapping["1"] == "phone"


def test_a_required_field_without_a_column_stops_before_checking(editor):
    rows = [["Tên cửa hàng", "Huyện"], ["Tạp hóa Hoa", "Hà Trung"]]
    job = upload_sheet(editor, "cua-hang", upload(xlsx(("DS", rows)), "a.xlsx"))
    page = editor.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert "Chưa có cột cho mục bắt buộc" in page and "Điện thoại" in page
    response = editor.post(
        reverse("admin:import_job", kwargs={"pk": job.pk}),
        {"action": "map", "col-0": "name", "col-1": "district"},
    )
    job.refresh_from_db()
    assert job.state == Job.State.UPLOADED
    assert "Chưa chọn cột cho mục bắt buộc: Điện thoại" in editor.get(response["Location"]).content.decode()


def test_a_kind_chosen_for_the_whole_file_fills_the_rows_without_one(editor):
    rows = [["Tên điểm bán", "SĐT", "Huyện"], ["Nhà thuốc An", "0912345678", "Hà Trung"]]
    job = import_sheet(
        editor, "cua-hang", upload(xlsx(("DS", rows)), "a.xlsx"), defaults={"kind": "Nhà thuốc"}
    )
    assert job.state == Job.State.DONE
    assert Shop.objects.get().kind == Shop.Kind.PHARMACY


# --- Phones ---------------------------------------------------------------------------------


def test_messy_phone_numbers_are_stored_once_and_shown_grouped(editor):
    rows = [
        ["Tên cửa hàng", "Điện thoại", "Huyện", "Địa chỉ"],
        ["A", "+84 912345679", "Hà Trung", "Thôn 1"],
        ["B", "0912.345.678", "Hà Trung", "Thôn 2"],
        ["C", "84912345682", "Hà Trung", "Thôn 3"],
        ["D", "0912 345 670 / 0237 3852 000", "Hà Trung", "Thôn 4"],
    ]
    job = import_sheet(editor, "cua-hang", upload(xlsx(("DS", rows)), "a.xlsx"))
    assert job.state == Job.State.DONE, job.problems
    phones = dict(Shop.objects.values_list("name", "phone"))
    assert phones == {"A": "+84912345679", "B": "+84912345678", "C": "+84912345682", "D": "+84912345670"}
    assert Shop.objects.get(name="D").extra_phones == ["+842373852000"]


def test_what_is_not_a_phone_number_is_refused_with_the_cell_named(editor):
    rows = [["Tên cửa hàng", "SĐT", "Huyện"], ["A", "0912 345 678", "Hà Trung"], ["B", "gọi sau", "Hà Trung"]]
    job = upload_sheet(editor, "cua-hang", upload(xlsx(("DS", rows)), "a.xlsx"))
    job = check_sheet(editor, job)
    assert job.summary["refused"] == 1
    [problem] = job.problems
    assert (problem["row"], problem["column"], problem["value"]) == (3, "SĐT", "gọi sau")
    assert "Số điện thoại không hợp lệ" in problem["message"]
    assert not Shop.objects.exists()


# --- Errors that help -----------------------------------------------------------------------


def test_refused_rows_come_back_as_a_spreadsheet_to_fix_and_upload_again(editor):
    rows = [shop_row(1), shop_row(2, district="Huyện Không Có"), shop_row(3, **{"Điện thoại": "12ab"})]
    job = upload_sheet(editor, "cua-hang", xlsx_upload(HEADERS, rows))
    job = check_sheet(editor, job)
    assert job.summary["refused"] == 2 and job.summary["created"] == 1
    page = editor.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert "Xác nhận ghi" not in page
    assert "Không tìm thấy quận, huyện “Huyện Không Có” trong tỉnh." in page
    assert "[" not in " ".join(p["message"] for p in job.problems)  # never a Python list

    response = editor.get(reverse("admin:import_errors", kwargs={"pk": job.pk}))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header == [*HEADERS, "Lỗi"]
    refused = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in refused] == ["Tạp hóa Bình Minh 2", "Tạp hóa Bình Minh 3"]
    assert "Quận, huyện: Không tìm thấy" in refused[0][-1]

    # Fixed in Excel and uploaded again: the refused rows import.
    sheet.cell(row=2, column=3).value = "Hà Trung"
    sheet.cell(row=3, column=6).value = "0912 000 003"
    sheet.delete_cols(len(header))
    fixed = io.BytesIO()
    book.save(fixed)
    job = import_sheet(editor, "cua-hang", upload(fixed.getvalue(), "da-sua.xlsx"))
    assert job.state == Job.State.DONE, job.problems
    assert Shop.objects.count() == 2


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_advice(editor):
    response = upload_sheet(editor, "cua-hang", upload(b"%PDF-1.4 ...", "danh-sach.pdf"))
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "Traceback" not in error and error
    assert not Job.objects.exists()


def test_other_users_jobs_are_not_found_and_administrators_see_them(editor, client, admin_user, districts):
    job = upload_sheet(editor, "cua-hang", xlsx_upload(HEADERS, [shop_row(1)]))
    from django.test import Client

    other = Client()
    other.force_login(staff_user(DISTRICT_EDITORS, districts["nga-son"], username="nga-son"))
    for name in ("import_job", "import_status"):
        assert other.get(reverse(f"admin:{name}", kwargs={"pk": job.pk})).status_code == 404
    assert (
        other.post(reverse("admin:import_job", kwargs={"pk": job.pk}), {"action": "cancel"}).status_code
        == 404
    )
    boss = Client()
    boss.force_login(admin_user)
    assert boss.get(reverse("admin:import_job", kwargs={"pk": job.pk})).status_code == 200


# --- Scope, duplicates, updates --------------------------------------------------------------


def test_a_district_editor_cannot_import_a_row_of_another_district(editor):
    job = upload_sheet(
        editor, "cua-hang", xlsx_upload(HEADERS, [shop_row(1), shop_row(2, district="Nga Sơn")])
    )
    job = check_sheet(editor, job)
    [problem] = job.problems
    assert problem["row"] == 3
    assert "Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách (Huyện Hà Trung)" in problem["message"]
    assert confirm_sheet(editor, job).state == Job.State.CHECKED  # cannot be confirmed
    assert not Shop.objects.exists()


def test_a_district_editor_cannot_take_over_another_districts_shop_by_its_code(editor, districts):
    other = ShopFactory(name="Tạp hóa Nga Sơn", district=districts["nga-son"])
    job = upload_sheet(editor, "cua-hang", xlsx_upload(["Mã", *HEADERS], [[other.pk, *shop_row(1)]]))
    job = check_sheet(editor, job)
    [problem] = job.problems
    assert problem["column"] == "Mã" and str(other.pk) in problem["message"]
    other.refresh_from_db()
    assert other.name == "Tạp hóa Nga Sơn" and Shop.objects.count() == 1


def test_possible_duplicates_are_flagged_with_a_link(editor, districts):
    existing = ShopFactory(name="Tạp hóa Cũ", district=districts["ha-trung"], phone="0912000001")
    job = upload_sheet(editor, "cua-hang", xlsx_upload(HEADERS, [shop_row(1)]))  # the same phone, 0912000001
    job = check_sheet(editor, job)
    [note] = job.options["notes"]
    assert (
        note["kind"] == "duplicate" and "Tạp hóa Cũ" in note["message"] and "số điện thoại" in note["message"]
    )
    assert note["url"] == reverse("admin:shops_shop_change", args=[existing.pk])
    page = editor.get(reverse("admin:import_job", kwargs={"pk": job.pk})).content.decode()
    assert note["url"] in page
    assert job.summary["created"] == 1  # flagged, not refused: staff decide


def test_a_divided_former_commune_is_chosen_by_the_user_not_guessed(editor):
    rows = [
        shop_row(1, **{"Xã, phường, thị trấn": "Thị trấn Hà Trung"}),
        shop_row(2, **{"Xã, phường, thị trấn": "Thị trấn Hà Trung"}),
    ]
    job = check_sheet(editor, upload_sheet(editor, "cua-hang", xlsx_upload(HEADERS, rows)))
    notes = [note for note in job.options["notes"] if note["kind"] == "choose"]
    assert [note["row"] for note in notes] == [2, 3]
    options = dict(notes[0]["options"])
    assert set(options.values()) == {"Xã Hà Trung", "Xã Hoạt Giang"}
    chosen = next(value for value, label in options.items() if label == "Xã Hoạt Giang")
    job = confirm_sheet(editor, job, choices={2: chosen})
    assert job.state == Job.State.DONE
    placed = Shop.objects.get(name="Tạp hóa Bình Minh 1")
    assert placed.commune == Commune.objects.get(name="Xã Hoạt Giang")
    left = Shop.objects.get(name="Tạp hóa Bình Minh 2")
    assert left.commune is None and left.commune_name == "Thị trấn Hà Trung"  # for staff to place


def test_reimporting_the_same_file_changes_nothing(editor):
    rows = [shop_row(n) for n in range(1, 21)]
    assert import_sheet(editor, "cua-hang", xlsx_upload(HEADERS, rows)).state == Job.State.DONE
    history = Shop.history.count()
    job = import_sheet(editor, "cua-hang", xlsx_upload(HEADERS, rows))
    assert job.summary["unchanged"] == 20 and job.summary["created"] == job.summary["updated"] == 0
    assert Shop.objects.count() == 20 and Shop.history.count() == history


def test_an_update_by_name_address_and_district_keeps_history(admin_client_, admin_user, districts):
    shop = ShopFactory(name="Tạp hóa Bình Minh 1", address="Thôn 1", district=districts["ha-trung"])
    rows = [shop_row(1, **{"Tên cửa hàng": "TAP HOA BINH MINH 1", "Điện thoại": "0912 999 888"})]
    job = import_sheet(admin_client_, "cua-hang", xlsx_upload(HEADERS, rows))
    assert job.summary["written"]["updated"] == 1
    shop.refresh_from_db()
    assert Shop.objects.count() == 1 and shop.phone == "+84912999888"
    change = shop.history.first()
    assert change.history_user == admin_user and change.history_change_reason == "Nhập từ tệp"
    assert "gao luong thuc" in shop.search_text


def test_imported_shops_have_the_search_text_their_model_gives(editor):
    """The import gives records their search text in memory; it must be the text the model
    computes from the database (fields, places, categories), whatever the file changed."""

    def texts_agree():
        for shop in Shop.objects.all():
            stored = shop.search_text
            shop.refresh_search_text()
            assert stored == shop.search_text, shop.name

    rows = [shop_row(1), shop_row(2, **{"Xã, phường, thị trấn": "Hoạt Giang", "Nhóm hàng": ""})]
    assert import_sheet(editor, "cua-hang", xlsx_upload(HEADERS, rows)).state == Job.State.DONE
    texts_agree()
    # Only the categories change: the record is written again, for its text.
    rows = [
        shop_row(1, **{"Nhóm hàng": "Thuốc, vật tư y tế"}),
        shop_row(2, **{"Xã, phường, thị trấn": "Hoạt Giang", "Nhóm hàng": ""}),
    ]
    job = import_sheet(editor, "cua-hang", xlsx_upload(HEADERS, rows))
    assert job.summary["written"]["updated"] == 1
    texts_agree()
    shop = Shop.objects.get(name="Tạp hóa Bình Minh 1")
    assert "thuoc vat tu y te" in shop.search_text and "gao" not in shop.search_text
    # A file without a categories column keeps them, and they stay in the text.
    headers = [h for h in HEADERS if h != "Nhóm hàng"]
    row = dict(zip(HEADERS, shop_row(1, **{"Loại hình": "Nhà thuốc"}), strict=True))
    job = import_sheet(editor, "cua-hang", xlsx_upload(headers, [[row[h] for h in headers]]))
    assert job.summary["written"]["updated"] == 1
    texts_agree()
    assert "nha thuoc" in Shop.objects.get(name="Tạp hóa Bình Minh 1").search_text


def test_the_check_costs_the_same_queries_for_20_rows_as_for_400(editor, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.imports import pipeline
    from core.registry import importers

    counts = []
    for size in (20, 400):
        job = upload_sheet(
            editor, "cua-hang", xlsx_upload(HEADERS, [shop_row(n) for n in range(1, size + 1)])
        )
        with CaptureQueriesContext(connection) as queries:
            pipeline.check(job, importers.get("cua-hang"), beat=False)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_confirmation_that_no_longer_passes_writes_nothing(client, districts):
    """The district editor lost Hà Trung between the check and the confirmation."""
    editor = staff_user(DISTRICT_EDITORS, districts["ha-trung"])
    client.force_login(editor)
    job = check_sheet(
        client, upload_sheet(client, "cua-hang", xlsx_upload(HEADERS, [shop_row(1), shop_row(2)]))
    )
    assert job.summary["created"] == 2
    editor.districts.set([districts["nga-son"]])
    job = confirm_sheet(client, job)
    assert job.state == Job.State.FAILED and "Không có dòng nào được ghi" in job.message
    assert not Shop.objects.exists()


def test_template_has_the_columns_drop_downs_and_a_guide(editor):
    response = editor.get(reverse("admin:import_template", kwargs={"target": "cua-hang"}))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[:4] == ["Mã", "Tên cửa hàng", "Loại hình", "Quận, huyện"]
    assert "Hướng dẫn" in book.sheetnames
    assert book.worksheets[0].data_validations.dataValidation  # drop-down lists


# --- Exports --------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_the_filtered_list_exports_and_reimports_unchanged(admin_client_, districts, extension):
    ha_trung = districts["ha-trung"]
    ShopFactory(
        name="Nhà thuốc An Bình", kind="pharmacy", district=ha_trung, website="https://an-binh.example.com/"
    )
    ShopFactory(name="Chợ Hà Lĩnh", kind="market", district=ha_trung, status=Status.HIDDEN, pickup=True)
    ShopFactory(name="Siêu thị Nga Sơn", district=districts["nga-son"])
    place_unplaced()  # as load_places does: each shop in today's commune
    url = reverse("admin:shops_shop_export") + f"?district__id__exact={ha_trung.pk}"
    assert "2 mục" in admin_client_.get(url).content.decode()
    response = admin_client_.post(url, {"format": extension})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{extension}"')
    job = import_sheet(admin_client_, "cua-hang", upload(response.content, f"xuat.{extension}"))
    assert job.state == Job.State.DONE, job.problems
    assert (job.summary["rows"], job.summary["unchanged"]) == (2, 2)


def test_a_large_export_is_written_in_the_background(admin_client_, districts, settings):
    settings.EXPORT_INLINE_ROWS = 2
    for n in range(3):
        ShopFactory(name=f"Tạp hóa {n}", district=districts["ha-trung"])
    response = admin_client_.post(reverse("admin:shops_shop_export"), {"format": "csv"})
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert response["Location"] == reverse("admin:import_job", kwargs={"pk": job.pk})
    assert job.state == Job.State.DONE and job.rows_written == 3
    download = admin_client_.get(reverse("admin:job_file", kwargs={"pk": job.pk}))
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert text.count("Tạp hóa") == 3


def test_the_export_is_limited_to_the_district_editors_districts(editor, districts):
    ShopFactory(name="Tạp hóa Hà Trung", district=districts["ha-trung"])
    ShopFactory(name="Tạp hóa Nga Sơn", district=districts["nga-son"])
    response = editor.post(reverse("admin:shops_shop_export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "Tạp hóa Hà Trung" in text and "Tạp hóa Nga Sơn" not in text


def test_a_checked_file_can_be_cancelled_and_is_not_kept(editor):
    job = check_sheet(editor, upload_sheet(editor, "cua-hang", xlsx_upload(HEADERS, [shop_row(1)])))
    assert job.file
    editor.post(reverse("admin:import_job", kwargs={"pk": job.pk}), {"action": "cancel"})
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and not job.file
    assert confirm_sheet(editor, job).state == Job.State.CANCELLED  # nothing left to confirm
    assert not Shop.objects.exists()


def test_a_stop_asked_for_while_writing_writes_nothing(editor, monkeypatch):
    job = check_sheet(
        editor, upload_sheet(editor, "cua-hang", xlsx_upload(HEADERS, [shop_row(1), shop_row(2)]))
    )
    monkeypatch.setattr(Job, "cancelled", lambda self: True)  # the staff member pressed "Dừng"
    job = confirm_sheet(editor, job)
    assert job.state == Job.State.CANCELLED and "không có dòng nào được ghi" in job.message
    assert not Shop.objects.exists() and Shop.history.count() == 0


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_over_the_row_limit_is_refused_with_its_size_and_the_limit(editor, settings, kind):
    settings.IMPORT_MAX_ROWS = 10
    rows = [HEADERS, *[shop_row(n) for n in range(1, 12)]]
    content = csv_text(rows).encode() if kind == "csv" else xlsx(("DS", rows))
    response = upload_sheet(editor, "cua-hang", upload(content, f"lon.{kind}"))
    if kind == "csv":  # counted at once
        [error] = response.context["form"].errors["file"]
    else:  # an .xlsx is counted while checking (it may declare formatted empty rows)
        job = check_sheet(editor, response)
        assert job.state == Job.State.FAILED
        error = job.message
    assert "vượt giới hạn 10 dòng" in error and "Hãy chia thành nhiều tệp" in error
    assert not Shop.objects.exists()


def test_a_file_over_the_size_limit_is_refused(editor, settings):
    settings.IMPORT_MAX_FILE_MB = 1
    response = upload_sheet(editor, "cua-hang", upload(b"a,b\n" + b"x" * (1024 * 1024 + 1), "lon.csv"))
    [error] = response.context["form"].errors["file"]
    assert "vượt giới hạn 1,0\xa0MB của một lần nhập" in error
    assert not Job.objects.exists()


def test_postal_staff_import_their_companys_sale_points_only(client, districts):
    from camnang.roles import POSTAL_STAFF
    from shops.models import PostalStaffMember

    staff = staff_user(POSTAL_STAFF, username="buudien-nhap")
    PostalStaffMember.objects.create(user=staff, company="vnpost")
    client.force_login(staff)
    rows = [
        shop_row(1, **{"Loại hình": "Điểm bán hàng thiết yếu Bưu điện"}),
        shop_row(2, **{"Loại hình": "Chợ, sạp chợ"}),
    ]
    job = check_sheet(client, upload_sheet(client, "cua-hang", xlsx_upload(HEADERS, rows)))
    [problem] = job.problems
    assert problem["row"] == 3
    assert "điểm bán hàng thiết yếu của doanh nghiệp mình" in problem["message"]
    assert confirm_sheet(client, job).state == Job.State.CHECKED  # nothing half-applied
    assert not Shop.objects.exists()


def test_every_header_spelling_names_a_column_of_its_list():
    """The spellings in import_headers.json are keyed by field: a key that names no column
    (a typo, a renamed field) would leave its spellings unused without a word."""
    import json
    from pathlib import Path

    from core.registry import importers

    sections = {}
    for app in ("shops", "producers"):
        path = Path(__file__).resolve().parents[2] / app / "data" / "import_headers.json"
        sections.update(json.loads(path.read_text(encoding="utf-8")))
    columns = {key: {field.key for field in importer.columns()} for key, importer in importers.items()}
    assert set(sections) == {"directory", *columns}
    for key, spellings in sections.items():
        lists = columns.values() if key == "directory" else [columns[key]]
        for fields in lists:
            assert set(spellings) <= fields, key
    # Each list reads its own spellings and the directory's, e.g. a producer's "SĐT".
    phone = next(f for f in importers.get("co-so-san-xuat").fields() if f.key == "phone")
    assert "SĐT" in phone.synonyms
