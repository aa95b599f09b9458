import pytest

from core.contact import phone_digits, tel_url, validate_phone, zalo_url
from core.text import fold, fold_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đông Sơn", "dong son"),
        ("ĐÔNG SƠN", "dong son"),
        ("dong son", "dong son"),
        ("Huyện Hà Trung", "huyen ha trung"),
        ("Nước mắm, cá  kho!", "nuoc mam ca kho"),
        ("Ỷ Lan – quả ổi", "y lan qua oi"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("' OR 1=1 --", "or 1 1"),
        ("a\x00b", "a b"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_terms_are_distinct_and_bounded():
    assert fold_terms("Hà hà HA trung") == ["ha", "trung"]
    assert len(fold_terms(" ".join(f"w{i}" for i in range(50)))) == 8
    assert fold_terms("!!! ---") == []


@pytest.mark.parametrize(
    "phone", ["0915351008", "0915 351 008", "+84 915.351.008", "0237 3852 000", "1800 1234"]
)
def test_valid_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "abc", "0915-351", "09153510089999", ""])
def test_invalid_phones(phone):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        validate_phone(phone)
    assert "Số điện thoại không hợp lệ" in str(exc.value)


def test_one_tap_links():
    assert phone_digits("+84 915.351.008") == "0915351008"
    assert tel_url("0915 351 008") == "tel:0915351008"
    assert zalo_url("0915 351 008") == "https://zalo.me/0915351008"
    assert zalo_url("") == ""
