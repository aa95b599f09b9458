"""Matching column headers to the fields an app describes, by meaning rather than spelling.

Headers and names are compared folded (core.text.fold: lower case, no accents, đ as d,
punctuation and spaces collapsed), so "SỐ ĐIỆN THOẠI", "Số điện thoại:" and "so dien
thoai" are one name. Each field brings its label and synonyms; a header scores against
the best of them:

- equal after folding: 1.0;
- the header holds the whole name ("Số điện thoại liên hệ" for "Số điện thoại"):
  0.3 + 0.6 x the share of the header's words the name covers;
- the header is part of a name ("Điện thoại" for "Số điện thoại"): 0.3 + 0.4 x that share;
- otherwise the words they share: 0.6 x (shared / all words).

Proposals start at MIN_CONFIDENCE. One field goes to one column: the most confident pair is
taken first, the leftmost column on a tie. "STT", "TT", "Số TT" mark the row-number column.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.text import fold

MIN_CONFIDENCE = 0.5
ROW_NUMBER_NAMES = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu", "no", "so"})


@dataclass(frozen=True)
class Field:
    """A field an app can fill from a column: its key, its label, and other names for it.

    Give the label and synonyms in Vietnamese as plain strings: headers are matched
    against them whatever the user's language (a lazy translation works as its text).
    """

    key: str
    label: str
    synonyms: tuple[str, ...] = ()

    def names(self):
        yield str(self.label)
        yield from (str(name) for name in self.synonyms)


def similarity(header: str, name: str) -> float:
    """How well a folded header matches a folded name, 0 to 1 (see the module docstring)."""
    if not header or not name:
        return 0.0
    if header == name:
        return 1.0
    header_words, name_words = header.split(), name.split()
    if _holds(header_words, name_words):
        return 0.3 + 0.6 * len(name_words) / len(header_words)
    if _holds(name_words, header_words):
        return 0.3 + 0.4 * len(header_words) / len(name_words)
    shared = set(header_words) & set(name_words)
    return 0.6 * len(shared) / len(set(header_words) | set(name_words)) if shared else 0.0


def _holds(words: list[str], part: list[str]) -> bool:
    """Whether `part` appears in `words` as consecutive whole words."""
    size = len(part)
    return any(words[start : start + size] == part for start in range(len(words) - size + 1))


class Matcher:
    """The fields of one import, with a user's saved mapping (header text -> field key or None)."""

    def __init__(self, fields, saved_mapping=None):
        self.fields = tuple(fields)
        keys = [field.key for field in self.fields]
        if len(set(keys)) != len(keys):
            raise ValueError(f"Field keys must be unique: {keys}")
        self.keys = frozenset(keys)
        self._names = [(field.key, folded) for field in self.fields for folded in map(fold, field.names())]
        self.exact_names = frozenset(folded for _key, folded in self._names if folded)
        self.saved = {}
        for header, key in (saved_mapping or {}).items():
            folded = fold(header)
            # A saved mapping may name a field the app no longer has: it is ignored.
            if folded and (key is None or key in self.keys):
                self.saved.setdefault(folded, key)
        self._memo: dict[str, dict[str, float]] = {}

    def candidates(self, header: str) -> dict[str, float]:
        """{field key: confidence} for every field this header could be, at MIN_CONFIDENCE or more."""
        folded = fold(header)
        if folded not in self._memo:
            found: dict[str, float] = {}
            if self.saved.get(folded) is not None:
                found[self.saved[folded]] = 1.0
            # "TT" is a row number before it is part of "Xã/TT": only an exact name beats that.
            least = 1.0 if folded in ROW_NUMBER_NAMES else MIN_CONFIDENCE
            for key, name in self._names:
                score = similarity(folded, name)
                if score >= least and score > found.get(key, 0.0):
                    found[key] = score
            self._memo[folded] = found
        return self._memo[folded]

    @staticmethod
    def is_row_number(header: str) -> bool:
        return fold(header) in ROW_NUMBER_NAMES


def assign(candidates: dict[int, dict[str, float]], *, taken=()) -> dict[int, tuple[str, float]]:
    """{column: (field key, confidence)}: best pairs first, one field per column and column per field."""
    pairs = sorted(
        ((score, -column, key) for column, found in candidates.items() for key, score in found.items()),
        reverse=True,
    )
    used_fields = set(taken)
    chosen: dict[int, tuple[str, float]] = {}
    for score, negative_column, key in pairs:
        column = -negative_column
        if column not in chosen and key not in used_fields:
            chosen[column] = (key, score)
            used_fields.add(key)
    return chosen
