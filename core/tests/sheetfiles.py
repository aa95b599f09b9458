"""Real spreadsheet files for the reading-layer tests, built in memory."""

import csv
import io
import struct
import unicodedata

from openpyxl import Workbook

from core.sheets import Field

FIELDS = [
    Field("name", "Tên cửa hàng", ("Tên điểm bán", "Tên cơ sở")),
    Field("phone", "Số điện thoại", ("SĐT", "ĐT", "Điện thoại liên hệ")),
    Field("district", "Huyện", ("Quận, huyện", "Địa bàn")),
    Field("commune", "Xã", ("Xã, phường", "Xã/TT", "Phường, xã")),
]

# The example: two title rows, a blank row, STT and four headers, blank rows in
# the table, a "Tổng cộng" row, and a signature block.
TITLE_ROWS = [["UBND HUYỆN HÀ TRUNG"], ["DANH SÁCH CÁC ĐIỂM BÁN HÀNG THIẾT YẾU TRÊN ĐỊA BÀN HUYỆN"], []]
HEADER = ["STT", "Tên điểm bán", "Số điện thoại", "Huyện", "Xã/TT"]
EXAMPLE = [
    *TITLE_ROWS,
    HEADER,  # row 4
    [1, "Tạp hóa Bình Minh", 912345678, "Hà Trung", "Hà Lai"],  # row 5: the phone stored as a number
    [],
    [2, "Cửa hàng Nguyễn Thị Hương", "0373111222", "Hà Trung", "TT Hà Trung"],  # row 7
    [3, "Tạp hóa Lê Văn Tám", "0912000111", "Hà Trung", "Hà Đông"],  # row 8
    [],
    ["Tổng cộng", None, None, None, 3],  # row 10
    [],
    [None, "Người lập biểu", None, "TM. UBND HUYỆN"],  # row 12
    [None, "Lê Thị B", None, "Trần Văn C"],  # row 13
]


def xlsx(*sheets) -> bytes:
    """An .xlsx of sheets given as (title, rows) or (title, rows, merged ranges)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, *merges in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in merges[0] if merges else ():
            sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(rows, delimiter=",") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Text as Windows saves it in code page 1258: letters it lacks as base letter + tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in decomposed if c in _TONES).encode("cp1258")
    return bytes(out)


def ole_file(*stream_names: str) -> bytes:
    """A minimal but well-formed OLE compound file (what .xls and encrypted .xlsx files are) holding
    empty streams of these names: enough to tell one kind from the other."""
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,  # one FAT sector (sector 0)
        1,  # the directory in sector 1
        0,
        0x1000,
        end,
        0,
        end,
        0,
    ) + struct.pack("<109I", 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name, kind, right=no_stream, child=no_stream):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded),
            kind,
            1,
            no_stream,
            right,
            child,
            b"\0" * 16,
            0,
            0,
            0,
            end,
            0,
        )

    entries = [entry("Root Entry", 5, child=1 if stream_names else no_stream)]
    for position, name in enumerate(stream_names, start=1):
        entries.append(entry(name, 2, right=position + 1 if position < len(stream_names) else no_stream))
    entries += [entry("", 0)] * (4 - len(entries))
    return header + fat + b"".join(entries)
