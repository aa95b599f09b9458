"""Vietnamese typed with the legacy TCVN3 (ABC) and VNI fonts, recognised and turned into Unicode.

Old provincial spreadsheets were typed with 8-bit fonts: the file stores the font's codes,
which any other program shows as Latin-1 letters and symbols ("Hµ Trung" for TCVN3, "Haø
Trung" for VNI, both "Hà Trung"). The code tables are data (data/tcvn3.json, data/vni.json).

A text is taken for legacy text only when it cannot be ordinary text and its conversion
can: it has no letter that only Unicode Vietnamese has (ư, ơ, đ, ạ, ế ...), some word
of it is no Vietnamese syllable as it stands, and every word becomes one once converted.
So "Hà Trung", "Hoà", "Café" or plain English are never converted on their own; a reader
decides per column by counting such cells (see reader.py).
"""

from __future__ import annotations

import json
import re
import unicodedata
from contextlib import suppress
from functools import cache
from pathlib import Path

TCVN3 = "tcvn3"
VNI = "vni"
UNICODE = "unicode"
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

_DATA = Path(__file__).with_name("data")


def _byte_forms(code: str) -> set[str]:
    """The characters a byte of an 8-bit font shows up as: Windows-1252, else Latin-1."""
    raw = bytes([int(code, 16)])
    forms = {raw.decode("latin-1")}
    with suppress(UnicodeDecodeError):
        forms.add(raw.decode("cp1252"))
    return forms


def _byte_char(code: str) -> str:
    raw = bytes([int(code, 16)])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@cache
def _tcvn3():
    table = json.loads((_DATA / "tcvn3.json").read_text(encoding="utf-8"))
    sure, doubtful = {}, {}
    for code, letter in table["letters"].items():
        for char in _byte_forms(code):
            # Codes 0x80-0x9F read as Windows-1252 are quotes, dashes and the like: a text
            # may hold them as punctuation, so they count as letters only where that makes words.
            (doubtful if 0x80 <= int(code, 16) <= 0x9F and ord(char) > 0xFF else sure)[ord(char)] = letter
    marks = {_byte_char(code): mark for code, mark in table["tone_marks"].items()}
    encode = {letter: _byte_char(code) for code, letter in table["letters"].items()}
    return sure, doubtful, marks, encode


@cache
def _vni():
    table = json.loads((_DATA / "vni.json").read_text(encoding="utf-8"))["letters"]
    decode = {sequence: letter for letter, sequence in table.items() if sequence != letter}
    # Longest first, so "ôù" (ớ) wins over "ô" (ơ).
    pattern = re.compile("|".join(re.escape(seq) for seq in sorted(decode, key=len, reverse=True)))
    return decode, pattern, dict(table)


def _candidates(encoding: str) -> frozenset[str]:
    """Characters whose presence makes a text worth testing for this legacy code."""
    if encoding == TCVN3:
        sure, doubtful, marks, _ = _tcvn3()
        return frozenset(chr(c) for c in (*sure, *doubtful) if c > 0x7F) | frozenset(marks)
    decode, _, _ = _vni()
    return frozenset(ch for seq in decode for ch in seq if ord(ch) > 0x7F)


_CANDIDATES = {name: _candidates(name) for name in (TCVN3, VNI)}
_VOWELS = "aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ"


# --- Conversion -------------------------------------------------------------------------


def to_unicode(text: str, encoding: str) -> str:
    """`text` typed in TCVN3 or VNI, as Unicode (NFC)."""
    if encoding == TCVN3:
        converted = "".join(_tcvn3_word(part) for part in re.split(r"(\s+)", text))
        converted = unicodedata.normalize("NFC", converted)
        if _typed_in_capitals(text):
            # The capital fonts (.VnTimeH) show lower-case codes in capitals.
            converted = converted.upper()
        return converted
    decode, pattern, _ = _vni()
    return unicodedata.normalize("NFC", pattern.sub(lambda match: decode[match[0]], text))


def from_unicode(text: str, encoding: str) -> str:
    """Unicode text as a TCVN3 or VNI font stores it (what a legacy spreadsheet holds)."""
    table = _tcvn3()[3] if encoding == TCVN3 else _vni()[2]
    return "".join(table.get(char, char) for char in unicodedata.normalize("NFC", text))


def _tcvn3_word(word: str) -> str:
    sure, doubtful, marks, _ = _tcvn3()
    converted = word.translate(sure)
    if marks:
        # A tone mark on its own (0xB0-0xB4) belongs to the vowel before it, and nowhere else.
        converted = re.sub(f"([{_VOWELS}])([{''.join(marks)}])", lambda m: m[1] + marks[m[2]], converted)
    if any(ord(char) in doubtful for char in converted):
        letters = converted.translate(doubtful)
        if any(char.isalpha() for char in converted if ord(char) not in doubtful) and plausible(letters):
            return letters
    return converted


def _typed_in_capitals(text: str) -> bool:
    """No lower-case ASCII letter, and a word of capitals around a lower-case TCVN3 code ("HUYÖN")."""
    if any(char.isascii() and char.islower() for char in text):
        return False
    sure = _tcvn3()[0]
    return any(
        sum(char.isascii() and char.isupper() for char in word) >= 2
        and any(sure.get(ord(char), "").islower() for char in word)
        for word in _WORD_BREAKS.split(text)
    )


# --- Recognising legacy text ----------------------------------------------------------------

# Letters only Unicode Vietnamese has (Latin Extended-A/B and Latin Extended Additional).
_UNICODE_ONLY = frozenset("ăĂđĐĩĨũŨơƠưƯ") | frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_INITIALS = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx]"
# fmt: off
_NUCLEI = (
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi",
    "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
    "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uyê", "uya", "uyu",
)
# fmt: on
_FINALS = "ch|nh|ng|[cmnptk]"
_SYLLABLE = re.compile(rf"(?:{_INITIALS})?({'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:{_FINALS})?")
_MODIFIED = frozenset("ăâêôơư")
# Words are split at spaces, digits, ASCII punctuation and the General Punctuation block
# (quotes, dashes); Latin-1 symbols (cedilla, superscript one, ©) stay inside words: TCVN3 letters.
_WORD_BREAKS = re.compile(r"[\s\d!-/:-@\[-`{-~\u2000-\u206f]+")


@cache
def is_syllable(word: str) -> bool:
    """Whether `word` is one Vietnamese syllable (in Unicode), e.g. "Trường", "quốc", "gì", "hoà".

    The tone must sit where Vietnamese puts it: "xáo" is a syllable, "xaó" is not (it is VNI
    for "xã"); "hòa" and "hoà" both are (old and new style).
    """
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = [mark for mark in decomposed if mark in _TONES]
        if tone:
            tones.append((len(letters), tone[0]))
        bare = "".join(mark for mark in decomposed if mark not in _TONES)
        letters.append(unicodedata.normalize("NFC", bare))
    bare = "".join(letters)
    if len(tones) > 1 or len(bare) != len(letters):
        return False
    match = _SYLLABLE.fullmatch(bare)
    if not match:
        return False
    if not tones:
        return True
    position, tone = tones[0]
    # A syllable ending in c, ch, p or t takes only the sắc or nặng tone.
    if tone not in ("\u0301", "\u0323") and bare.endswith(("c", "p", "t")):
        return False
    start, end = match.span(1)
    return position - start in _tone_places(bare[start:end], has_final=end < len(bare))


def _tone_places(nucleus: str, *, has_final: bool) -> tuple[int, ...]:
    """Where in its vowels a syllable carries the tone."""
    modified = [index for index, vowel in enumerate(nucleus) if vowel in _MODIFIED]
    if modified:
        return (modified[-1],)  # ê of "iê", ơ of "ươ", â of "âu"
    if len(nucleus) == 1 or has_final:
        return (len(nucleus) - 1,)
    if len(nucleus) == 3:
        return (1,)  # "oai", "uya"
    if nucleus in ("oa", "oe", "uy"):
        return (0, 1)  # "hòa" and "hoà"
    return (0,)  # "ai", "ao", "ia", "ua"


def plausible(text: str) -> bool:
    """Every word is plain ASCII (English, codes, abbreviations) or a Vietnamese syllable."""
    text = unicodedata.normalize("NFC", text)
    return all(word.isascii() or is_syllable(word) for word in _WORD_BREAKS.split(text) if word)


def looks_like(text: str, encoding: str) -> bool:
    """Whether `text` reads as TCVN3 or VNI text and not as ordinary text."""
    if not text or text.isascii() or any(char in _UNICODE_ONLY for char in text):
        return False
    candidates = _CANDIDATES[encoding]
    # The evidence is a word mixing ASCII letters with codes ("Hµ", "Haø"): a lone "©" or "½" is not.
    if not any(
        any(char in candidates for char in word) and any(char.isascii() and char.isalpha() for char in word)
        for word in _WORD_BREAKS.split(text)
    ):
        return False
    if plausible(text):
        return False
    converted = to_unicode(text, encoding)
    return converted != text and plausible(converted)


def classify(text: str) -> str | None:
    """TCVN3, VNI, UNICODE (has letters only Unicode Vietnamese has) or None (no evidence)."""
    if not isinstance(text, str) or text.isascii():
        return None
    if any(char in _UNICODE_ONLY for char in text):
        return UNICODE
    for encoding in (TCVN3, VNI):
        if looks_like(text, encoding):
            return encoding
    return None
