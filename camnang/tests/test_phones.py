"""Vietnamese phone numbers as core.contact reads, stores, shows and dials them."""

import pytest
from django.core.exceptions import ValidationError

from core.contact import (
    display_phone,
    normalise_phone,
    parse_phone,
    phone_digits,
    split_phones,
    tel_url,
    validate_phone,
    zalo_url,
)


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912.345.678", "+84912345678"),
        ("0912 345 678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("(+84) 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("912345678", "+84912345678"),  # Excel dropped the leading 0
        (912345678, "+84912345678"),  # ... and gave a number
        (912345678.0, "+84912345678"),
        ("+84 915.351.008", "+84915351008"),
        ("(0237) 3852 000", "+842373852000"),  # landline with its area code
        ("0237 3852 000", "+842373852000"),
        ("024 3826 8888", "+842438268888"),
        ("1800 1234", "+8418001234"),  # service numbers are Vietnamese numbers too
        ("1900 123456", "+841900123456"),
        ("0301234567", "+84301234567"),
    ],
)
def test_every_usual_spelling_reads_to_one_stored_form(typed, stored):
    assert parse_phone(typed) == stored
    assert normalise_phone(typed) == stored
    validate_phone(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "12ab",
        "12345",
        "0915-351",
        "09153510089999",
        "0912345678 anh Hùng",
        "0912 345 678 ext 12",
        "ĐT: 0912 345 678",  # a label is not part of the number
        "+1 202 555 0100",  # not a Vietnamese number
        "0551234567",  # a range not in use in Vietnam
        "3852 000",  # a landline without its area code
    ],
)
def test_what_is_not_a_vietnamese_phone_number_is_refused_by_name(typed):
    with pytest.raises(ValidationError) as refused:
        validate_phone(typed)
    assert messages(refused.value) == [
        f"Số điện thoại không hợp lệ: “{typed}”. "
        "Ghi số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0237 3852 000."
    ]
    assert normalise_phone(typed) == typed  # kept as typed, never changed into another number


def test_a_blank_value_is_not_a_number():
    with pytest.raises(ValidationError):
        validate_phone("")
    assert split_phones("") == [] and split_phones(None) == []


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+84912345678", "0912 345 678"),
        ("+84301234567", "0301 234 567"),
        ("+842373852000", "0237 3852 000"),
        ("+842438268888", "024 3826 8888"),
        ("+8418001234", "1800 1234"),
        ("0912.345.678", "0912 345 678"),
    ],
)
def test_numbers_are_shown_grouped_the_national_way(stored, shown):
    assert display_phone(stored) == shown


def test_links_dial_the_international_form_and_zalo_the_national_one():
    assert tel_url("+84912345678") == "tel:+84912345678"
    assert tel_url("0237 3852 000") == "tel:+842373852000"
    assert tel_url("0915 351 008") == "tel:+84915351008"
    assert zalo_url("+84912345678") == "https://zalo.me/0912345678"
    assert phone_digits("+84 915.351.008") == "0915351008"
    assert zalo_url("") == "" and tel_url("") == ""


def test_service_numbers_are_dialled_as_written():
    # 1800/1900 numbers are reachable from inside Vietnam only, without the country code.
    assert tel_url("+8418001234") == "tel:18001234"
    assert tel_url("1900 123456") == "tel:1900123456"


def test_a_value_that_does_not_read_is_shown_as_typed_and_not_dialled():
    assert display_phone("0912 345 678 (anh Hùng)") == "0912 345 678 (anh Hùng)"
    assert tel_url("0912 345 678 (anh Hùng)") == ""
    assert zalo_url("0912 345 678 (anh Hùng)") == ""


@pytest.mark.parametrize(
    "cell",
    [
        "0912 345 678 / 0237 3852 000",
        "0912.345.678; 0237.3852.000",
        "0912345678, 02373852000",
        "0912 345 678 - 0237 3852 000",
        "0912 345 678 – (0237) 3852 000",
        "0912 345 678 hoặc 0237 3852 000",
        "0912 345 678 hoac 0237 3852 000",
        "0912 345 678 và 0237 3852 000",
        "0912 345 678\n0237 3852 000",
        "0912-345-678 / 0237-3852-000",
        "0912 345 678 / 0237 3852 000 / 0912.345.678",  # a repeated number counts once
    ],
)
def test_several_numbers_in_one_cell_are_read_in_order(cell):
    assert split_phones(cell) == ["+84912345678", "+842373852000"]


def test_a_number_written_with_dashes_is_one_number():
    assert split_phones("0912-345-678") == ["+84912345678"]
    assert split_phones("0912 - 345 - 678") == ["+84912345678"]


def test_a_bad_part_of_a_cell_is_named_with_the_cell():
    with pytest.raises(ValidationError) as refused:
        split_phones("0912 345 678 / 12ab / 0237 3852 000")
    assert messages(refused.value) == [
        "Số điện thoại không hợp lệ: “12ab” (trong “0912 345 678 / 12ab / 0237 3852 000”). "
        "Ghi số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0237 3852 000; "
        "nhiều số thì cách nhau bằng dấu /."
    ]


def test_where_one_number_is_expected_several_are_refused():
    with pytest.raises(ValidationError) as refused:
        parse_phone("0912 345 678 / 0237 3852 000")
    assert messages(refused.value) == ["Chỉ ghi một số điện thoại ở đây: “0912 345 678 / 0237 3852 000”."]
    assert normalise_phone("0912 345 678 / 0237 3852 000") == "0912 345 678 / 0237 3852 000"
