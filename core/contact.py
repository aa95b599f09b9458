"""Vietnamese phone numbers: reading them as people type them, one stored form, and the
forms people read and tap.

Numbers are read with `phonenumbers` (Google's libphonenumber data) for Vietnam:
"0912.345.678", "0912 345 678", "+84 912 345 678", "84912345678", "(0237) 3852 000",
"1800 1234", and a number Excel turned into 912345678 (its leading 0 lost) all read.

- Stored: E.164, "+84912345678" (one spelling per number, so equal numbers compare equal
  and open data gives every number the same way).
- Read: the national grouping, "0912 345 678", "0237 3852 000", "024 3826 8888",
  "1800 1234" (`display_phone`).
- Dialled: "tel:+84912345678"; service numbers (1800, 1900) are reachable from Vietnam
  only and are dialled as written, "tel:18001234" (`tel_url`).
- Zalo: "https://zalo.me/0912345678", the national number without spaces (`zalo_url`).

A cell may hold several numbers ("0912 345 678 / 0237 3852 000", separated by "/", ";",
",", " - ", "hoặc", "và" or a line break); `split_phones` reads them all, in order.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumbers import PhoneNumberFormat, PhoneNumberType

REGION = "VN"
COUNTRY_CODE = 84
# At most this many other numbers beside the main one.
MAX_EXTRA_PHONES = 10

# Between numbers of one cell. A dash separates numbers only with spaces around it
# ("0912 345 678 - 0237 3852 000"): "0912-345-678" is one number.
_LIST_SEPARATORS = re.compile(r"\s*(?:[/;,|\n\r]|\b(?:hoặc|hoac|và|va)\b)\s*", re.IGNORECASE)
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
# What a number may be written with: digits, spaces, dots, dashes, brackets, a leading +.
_NUMBER_CHARACTERS = re.compile(r"[\d\s.\-–()+]+")
_STORED = re.compile(r"\+84\d{7,11}")
# Non-geographic numbers reachable from inside Vietnam only: dialled as written.
_DIALLED_AS_WRITTEN = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
}

INVALID_MESSAGE = _(
    "Số điện thoại không hợp lệ: “%(value)s”. "
    "Ghi số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0237 3852 000."
)
INVALID_IN_LIST_MESSAGE = _(
    "Số điện thoại không hợp lệ: “%(value)s” (trong “%(cell)s”). "
    "Ghi số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0237 3852 000; "
    "nhiều số thì cách nhau bằng dấu /."
)
ONE_ONLY_MESSAGE = _("Chỉ ghi một số điện thoại ở đây: “%(value)s”.")
TOO_MANY_MESSAGE = _("Ghi tối đa %(max)d số khác.")


def as_text(value) -> str:
    """A number as typed, or as a spreadsheet gives it (912345678.0 becomes "912345678")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@lru_cache(maxsize=4096)  # pages show the same numbers over and over
def _read(text: str) -> phonenumbers.PhoneNumber | None:
    """The Vietnamese number `text` spells, or None."""
    if not _NUMBER_CHARACTERS.fullmatch(text):
        return None
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != COUNTRY_CODE or number.extension or not phonenumbers.is_valid_number(number):
        return None
    return number


def _invalid(value: str, cell: str) -> ValidationError:
    if value == cell:
        return ValidationError(INVALID_MESSAGE, code="invalid_phone", params={"value": value})
    return ValidationError(
        INVALID_IN_LIST_MESSAGE, code="invalid_phone", params={"value": value, "cell": cell}
    )


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def split_phones(value) -> list[str]:
    """Every number of a cell, stored form, in order and without repeats; [] for a blank cell.

    Raises ValidationError naming each part that is not a Vietnamese phone number.
    """
    cell = as_text(value)
    numbers, errors = [], []
    for chunk in _LIST_SEPARATORS.split(cell):
        if not chunk:
            continue
        number = _read(chunk)
        if number is not None:
            parts = [number]
        else:  # "0912 345 678 - 0237 3852 000": two numbers; "0912 - 345 - 678" read above as one
            pieces = [piece for piece in _SPACED_DASH.split(chunk) if piece]
            parts = [_read(piece) for piece in pieces] if len(pieces) > 1 else [None]
            if None in parts:
                errors.append(_invalid(chunk, cell))
                continue
        for number in parts:
            stored = _e164(number)
            if stored not in numbers:
                numbers.append(stored)
    if errors:
        raise ValidationError(errors)
    return numbers


def parse_phone(value) -> str:
    """One number, stored form ("+84912345678"); raises ValidationError naming the value."""
    text = as_text(value)
    numbers = split_phones(text)
    if len(numbers) == 1:
        return numbers[0]
    if numbers:
        raise ValidationError(ONE_ONLY_MESSAGE, code="one_phone_only", params={"value": text})
    raise _invalid(text, text)


def normalise_phone(value):
    """The stored form of one number, or the value unchanged when it is not exactly one number
    (validation then says what is wrong with it)."""
    if isinstance(value, str) and _STORED.fullmatch(value):
        return value  # already stored form: every row read from the database
    text = as_text(value)
    number = _read(text) if text else None
    return _e164(number) if number is not None else value


def validate_phone(value) -> None:
    """Exactly one Vietnamese phone number, in any of the spellings above."""
    parse_phone(value)


def _number(value) -> phonenumbers.PhoneNumber | None:
    return _read(as_text(value)) if value else None


def display_phone(value) -> str:
    """The number grouped for reading ("0912 345 678"); a value that is not a number, as it is."""
    number = _number(value)
    if number is None:
        return as_text(value)
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


def phone_digits(value) -> str:
    """The national number without spaces ("0912345678"), or "" when it is not a number."""
    number = _number(value)
    if number is None:
        return ""
    return re.sub(r"\D", "", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))


# A run of text that may spell a number: 8 or more digits with spaces, dots, dashes,
# brackets or a leading + between them.
_NUMBER_IN_TEXT = re.compile(r"\+?\(?\d[\d\s.\-–()]{6,}\d")


def phones_in(text: str) -> list[tuple[str, str]]:
    """The phone numbers written in free text (a search query), each as (the text that
    spells it, its national digits): "gọi 0912.345.678" -> [("0912.345.678", "0912345678")]."""
    found = []
    for match in _NUMBER_IN_TEXT.finditer(text or ""):
        digits = phone_digits(match.group().strip())
        if digits:
            found.append((match.group().strip(), digits))
    return found


def tel_url(value) -> str:
    number = _number(value)
    if number is None:
        return ""
    if phonenumbers.number_type(number) in _DIALLED_AS_WRITTEN:
        return f"tel:{phone_digits(value)}"
    return f"tel:{_e164(number)}"


def zalo_url(value) -> str:
    digits = phone_digits(value)
    return f"https://zalo.me/{digits}" if digits else ""


class PhoneAs:
    """A read-only attribute giving the stored number of another attribute in one form:
    `tel_url = PhoneAs("phone", tel_url)` is the tel: link of the number in `phone`."""

    def __init__(self, attribute: str, form):
        self.attribute, self.form = attribute, form

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return self.form(getattr(instance, self.attribute))


@dataclass(frozen=True)
class Phone:
    """One number as a page shows it: the stored value, grouped for reading, and its link."""

    value: str

    display = PhoneAs("value", display_phone)
    tel_url = PhoneAs("value", tel_url)


# --- Numbers already stored -----------------------------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class StoredPhonesReport:
    """What normalising the stored numbers of one model did."""

    label: str
    changed: int = 0
    split: int = 0
    # (pk, name, field, value) of each value that does not read, kept as it was.
    unreadable: list[tuple] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not (self.changed or self.unreadable):
            return []
        lines = [
            f"Phone numbers of {self.label}: {_count(self.changed, 'row')} now in E.164"
            f" ({self.split} with several numbers in the phone field, now main and other numbers)."
        ]
        if self.unreadable:
            lines.append(
                f"{_count(len(self.unreadable), 'value')} not read as Vietnamese phone numbers, kept"
                " as typed for staff to correct (admin filter “Số điện thoại: Cần sửa”):"
            )
            lines += [f"  #{pk} {name}: {name_of} “{value}”" for pk, name, name_of, value in self.unreadable]
        return lines


def normalise_stored_phones(model, label: str) -> StoredPhonesReport:
    """Bring the numbers rows of a core.models.Contactable model already hold to the stored
    form, moving numbers after the first from the phone field to the other numbers.

    Values that do not read are left exactly as they are and reported. Rows are written
    with update(), so no save() logic or history runs; their update time moves, since
    what open data gives for them changes.
    """
    report = StoredPhonesReport(label)
    now = timezone.now()
    rows = model._default_manager.order_by("pk").values_list("pk", "name", "phone", "zalo", "extra_phones")
    for pk, name, phone, zalo, stored_extras in rows.iterator():
        new = {"phone": phone, "zalo": zalo}
        extras = [normalise_phone(number) for number in stored_extras]
        try:
            numbers = split_phones(phone)
        except ValidationError:
            report.unreadable.append((pk, name, "phone", phone))
            numbers = []
        if numbers:
            new["phone"], extras = numbers[0], numbers[1:] + extras
            report.split += len(numbers) > 1
        if zalo:
            try:
                new["zalo"] = parse_phone(zalo)
            except ValidationError:
                report.unreadable.append((pk, name, "zalo", zalo))
        new["extra_phones"] = list(dict.fromkeys(number for number in extras if number != new["phone"]))
        old = {"phone": phone, "zalo": zalo, "extra_phones": list(stored_extras)}
        changes = {key: value for key, value in new.items() if value != old[key]}
        if changes:
            model._default_manager.filter(pk=pk).update(**changes, updated_at=now)
            report.changed += 1
    return report


def unsplit_stored_phones(model) -> None:
    """Undo the move of `normalise_stored_phones` (a migration rolled back, before the other
    numbers' column is dropped): the other numbers go back into the phone field, written
    "0912345678 / 02373852000". A row whose numbers would not fit stops the rollback, so
    no number is lost."""
    max_length = model._meta.get_field("phone").max_length
    too_long = []
    rows = model._default_manager.exclude(extra_phones=[]).order_by("pk")
    for pk, phone, extras in rows.values_list("pk", "phone", "extra_phones").iterator():
        text = " / ".join(phone_digits(number) or number for number in [phone, *extras])
        if len(text) > max_length:
            too_long.append(pk)
        else:
            model._default_manager.filter(pk=pk).update(phone=text, extra_phones=[])
    if too_long:
        raise RuntimeError(
            f"{model._meta.verbose_name_plural} {too_long}: too many other numbers to put back in"
            f" the phone field ({max_length} characters); remove some before rolling back."
        )
