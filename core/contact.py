"""Vietnamese phone numbers: validation and the one-tap links built from them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-()/]")
# Mobile numbers have 10 digits, landlines 11 (0 + area code + number); hotlines
# such as 1800 xxxx or 1900 xxxx have 8 or 10.
_VALID = re.compile(r"^(0\d{9,10}|1[89]00\d{4,6})$")


def phone_digits(value: str) -> str:
    """'+84 915.351.008' -> '0915351008'; returns '' for an empty value."""
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def validate_phone(value: str) -> None:
    if not _VALID.match(phone_digits(value)):
        raise ValidationError(
            _("Số điện thoại không hợp lệ: %(value)s. Ví dụ đúng: 0915 351 008 hoặc 0237 3852 000."),
            params={"value": value},
            code="invalid_phone",
        )


def tel_url(value: str) -> str:
    digits = phone_digits(value)
    return f"tel:{digits}" if digits else ""


def zalo_url(value: str) -> str:
    digits = phone_digits(value)
    return f"https://zalo.me/{digits}" if digits else ""
