"""Vietnamese text folding for accent- and case-insensitive matching.

Searches compare folded text with folded text, so "dong son", "ĐÔNG SƠN" and
"Đông Sơn" all become "dong son". The same Python function folds the stored
column and the query, so SQLite and PostgreSQL behave identically.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")
# "đ" is a letter of its own, not "d" with a combining mark: NFD leaves it alone.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics, fold đ to d, keep letters and digits only."""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_D_STROKE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold()).replace("_", " ").split())


def fold_terms(text: str, *, limit: int = 8) -> list[str]:
    """The distinct folded words of a query, in order, at most `limit` of them."""
    terms: list[str] = []
    for word in fold(text).split():
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def spelling(text: str) -> str:
    """Text as spelt, accents kept: composed, lower case, single spaces ("Gà  ta" -> "gà ta")."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def padded(text: str) -> str:
    """Folded text with a space at each end (" nha thuoc "), as search columns store it, so
    a whole word is `LIKE '% word %'` and a word's beginning `LIKE '% wo%'`."""
    folded = fold(text)
    return f" {folded} " if folded else ""


def thousands(number: int) -> str:
    """50000 -> '50.000': Vietnamese groups thousands with dots."""
    return f"{int(number):,}".replace(",", ".")
