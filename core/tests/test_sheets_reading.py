"""Reading a sheet: its header, the proposed mapping, the rows, and the rows skipped and why."""

import pytest

from core.sheets import Field, SheetError, legacy, open_sheet, read_sheet

from .sheetfiles import EXAMPLE, FIELDS, HEADER, TITLE_ROWS, csv_text, xlsx


def read(data, name="ds.xlsx", **options):
    with open_sheet(data, name) as book:
        result = read_sheet(book, FIELDS, **options)
        return result, list(result.rows())


def mapping(result):
    return {column.header: column.field for column in result.columns}


# --- The issue's example --------------------------------------------------------------------------


def test_the_issue_example_is_read_as_staff_keep_it():
    result, rows = read(xlsx(("Điểm bán", EXAMPLE, ["A1:C1", "A2:E2"])))
    assert result.header_row == 4  # as Excel shows it
    assert mapping(result) == {
        "STT": None,
        "Tên điểm bán": "name",
        "Số điện thoại": "phone",
        "Huyện": "district",
        "Xã/TT": "commune",
    }
    assert [(column.letter, column.source, column.confidence) for column in result.columns] == [
        ("A", "row_number", 0.0),
        ("B", "auto", 1.0),
        ("C", "auto", 1.0),
        ("D", "auto", 1.0),
        ("E", "auto", 1.0),
    ]
    assert [column.sample for column in result.columns] == [
        1,
        "Tạp hóa Bình Minh",
        912345678,
        "Hà Trung",
        "Hà Lai",
    ]
    assert [row.number for row in rows] == [5, 7, 8]
    assert rows[1].values == {
        "name": "Cửa hàng Nguyễn Thị Hương",
        "phone": "0373111222",
        "district": "Hà Trung",
        "commune": "TT Hà Trung",
    }
    assert rows[1].raw == (2, "Cửa hàng Nguyễn Thị Hương", "0373111222", "Hà Trung", "TT Hà Trung")
    assert result.skipped == {"blank": 3, "total": 1, "note": 2}
    assert result.skipped_examples == {"blank": [6, 9, 11], "total": [10], "note": [12, 13]}
    assert result.encoding is None and result.legacy_encoding is None


def test_the_header_is_the_best_matching_row_not_the_first_filled_one():
    rows = [
        ["UBND HUYỆN HÀ TRUNG", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Phòng Kinh tế và Hạ tầng", None, None, "Độc lập - Tự do - Hạnh phúc"],
        ["Cập nhật", "15/08/2021", "Người cập nhật", "Lê Thị B"],
        [],
        ["DANH SÁCH CÁC ĐIỂM BÁN HÀNG THIẾT YẾU (Số điện thoại, địa chỉ, huyện, xã)"],
        HEADER,
        [1, "Tạp hóa Bình Minh", "0912345678", "Hà Trung", "Hà Lai"],
    ]
    result, found = read(xlsx(("DS", rows, ["A1:C1", "D1:G1", "A5:G5"])))
    assert result.header_row == 6
    assert [row.number for row in found] == [7]


def test_a_header_over_two_rows_under_a_merged_heading():
    rows = [
        ["DANH SÁCH CƠ SỞ"],
        ["STT", "Tên cơ sở", "Địa chỉ", None, "Điện thoại"],
        [None, None, "Huyện", "Xã, phường", None],
        [1, "HTX Hà Lai", "Hà Trung", "Hà Lai", "0912000222"],
    ]
    result, found = read(xlsx(("DS", rows, ["A2:A3", "B2:B3", "C2:D2", "E2:E3"])))
    assert result.header_rows == (2, 3)
    assert result.header_row == 2
    assert mapping(result) == {
        "STT": None,
        "Tên cơ sở": "name",
        "Địa chỉ / Huyện": "district",
        "Xã, phường": "commune",
        "Điện thoại": "phone",
    }
    assert [row.values for row in found] == [
        {"name": "HTX Hà Lai", "district": "Hà Trung", "commune": "Hà Lai", "phone": "0912000222"}
    ]


def test_a_sheet_without_a_recognisable_header_is_refused():
    rows = [["Họ và tên", "Năm sinh", "Ghi chú"], ["Lê Văn A", 1980, ""]]
    with pytest.raises(SheetError) as caught:
        read(xlsx(("DS", rows)))
    assert caught.value.code == "no_header_any"
    with open_sheet(xlsx(("DS", rows)), "ds.xlsx") as book, pytest.raises(SheetError) as caught:
        read_sheet(book.sheets[0], FIELDS)
    assert caught.value.code == "no_header"
    assert str(caught.value) == (
        "Không tìm thấy dòng tiêu đề trong 15 dòng đầu của trang “DS”: không có dòng nào có tên cột "
        "quen thuộc (ví dụ: “Tên cửa hàng”, “Số điện thoại”, “Huyện”, “Xã”). Hãy kiểm tra lại trang tính."
    )


def test_the_header_is_looked_for_in_the_first_15_rows_only():
    rows = [[f"Dòng giới thiệu {number}"] for number in range(1, 16)] + [HEADER, [1, "A", "0912", "B", "C"]]
    with pytest.raises(SheetError):
        read(xlsx(("DS", rows)))
    result, _rows = read(xlsx(("DS", rows[1:])))
    assert result.header_row == 15


# --- Matching columns to fields --------------------------------------------------------------


def test_headers_match_accent_and_case_insensitively_with_synonyms():
    rows = [
        ["TÊN CƠ SỞ", "Điện thoại", "QUẬN, HUYỆN", "Phường/Xã"],
        ["Tạp hóa A", "0912", "Hà Trung", "Hà Lai"],
    ]
    result, _rows = read(csv_text(rows).encode("utf-8"), "ds.csv")
    assert mapping(result) == {
        "TÊN CƠ SỞ": "name",
        "Điện thoại": "phone",
        "QUẬN, HUYỆN": "district",
        "Phường/Xã": "commune",
    }
    confidence = {column.field: column.confidence for column in result.columns}
    assert confidence["name"] == confidence["district"] == confidence["commune"] == 1.0
    # "Điện thoại" is only part of "Số điện thoại": proposed, with less confidence.
    assert 0.5 <= confidence["phone"] < 1


def test_a_header_holding_a_name_is_matched_with_its_confidence():
    fields = [*FIELDS, Field("products", "Mặt hàng", ("Sản phẩm",))]
    rows = [["Tên cửa hàng/doanh nghiệp", "Số điện thoại liên hệ", "Mặt hàng kinh doanh chính", "Ghi chú"]]
    with open_sheet(csv_text(rows).encode("utf-8"), "ds.csv") as book:
        result = read_sheet(book, fields)
    assert [(column.field, column.confidence) for column in result.columns] == [
        ("name", 0.66),  # "Tên cửa hàng" is 3 of its 5 words
        ("phone", 0.78),  # "Điện thoại liên hệ" is 4 of 5
        ("products", 0.54),  # "Mặt hàng" is 2 of 5
        (None, 0.0),
    ]
    assert [field.key for field in result.unmapped_fields] == ["district", "commune"]


def test_two_headers_never_fill_one_field():
    rows = [["Tên cửa hàng", "Tên điểm bán", "SĐT", "ĐT"], ["A", "B", "0912", "0913"]]
    result, found = read(csv_text(rows).encode("utf-8"), "ds.csv")
    assert [column.field for column in result.columns] == ["name", None, "phone", None]
    assert found[0].values == {"name": "A", "phone": "0912"}


@pytest.mark.parametrize("header", ["STT", "TT", "Số TT", "stt", "Số thứ tự"])
def test_a_row_number_column_is_recognised_and_not_imported(header):
    rows = [[header, "Tên điểm bán"], ["1", "Tạp hóa A"], ["2", None]]
    result, found = read(csv_text(rows).encode("utf-8"), "ds.csv")
    assert result.columns[0].source == "row_number"
    assert result.row_number_column == 0
    assert [row.values for row in found] == [{"name": "Tạp hóa A"}]
    # A row holding only its number has nothing to import.
    assert result.skipped == {"no_data": 1}


def test_a_saved_mapping_is_applied_before_matching_by_name():
    rows = [["STT", "Tên điểm bán", "Tên cơ sở", "Địa bàn", "SĐT"], ["1", "A", "B", "Hà Lai", "0912"]]
    saved = {"tên điểm bán": None, "ĐỊA BÀN": "commune", "Số điện thoại": "phone", "Old": "gone"}
    result, found = read(csv_text(rows).encode("utf-8"), "ds.csv", saved_mapping=saved)
    assert [(column.field, column.source) for column in result.columns] == [
        (None, "row_number"),
        (None, "saved"),  # the user said this column is not imported
        ("name", "auto"),
        ("commune", "saved"),  # not the district, as the name alone would say
        ("phone", "auto"),
    ]
    assert found[0].values == {"name": "B", "commune": "Hà Lai", "phone": "0912"}
    assert result.header_mapping() == {
        "STT": None,
        "Tên điểm bán": None,
        "Tên cơ sở": "name",
        "Địa bàn": "commune",
        "SĐT": "phone",
    }


def test_the_users_choice_overrides_the_proposal():
    data = xlsx(("DS", EXAMPLE))
    result, found = read(data, mapping_override={3: "commune", 0: "phone"})
    assert [(column.field, column.source) for column in result.columns] == [
        ("phone", "override"),
        ("name", "auto"),
        (None, None),  # its field went to the column the user chose
        ("commune", "override"),
        (None, None),
    ]
    assert found[0].values == {"phone": 1, "name": "Tạp hóa Bình Minh", "commune": "Hà Trung"}


@pytest.mark.parametrize(
    ("override", "code", "message"),
    [
        ({9: "name"}, "no_column", "Bảng không có cột thứ 10."),
        ({1: "email"}, "no_field", "Không có mục “email” để ghép với cột."),
    ],
)
def test_an_override_that_does_not_fit_is_refused(override, code, message):
    with pytest.raises(SheetError) as caught:
        read(xlsx(("DS", EXAMPLE)), mapping_override=override)
    assert (caught.value.code, str(caught.value)) == (code, message)


# --- Rows that are not data ------------------------------------------------------------------


def test_pasted_lists_repeat_their_title_and_header():
    rows = [
        *TITLE_ROWS,
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)"],  # row 5: the columns numbered, as official forms do
        [1, "Tạp hóa A", "0912000001", "Hà Trung", "Hà Lai"],
        [2, "Tạp hóa B", "0912000002", "Hà Trung", "Hà Lai"],
        ["Cộng", None, None, None, 2],  # row 8
        [],
        ["DANH SÁCH CÁC ĐIỂM BÁN HÀNG XÃ HÀ PHONG"],  # row 10
        ["STT", "Tên điểm bán", "Số điện thoại", "Huyện", "Xã/TT"],  # row 11
        [1, 2, 3, 4, 5],  # row 12
        [1, "Tạp hóa C", "0912000003", "Hà Trung", "Hà Phong"],
        ["Tổng số: 3 điểm bán"],  # row 14
    ]
    result, found = read(xlsx(("DS", rows)))
    assert [row.values["name"] for row in found] == ["Tạp hóa A", "Tạp hóa B", "Tạp hóa C"]
    assert result.skipped == {"numbering": 2, "total": 2, "blank": 1, "title": 1, "header": 1}
    assert result.skipped_examples["header"] == [11]
    assert result.skipped_examples["numbering"] == [5, 12]
    assert result.skipped_examples["title"] == [10]
    assert result.skipped_examples["total"] == [8, 14]
    # The numbering row gives no sample value.
    assert result.columns[1].sample == "Tạp hóa A"


@pytest.mark.parametrize(
    "total",
    [
        ["Tổng cộng", None, None, None, 3],
        [None, "Tổng cộng:", None, None, "3 điểm"],
        ["Cộng", None, None, None, 3],
        ["Tổng số", None, 3],
        ["Tổng", None, None, None, 3],
        [None, "Cộng huyện Hà Trung", None, None, 3],
        [None, "TỔNG CỘNG"],
    ],
)
def test_total_rows_are_skipped(total):
    rows = [HEADER, [1, "Tạp hóa A", "0912", "Hà Trung", "Hà Lai"], total]
    result, found = read(xlsx(("DS", rows)))
    assert len(found) == 1
    assert result.skipped == {"total": 1}


def test_shops_whose_names_start_like_a_total_are_data():
    rows = [
        ["Tên điểm bán", "Số điện thoại", "Xã"],
        ["Tổng kho Hà Trung", "0912000001", "Hà Lai"],
        ["Cộng Hòa Mart", "0912000002", "Hà Lai"],
        ["Tổng hợp Minh Anh", 912000003, "Hà Lai"],
    ]
    result, found = read(xlsx(("DS", rows)))
    assert len(found) == 3
    assert result.skipped == {}
    # With a row number, even a label-like name is data.
    rows = [HEADER, [1, "Tổng cộng Mart", 912000004, "Hà Trung", "Hà Lai"]]
    assert len(read(xlsx(("DS", rows)))[1]) == 1


def test_notes_and_signatures_below_the_table_are_skipped():
    rows = [
        HEADER,
        [1, "Tạp hóa A", "0912", "Hà Trung", "Hà Lai"],
        [None, "Ghi chú: danh sách cập nhật đến ngày 15/8"],  # row 3
        [2, "Tạp hóa B", "0913", "Hà Trung", "Hà Lai"],  # a numbered row is data again
        [],
        [None, None, None, "Hà Trung, ngày 15 tháng 8 năm 2021"],  # row 6
        [None, "Người lập biểu", None, "KT. CHỦ TỊCH"],  # row 7
        [None, "(Ký, ghi rõ họ tên)", None, "PHÓ CHỦ TỊCH"],  # row 8
        [],
        [],
        [None, "Lê Thị B", None, "Trần Văn C"],  # row 11: names, in the name and district columns
        [None, None, None, "Nguồn: Phòng Kinh tế"],  # row 12
    ]
    result, found = read(xlsx(("DS", rows)))
    assert [row.values["name"] for row in found] == ["Tạp hóa A", "Tạp hóa B"]
    assert result.skipped_examples["note"] == [3, 6, 7, 8, 11, 12]
    assert result.skipped["blank"] == 3


def test_blank_rows_left_below_the_table_are_not_counted():
    rows = [["Tên điểm bán", "SĐT"], ["A", "0912"], [], ["B", "0913"], *[[None, None]] * 30]
    result, found = read(csv_text(rows).encode("utf-8"), "ds.csv")
    assert [row.number for row in found] == [2, 4]
    assert result.skipped == {"blank": 1}


def test_rows_can_be_read_again():
    result, found = read(xlsx(("DS", EXAMPLE)))
    with open_sheet(xlsx(("DS", EXAMPLE)), "ds.xlsx") as book:
        result = read_sheet(book, FIELDS)
        assert list(result.rows()) == list(result.rows()) == found
        assert result.skipped == {"blank": 3, "total": 1, "note": 2}


# --- Legacy fonts -----------------------------------------------------------------------------


def tcvn3(text):
    return legacy.from_unicode(text, legacy.TCVN3)


def vni(text):
    return legacy.from_unicode(text, legacy.VNI)


def test_a_tcvn3_sheet_is_read_in_unicode():
    rows = [
        [tcvn3("UBND HUYệN Hà TRUNG")],  # .VnTimeH shows these lower-case codes as capitals
        [],
        ["STT", tcvn3("Tên điểm bán"), tcvn3("Số điện thoại"), tcvn3("Huyện"), tcvn3("Xã/TT")],
        [1, tcvn3("Tạp hóa Bình Minh"), 912345678, tcvn3("Hà Trung"), tcvn3("Hà Lai")],
        # "Vũ Lao" in TCVN3 is "Vò Lao": ordinary text too, converted because its column is TCVN3.
        [2, tcvn3("Cửa hàng Hương"), "0373111222", tcvn3("Hà Trung"), tcvn3("Vũ Lao")],
        [tcvn3("Tổng cộng"), None, None, None, 2],
    ]
    assert rows[0][0] == "UBND HUYÖN Hµ TRUNG"
    assert rows[4][4] == "Vò Lao"
    result, found = read(xlsx(("DS", rows)))
    assert result.legacy_encoding == legacy.TCVN3
    assert result.legacy_columns == (0, 1, 3, 4)  # column A holds "Tổng cộng"
    assert [column.header for column in result.columns] == HEADER
    assert mapping(result)["Xã/TT"] == "commune"
    assert [row.values for row in found] == [
        {"name": "Tạp hóa Bình Minh", "phone": 912345678, "district": "Hà Trung", "commune": "Hà Lai"},
        {"name": "Cửa hàng Hương", "phone": "0373111222", "district": "Hà Trung", "commune": "Vũ Lao"},
    ]
    assert result.skipped == {"total": 1}
    with open_sheet(xlsx(("DS", rows)), "ds.xlsx") as book:
        assert book.sheets[0].preview[0] == ["UBND HUYỆN HÀ TRUNG"]


def test_a_tcvn3_csv_saved_by_windows_is_read_in_unicode():
    rows = [HEADER, ["1", "Tạp hóa Bình Minh", "0912345678", "Hà Trung", "Thị trấn Hà Trung"]]
    data = csv_text([[tcvn3(cell) for cell in row] for row in rows]).encode("cp1252")
    result, found = read(data, "ds.csv")
    # Another 8-bit reading (charset detection says Baltic) would garble the TCVN3 codes.
    assert result.encoding == "cp1252"
    assert result.legacy_encoding == legacy.TCVN3
    assert found[0].values["commune"] == "Thị trấn Hà Trung"


def test_a_vni_csv_is_read_in_unicode_and_its_unicode_cells_are_left_alone():
    rows = [
        ["STT", vni("Tên điểm bán"), vni("Số điện thoại"), vni("Xã"), "Ghi chú"],
        ["1", vni("Tạp hóa Bình Minh"), "0912345678", vni("Hà Lai"), "Hoà"],
        ["2", vni("Cửa hàng Hương"), "0373111222", vni("Hà Đông"), "Café"],
    ]
    data = csv_text(rows).encode("cp1252")
    result, found = read(data, "ds.csv")
    assert result.legacy_encoding == legacy.VNI
    assert result.legacy_columns == (1, 3)
    assert [row.values for row in found] == [
        {"name": "Tạp hóa Bình Minh", "phone": "0912345678", "commune": "Hà Lai"},
        {"name": "Cửa hàng Hương", "phone": "0373111222", "commune": "Hà Đông"},
    ]
    # Read as VNI, "Hoà" would be "Hồ"; it is ordinary text in a column of its own.
    assert [row.raw[4] for row in found] == ["Hoà", "Café"]


def test_a_vni_header_in_an_xlsx_is_recognised():
    rows = [["STT", vni("Tên cơ sở"), vni("Điện thoại liên hệ")], [1, vni("Hợp tác xã Hà Lai"), "0912"]]
    result, found = read(xlsx(("DS", rows)))
    assert [column.header for column in result.columns] == ["STT", "Tên cơ sở", "Điện thoại liên hệ"]
    assert found[0].values == {"name": "Hợp tác xã Hà Lai", "phone": "0912"}


def test_ordinary_vietnamese_files_are_not_converted():
    result, found = read(xlsx(("DS", EXAMPLE)))
    assert result.legacy_encoding is None
    assert result.legacy_columns == ()
    assert found[0].values["name"] == "Tạp hóa Bình Minh"
