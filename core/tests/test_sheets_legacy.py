"""TCVN3 (ABC) and VNI text: the code tables, conversion, and telling it from ordinary text."""

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from core.sheets import legacy

DATA = Path(legacy.__file__).with_name("data")
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, sắc, huyền, hỏi, ngã, nặng
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]


def all_letters():
    """Every Vietnamese letter with a diacritic, in both cases: 12 vowels x 6 tones, and đ (134)."""
    letters = []
    for vowel in VOWELS:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            if letter not in "aeiouy":
                letters += [letter, letter.upper()]
    return [*letters, "đ", "Đ"]


def test_the_alphabet_has_134_letters_with_diacritics():
    letters = all_letters()
    assert len(letters) == len(set(letters)) == 134


@pytest.mark.parametrize("encoding", [legacy.TCVN3, legacy.VNI])
def test_the_data_tables_cover_every_letter_in_both_cases(encoding):
    table = json.loads((DATA / f"{encoding}.json").read_text(encoding="utf-8"))["letters"]
    letters = set(table.values()) if encoding == legacy.TCVN3 else set(table)
    assert set(all_letters()) <= letters


@pytest.mark.parametrize("encoding", [legacy.TCVN3, legacy.VNI])
@pytest.mark.parametrize("letter", all_letters())
def test_every_letter_with_every_tone_round_trips(encoding, letter):
    for word in (f"Ng{letter}n", f"{letter}n", f"Kh{letter}"):
        assert legacy.to_unicode(legacy.from_unicode(word, encoding), encoding) == word
    encoded = legacy.from_unicode(letter, encoding)
    if encoding == legacy.TCVN3 and ord(encoded) > 0xFF:
        # Codes 0x80-0x9F read as Windows-1252 are also quotes, dashes, Š, Œ: alone, they stay so.
        assert legacy.to_unicode(encoded, encoding) == encoded
    else:
        assert legacy.to_unicode(encoded, encoding) == letter


@pytest.mark.parametrize("encoding", [legacy.TCVN3, legacy.VNI])
def test_a_whole_pangram_round_trips(encoding):
    text = "Tiếng Việt: Đắk Lắk, Hà Trung, Thanh Hóa; Nguyễn Thị Hương, 0912 345 678 – Ủy ban nhân dân."
    assert legacy.to_unicode(legacy.from_unicode(text, encoding), encoding) == text


def test_legacy_codes_are_as_spreadsheets_show_them():
    # TCVN3 bytes shown as Windows-1252 / Latin-1 characters; VNI as a base letter and marks.
    assert legacy.from_unicode("Hà Trung", legacy.TCVN3) == "Hµ Trung"
    assert legacy.from_unicode("Hà Trung", legacy.VNI) == "Haø Trung"
    assert legacy.to_unicode("TiÕng ViÖt rÊt hay", legacy.TCVN3) == "Tiếng Việt rất hay"
    assert legacy.to_unicode("Tieáng Vieät raát hay", legacy.VNI) == "Tiếng Việt rất hay"
    assert legacy.to_unicode("Tröôøng", legacy.VNI) == "Trường"


def test_tcvn3_capital_font_text_comes_back_in_capitals():
    # .VnTimeH shows the lower-case codes as capitals: "HUYÖN" is HUYỆN, not HUYệN.
    assert legacy.to_unicode("UBND HUYÖN Hµ TRUNG", legacy.TCVN3) == "UBND HUYỆN HÀ TRUNG"
    assert legacy.to_unicode("DANH S¸CH §IÓM B¸N", legacy.TCVN3) == "DANH SÁCH ĐIỂM BÁN"
    # One capital is not a capital font.
    assert legacy.to_unicode("Hµ Trung", legacy.TCVN3) == "Hà Trung"
    assert legacy.to_unicode("X·/TT", legacy.TCVN3) == "Xã/TT"


def test_tcvn3_quotes_and_dashes_stay_punctuation():
    # Windows-1252 quotes are also TCVN3 codes of capitals: they stay quotes where no word results.
    assert legacy.to_unicode("“Hµ Trung” – ®iÓm b¸n", legacy.TCVN3) == "“Hà Trung” – điểm bán"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hµ Trung", legacy.TCVN3),
        ("Tªn ®iÓm b¸n", legacy.TCVN3),
        ("Sè ®iÖn tho¹i", legacy.TCVN3),
        ("Haø Trung", legacy.VNI),
        ("Teân ñieåm baùn", legacy.VNI),
        ("Soá ñieän thoaïi", legacy.VNI),
    ],
)
def test_legacy_text_is_recognised(text, kind):
    assert legacy.classify(text) == kind


ORDINARY = [
    "Hà Trung",
    "Hoà Bình",
    "Hòa",
    "Thanh Hóa",
    "Nguyễn Văn A",
    "Cửa hàng tạp hóa Bình Minh",
    "Xã/TT",
    "Số điện thoại",
    "Phòng",
    "cô tô",
    "Café",
    "José Ramón",
    "Müller GmbH",
    "Crème brûlée",
    "STT",
    "Grocery store",
    "0912345678",
    "25°C",
    "© 2021",
    "½ kg",
    "Tổng cộng",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_never_taken_for_legacy_text(text):
    assert legacy.classify(text) in (None, legacy.UNICODE)
    assert not legacy.looks_like(text, legacy.TCVN3)
    assert not legacy.looks_like(text, legacy.VNI)


def test_syllables():
    for word in ["Trường", "quốc", "gì", "giữ", "nghiêng", "khuỷu", "Đắk", "xoong", "oái"]:
        assert legacy.is_syllable(word), word
    for word in ["hòa", "hoà", "xáo", "Huỳnh", "người"]:
        assert legacy.is_syllable(word), word
    # The tone sits where Vietnamese puts it: "Xaõ" is no syllable, it is VNI for "Xã".
    assert legacy.classify("Xaõ") == legacy.VNI
    for word in ["Hµ", "Haø", "Cafộ", "Mỹller", "àá", "bàt", "xaõ", "hoaì"]:
        assert not legacy.is_syllable(word), word


@pytest.mark.skipif(not shutil.which("iconv"), reason="needs the C library's iconv")
def test_the_tcvn3_table_is_the_standard_one():
    """The table agrees with the C library's TCVN5712-1 converter, byte for byte."""
    table = json.loads((DATA / "tcvn3.json").read_text(encoding="utf-8"))
    codes = {**table["letters"], **table["tone_marks"]}
    raw = b"\n".join(bytes([int(code, 16)]) for code in codes)
    converted = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True
    ).stdout.decode()
    assert dict(zip(codes, converted.split("\n"), strict=True)) == codes
