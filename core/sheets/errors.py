"""The one error the reading layer raises: a file or mapping it cannot use, said in Vietnamese."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "empty": _("Tệp “%(name)s” không có dữ liệu."),
    "empty_sheet": _("Trang “%(sheet)s” không có dữ liệu."),
    "not_spreadsheet": _(
        "Tệp “%(name)s” không phải là bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc tệp CSV."
    ),
    "xls": _(
        "Tệp “%(name)s” được lưu theo định dạng Excel cũ (.xls). Hãy mở tệp bằng Excel, chọn "
        "Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi tải tệp .xlsx lên."
    ),
    "ods": _(
        "Tệp “%(name)s” là bảng tính OpenDocument (.ods). Hãy lưu lại thành Sổ làm việc Excel (.xlsx) "
        "rồi tải lên."
    ),
    "encrypted": _(
        "Tệp “%(name)s” được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu "
        "(Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi tải lên."
    ),
    "corrupt": _(
        "Tệp “%(name)s” bị hỏng hoặc không phải tệp Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel, "
        "lưu lại rồi tải lên."
    ),
    "unreadable_text": _(
        "Không đọc được tệp “%(name)s” (dòng %(row)s). Hãy mở tệp bằng Excel và lưu lại thành "
        "CSV UTF-8 hoặc .xlsx."
    ),
    "no_header": _(
        "Không tìm thấy dòng tiêu đề trong %(rows)s dòng đầu của trang “%(sheet)s”: không có dòng nào "
        "có tên cột quen thuộc (ví dụ: %(examples)s). Hãy kiểm tra lại trang tính."
    ),
    "no_header_any": _(
        "Không trang nào trong tệp “%(name)s” có dòng tiêu đề với tên cột quen thuộc (ví dụ: "
        "%(examples)s) trong %(rows)s dòng đầu. Hãy kiểm tra lại tệp."
    ),
    "no_sheet": _("Tệp không có trang “%(sheet)s”."),
    "no_column": _("Bảng không có cột thứ %(column)s."),
    "no_field": _("Không có mục “%(field)s” để ghép với cột."),
}


class SheetError(Exception):
    """A file that cannot be read, or a mapping that does not fit it.

    `code` says which (a key of MESSAGES); `message` is the Vietnamese text for the user,
    translated when it is shown, never a Python representation of the cause.
    """

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params

    def __str__(self) -> str:
        return self.message
