"""Opening uploads: file kinds, CSV encodings and delimiters, several sheets, refusals, streaming."""

import codecs
import csv
import io
import re
import time
import tracemalloc
import unicodedata
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.sheets import SheetError, open_sheet, read_sheet

from .sheetfiles import EXAMPLE, FIELDS, HEADER, cp1258, csv_text, ole_file, xlsx

ROWS = [
    ["DANH SÁCH ĐIỂM BÁN HÀNG THIẾT YẾU"],
    [],
    HEADER,
    ["1", "Tạp hóa Bình Minh", "0912345678", "Hà Trung", "Hà Lai"],
    ["2", "Cửa hàng Nguyễn Thị Hương", "0373111222", "Hà Trung", "Thị trấn Hà Trung"],
]


def read(data: bytes, name: str):
    with open_sheet(data, name) as book:
        result = read_sheet(book, FIELDS)
        return book.encoding, result, list(result.rows())


def names_of(rows):
    return [row.values["name"] for row in rows]


# --- CSV encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (csv_text(ROWS).encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + csv_text(ROWS).encode("utf-8"), "utf-8-sig"),
        (csv_text(ROWS).encode("utf-16"), "utf-16"),  # with its byte-order mark, little-endian here
        (codecs.BOM_UTF16_BE + csv_text(ROWS).encode("utf-16-be"), "utf-16"),
        (csv_text(ROWS, delimiter="\t").encode("utf-16"), "utf-16"),  # Excel's "Unicode text"
    ],
)
def test_unicode_csv_files_are_read_in_their_encoding(data, encoding):
    found, result, rows = read(data, "danh-sach.csv")
    assert found == encoding == result.encoding
    assert names_of(rows) == ["Tạp hóa Bình Minh", "Cửa hàng Nguyễn Thị Hương"]
    assert rows[1].values["commune"] == "Thị trấn Hà Trung"
    assert result.header_row == 3


def test_a_utf8_byte_order_mark_does_not_stick_to_the_first_header():
    data = codecs.BOM_UTF8 + csv_text(ROWS[2:]).encode("utf-8")
    _encoding, result, _rows = read(data, "ds.csv")
    assert result.columns[0].header == "STT"
    assert result.columns[0].source == "row_number"


def test_windows_1258_csv_is_detected_and_given_back_composed():
    data = cp1258(csv_text(ROWS))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    encoding, result, rows = read(data, "ds.csv")
    assert encoding == "cp1258"
    assert names_of(rows) == ["Tạp hóa Bình Minh", "Cửa hàng Nguyễn Thị Hương"]
    # Python's cp1258 codec gives "Nguyê\u0303n": the reader gives the composed letters.
    assert all(unicodedata.is_normalized("NFC", value) for row in rows for value in row.raw if value)
    assert result.columns[1].header == "Tên điểm bán"


def test_semicolon_separated_csv_as_excel_writes_it_in_some_locales():
    data = csv_text([*ROWS, ["3", "Tạp hóa An, Bình", "0912000111", "Hà Trung", "Hà Lai"]], delimiter=";")
    _encoding, result, rows = read(data.encode("utf-8"), "ds.csv")
    assert result.sheet.delimiter == ";"
    assert names_of(rows)[-1] == "Tạp hóa An, Bình"
    assert rows[0].values["phone"] == "0912345678"


def test_excel_sep_hint_line_is_not_a_row():
    data = "sep=;\r\n" + csv_text(ROWS, delimiter=";")
    _encoding, result, rows = read(data.encode("utf-8"), "ds.csv")
    assert result.header_row == 3  # as Excel shows it: the hint line is hidden
    assert [row.number for row in rows] == [4, 5]


def test_csv_cells_stay_text_so_leading_zeros_survive():
    _encoding, _result, rows = read(csv_text(ROWS).encode("utf-8"), "ds.csv")
    assert rows[0].values["phone"] == "0912345678"
    assert rows[0].raw[0] == "1"


def test_formulas_our_exports_quoted_come_back_as_they_were():
    rows = [["Tên điểm bán", "SĐT"], ['\'=HYPERLINK("http://x.example")', "0912"], ["'Quán Cô Ba'", "0913"]]
    _encoding, _result, found = read(csv_text(rows).encode("utf-8"), "ds.csv")
    # core.spreadsheet_safety put the quote before a formula-like name; a quote before text stays.
    assert names_of(found) == ['=HYPERLINK("http://x.example")', "'Quán Cô Ba'"]


def test_a_django_upload_is_read_and_left_open():
    upload = SimpleUploadedFile("ds.csv", csv_text(ROWS).encode("utf-8"), content_type="text/csv")
    with open_sheet(upload, upload.name) as book:
        assert book.filename == "ds.csv"
        assert len(list(read_sheet(book, FIELDS).rows())) == 2
    assert not upload.closed


def test_a_stream_that_cannot_seek_is_read():
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self._data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    with open_sheet(Pipe(csv_text(ROWS).encode("utf-8")), "ds.csv") as book:
        assert len(list(read_sheet(book, FIELDS).rows())) == 2


# --- .xlsx ------------------------------------------------------------------------------------


def test_a_phone_number_excel_stored_as_a_number_comes_back_as_that_number():
    _encoding, _result, rows = read(xlsx(("Điểm bán", EXAMPLE)), "ds.xlsx")
    assert rows[0].values["phone"] == 912345678
    assert type(rows[0].values["phone"]) is int  # the caller restores the leading zero
    assert rows[1].values["phone"] == "0373111222"


def test_several_sheets_are_listed_with_a_preview_and_the_first_with_a_header_is_the_default():
    data = xlsx(
        ("Hướng dẫn", [["Điền danh sách vào trang Điểm bán."], ["Mỗi dòng một cửa hàng."]]),
        ("Điểm bán", EXAMPLE, ["A1:C1", "A2:E2"]),
        ("Hộ sản xuất", [["STT", "Tên cơ sở", "SĐT"], [1, "HTX Hà Lai", "0912000222"]]),
    )
    with open_sheet(data, "ds.xlsx") as book:
        assert [sheet.name for sheet in book.sheets] == ["Hướng dẫn", "Điểm bán", "Hộ sản xuất"]
        assert book.sheets[0].preview == [["Điền danh sách vào trang Điểm bán."], ["Mỗi dòng một cửa hàng."]]
        assert book.sheets[1].preview[0] == ["UBND HUYỆN HÀ TRUNG"]
        assert book.sheets[1].preview[2] == HEADER
        assert book.sheets[1].preview[3] == ["1", "Tạp hóa Bình Minh", "912345678", "Hà Trung", "Hà Lai"]
        assert book.default_sheet(FIELDS).name == "Điểm bán"
        # The user may pick another sheet.
        other = read_sheet(book.sheet("Hộ sản xuất"), FIELDS)
        assert [row.values for row in other.rows()] == [{"name": "HTX Hà Lai", "phone": "0912000222"}]


def test_hidden_sheets_are_listed_but_not_chosen_first():
    book = xlsx(("Cũ", [HEADER, [1, "Cửa hàng cũ", "0912", "Hà Trung", "Hà Lai"]]), ("Mới", EXAMPLE))
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(book))
    workbook["Cũ"].sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    with open_sheet(out.getvalue(), "ds.xlsx") as opened:
        assert [sheet.hidden for sheet in opened.sheets] == [True, False]
        assert opened.default_sheet(FIELDS).name == "Mới"


def test_a_declared_size_that_is_wrong_does_not_cut_the_sheet():
    # Some programs write <dimension ref="A1"/> for a full sheet; openpyxl would stop at row 1.
    data = xlsx(("DS", EXAMPLE))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                content, replaced = re.subn(
                    rb'<dimension ref="A1:E13" ?/>', b'<dimension ref="A1"/>', content
                )
                assert replaced == 1
            target.writestr(item, content)
    with open_sheet(out.getvalue(), "ds.xlsx") as book:
        result = read_sheet(book, FIELDS)
        assert len(list(result.rows())) == 3
        assert result.estimated_rows is None  # the file's own count is useless; count_rows() is exact
        assert result.sheet.count_rows() == 13


def test_the_row_count_for_a_progress_bar_comes_from_the_file_without_reading_it():
    _encoding, result, _rows = read(xlsx(("DS", EXAMPLE)), "ds.xlsx")
    assert result.estimated_rows == 13 - 4
    _encoding, result, _rows = read(csv_text(ROWS).encode("utf-8"), "ds.csv")
    assert result.estimated_rows == 5 - 3


# --- Refusals ---------------------------------------------------------------------------------


def refused(data, name) -> SheetError:
    with pytest.raises(SheetError) as caught:
        read(data, name)
    message = str(caught.value)
    assert "Error" not in message and "<" not in message and "\\x" not in message
    return caught.value


def test_an_empty_file_is_refused():
    assert refused(b"", "ds.csv").code == "empty"
    assert refused(codecs.BOM_UTF8 + b"\r\n \r\n", "ds.csv").code == "empty"
    error = refused(csv_text([[], [None, ""], ["", ""]]).encode("utf-8"), "ds.csv")
    assert error.code == "empty"
    assert str(error) == "Tệp “ds.csv” không có dữ liệu."
    assert refused(xlsx(("Sheet1", [])), "ds.xlsx").code == "empty"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "ds.csv"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "anh.png"),
        (bytes(range(256)) * 20, "ds.csv"),
        (bytes(range(1, 32)) * 50, "ds.csv"),  # valid UTF-8, but control characters
        (b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>", "ds.csv"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(data, name):
    error = refused(data, name)
    assert error.code == "not_spreadsheet"
    assert str(error) == (
        f"Tệp “{name}” không phải là bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc tệp CSV."
    )


def test_a_word_document_is_not_a_spreadsheet():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(out.getvalue(), "ds.docx").code == "not_spreadsheet"


def test_an_old_excel_xls_file_is_refused_with_how_to_convert_it():
    error = refused(ole_file("Workbook", "\x05SummaryInformation"), "danh sach.xls")
    assert error.code == "xls"
    assert "định dạng Excel cũ (.xls)" in str(error)
    assert "(.xlsx)" in str(error)
    # A web page saved as .xls, as some programs export, is refused the same way.
    assert refused(b"<html><table><tr><td>STT</td></tr></table></html>", "ds.xls").code == "xls"


def test_a_password_protected_xlsx_is_refused():
    error = refused(ole_file("EncryptionInfo", "EncryptedPackage"), "ds.xlsx")
    assert error.code == "encrypted"
    assert "mật khẩu" in str(error)


def test_a_broken_xlsx_is_refused():
    data = xlsx(("DS", EXAMPLE))
    assert refused(data[: len(data) // 2], "ds.xlsx").code == "corrupt"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # says it is a workbook, has none
        archive.writestr("[Content_Types].xml", "<Types>spreadsheetml.sheet.main+xml</Types>")
    error = refused(out.getvalue(), "ds.xlsx")
    assert error.code == "corrupt"
    assert str(error).startswith("Tệp “ds.xlsx” bị hỏng")


def test_an_opendocument_spreadsheet_is_refused_with_how_to_convert_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert refused(out.getvalue(), "ds.ods").code == "ods"


def test_messages_are_marked_for_translation():
    with pytest.raises(SheetError) as caught:
        read(b"", "ds.csv")
    with translation.override("en"):
        # Shown in the language active when it is displayed, not when it was raised.
        assert str(caught.value) == caught.value.message


# --- Streaming --------------------------------------------------------------------------------

BIG_ROWS = 50_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "ds.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerows([["DANH SÁCH ĐIỂM BÁN"], [], HEADER])
        for number in range(1, BIG_ROWS + 1):
            writer.writerow(
                [number, f"Cửa hàng tạp hóa Nguyễn Văn {number}", f"09{number:08d}", "Hà Trung", "Hà Lai"]
            )
    return path


def read_all(path):
    with open(path, "rb") as file, open_sheet(file, path.name) as book:
        result = read_sheet(book, FIELDS)
        last = None
        count = 0
        for row in result.rows():
            count += 1
            last = row
        return result, count, last


def test_a_50000_row_csv_is_read_in_bounded_memory(big_csv):
    tracemalloc.start()
    try:
        _result, count, last = read_all(big_csv)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == BIG_ROWS
    assert last.number == BIG_ROWS + 3
    assert last.values["name"] == f"Cửa hàng tạp hóa Nguyễn Văn {BIG_ROWS}"
    # Keeping the rows would take about 40 MB; streaming them stays near the size of one chunk.
    assert peak < 10 * 1024 * 1024, peak


def test_a_50000_row_csv_is_read_in_a_few_seconds(big_csv):
    started = time.perf_counter()
    result, count, _last = read_all(big_csv)
    elapsed = time.perf_counter() - started
    assert count == BIG_ROWS
    assert result.estimated_rows == BIG_ROWS
    assert elapsed < 5, elapsed
