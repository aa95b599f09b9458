"""Reading one cell as staff write it: accents or not, "Có" or "x", a date as Excel keeps
it or as typed, a price with its dots and "đ". Each reader returns the value or raises
ValueError with a message in Vietnamese that names what was written."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from core.fields import parse_months
from core.text import fold

YES_WORDS = {"co", "x", "1", "true", "dung", "yes", "c", "v"}
NO_WORDS = {"khong", "0", "false", "sai", "no", "k", "-"}
_SPACES = re.compile(r"\s+")


def text(value) -> str:
    """A cell as one line of text: 12.0 becomes "12", None "", runs of spaces one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return _SPACES.sub(" ", str(value)).strip()


def long_text(value) -> str:
    """A cell that may hold several lines (a description): line breaks are kept."""
    if value is None:
        return ""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in str(value).splitlines()).strip()


def yes_no(value) -> bool | None:
    """True, False, or None for a blank cell (the record's default then)."""
    if isinstance(value, bool):
        return value
    word = fold(text(value))
    if not word:
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(
        gettext("“%(value)s” không hợp lệ: ghi Có hoặc Không (hoặc đánh dấu x).") % {"value": value}
    )


def choice(choices, *, aliases: dict | None = None):
    """A reader for a choice written as its label (or code, or an alias), accents optional."""
    keys = {}
    for code, label in choices:
        keys[fold(str(code))] = keys[fold(str(label))] = code
    for alias, code in (aliases or {}).items():
        keys[fold(alias)] = code

    def read(value):
        written = text(value)
        if not written:
            return None
        code = keys.get(fold(written))
        if code is None:
            raise ValueError(
                gettext("“%(value)s” không có trong danh sách: %(choices)s.")
                % {"value": written, "choices": "; ".join(str(label) for _code, label in choices)}
            )
        return code

    return read


DAY_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")


def day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = text(value)
    if not written:
        return None
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(written, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        gettext("Ngày “%(value)s” không hợp lệ: ghi theo dạng ngày/tháng/năm, ví dụ 25/08/2021.")
        % {"value": written}
    )


def months(value) -> list[int]:
    try:
        return parse_months(re.sub(r"[;\s]+", ",", text(value)))
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None


def price(value) -> int | None:
    """A price in đồng: 120000, "120.000", "120.000 đ", "120,000 VNĐ"."""
    if isinstance(value, bool):
        raise ValueError(
            gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": value}
        )
    if isinstance(value, int | float):
        number = value
    else:
        written = text(value)
        if not written:
            return None
        digits = re.sub(r"(?i)[\s.,]|vn[dđ]|đồng|dong|đ$", "", written)
        if not digits.isdigit():
            raise ValueError(
                gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": written}
            )
        number = int(digits)
    if number < 0 or number != int(number):
        raise ValueError(
            gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": value}
        )
    return int(number)


def record_id(value) -> int | None:
    """The "Mã" of a record, as an export wrote it; blank for a new record."""
    written = text(value)
    if not written:
        return None
    if not written.isdigit() or len(written) > 18:
        raise ValueError(gettext("Mã “%(value)s” không hợp lệ: để trống khi thêm mới.") % {"value": written})
    return int(written)


def names(value) -> list[str]:
    """Several names in one cell, separated by ";" or line breaks (names may hold commas)."""
    return [
        part.strip()
        for part in re.split(r"[;\n]", text(value) if not isinstance(value, str) else value)
        if part.strip()
    ]
