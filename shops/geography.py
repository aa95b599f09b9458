"""The province's administrative units from official data: the communes and wards of today
(since 1 July 2025), the district-level units and communes they replaced, and the official
crosswalk from each former commune to its current unit(s).

Sources, pinned in requirements.txt:

- current units, with their codes: the `vietnam-provinces` package, release 2025.10.1
  (data of 18 October 2025, from the General Statistics Office's list of the units formed
  on 1 July 2025);
- former units (as they stood on 30 June 2025, with their codes) and the crosswalk from
  each former commune to the current one, or to the current ones it was divided between
  with the default for an address that does not say which part: the `vietnamadminunits`
  package, release 1.0.4 (MIT), from the National Assembly Standing Committee's
  resolutions of June 2025 on each province's new communes;
- shops/data/former_districts.json: district-level units the 2021 handbook covers that
  the former-unit data no longer lists because they were merged before July 2025 (Đông
  Sơn, merged into Thanh Hóa city in 2024), with the codes of their communes.

The two packages give the same names for the current units but, for a few, different
codes; the crosswalk is therefore joined to the current units by name within the
province, and the codes come from `vietnam-provinces`.
"""

import json
import re
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import ClassVar

from django.utils.text import slugify

from core.text import fold

FORMER_DISTRICTS = Path(__file__).parent / "data" / "former_districts.json"
_KIND_PREFIXES = (("Thành phố ", "city"), ("Thị xã ", "town"), ("Huyện ", "rural"), ("Quận ", "city"))
_COMMUNE_KINDS = {"xã": "commune", "phường": "ward", "đặc khu": "special_zone", "thị trấn": "township"}


class UnknownProvince(LookupError):
    pass


def _package_file(package: str, *parts: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the {package} package is not installed (see requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _key(name: str) -> str:
    """What both data sets compare names by: folded, without spaces ("Xã Hà Trung" -> "xahatrung")."""
    return fold(name).replace(" ", "")


def _short(name: str, prefixes) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


@dataclass(frozen=True)
class UnitRecord:
    """An administrative unit as the official data gives it: its code and full name."""

    code: int
    name: str

    # What the short name leaves out of the full name ("Xã ", "Huyện "…).
    NAME_PREFIXES: ClassVar[tuple[str, ...]] = ()
    # Whether the slug is made from the short name ("ha-trung") or the full one ("xa-ha-trung").
    SLUG_FROM_SHORT_NAME: ClassVar[bool] = False

    @property
    def short_name(self) -> str:
        return _short(self.name, self.NAME_PREFIXES)

    @property
    def slug(self) -> str:
        return slugify(fold(self.short_name if self.SLUG_FROM_SHORT_NAME else self.name))


# --- Former district-level units ---------------------------------------------------------


@dataclass(frozen=True)
class DistrictRecord(UnitRecord):
    province_code: int
    note: str = ""

    NAME_PREFIXES = tuple(prefix for prefix, _kind in _KIND_PREFIXES)
    SLUG_FROM_SHORT_NAME = True

    @property
    def kind(self) -> str:
        return next((kind for prefix, kind in _KIND_PREFIXES if self.name.startswith(prefix)), "rural")


# --- Current communes and wards ----------------------------------------------------------


@dataclass(frozen=True)
class CommuneRecord(UnitRecord):
    kind: str  # commune, ward or special_zone
    province_code: int

    NAME_PREFIXES = ("Xã ", "Phường ", "Đặc khu ")


# --- Former communes and the crosswalk ------------------------------------------------------


@dataclass(frozen=True)
class FormerCommuneRecord(UnitRecord):
    kind: str  # commune, ward or township
    district_code: int
    # (current unit's code, is the default) for each unit it became part of.
    successors: tuple[tuple[int, bool], ...] = field(default=())

    NAME_PREFIXES = ("Xã ", "Phường ", "Thị trấn ")


@dataclass(frozen=True)
class Province:
    code: int
    name: str
    districts: list[DistrictRecord]
    communes: list[CommuneRecord]
    former_communes: list[FormerCommuneRecord]


@cache
def _current_provinces() -> dict:
    path = _package_file("vietnam_provinces", "data", "nested-divisions.json")
    return {p["code"]: p for p in json.loads(path.read_text(encoding="utf-8"))}


@cache
def _crosswalk() -> dict:
    path = _package_file("vietnamadminunits", "data", "converter_2025.json")
    return json.loads(path.read_text(encoding="utf-8"))


# How the crosswalk names a former commune: province, district and commune keys joined by "_".
_LEGACY_KEY = ("provinceKey", "districtKey", "wardKey")


def _legacy_rows(province_keys: list[str]) -> list[sqlite3.Row]:
    path = _package_file("vietnamadminunits", "data", "dataset.db")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        marks = ",".join("?" * len(province_keys))
        return connection.execute(
            "SELECT provinceKey, district, districtCode, districtKey, ward, wardCode, wardKey, wardType "
            f"FROM admin_units_legacy WHERE provinceKey IN ({marks}) AND ward IS NOT NULL "
            "ORDER BY CAST(wardCode AS INTEGER)",
            province_keys,
        ).fetchall()


def _province_key(province_code: int) -> str:
    path = _package_file("vietnamadminunits", "data", "dataset.db")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        row = connection.execute(
            "SELECT provinceKey FROM admin_units WHERE CAST(provinceCode AS INTEGER) = ? LIMIT 1",
            (province_code,),
        ).fetchone()
    if row is None:
        raise UnknownProvince(province_code)
    return row[0]


def province(province_code: int) -> Province:
    """Every unit of the province, today's and former ones, with the crosswalk between them."""
    current = _current_provinces().get(province_code)
    if current is None:
        raise UnknownProvince(province_code)
    communes = [
        CommuneRecord(
            code=unit["code"],
            name=unit["name"],
            kind=_COMMUNE_KINDS.get(unit["division_type"], "commune"),
            province_code=province_code,
        )
        for unit in current["wards"]
    ]
    code_of = {}
    for commune in communes:
        # A name shared by two units of the province would be ambiguous: such units get no crosswalk.
        code_of[_key(commune.name)] = None if _key(commune.name) in code_of else commune.code

    new_key = _province_key(province_code)
    crosswalk = _crosswalk()
    old_keys = crosswalk["DICT_PROVINCE"].get(new_key, [new_key])
    whole = crosswalk["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {})
    divided = crosswalk["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {})
    successors: dict[str, list[tuple[int, bool]]] = {}
    for new_ward, olds in whole.items():
        if code_of.get(new_ward):
            for old in olds:
                successors.setdefault(old, []).append((code_of[new_ward], True))
    for old, parts in divided.items():
        successors[old] = [
            (code_of[part["newWardKey"]], bool(part["isDefaultNewWard"]))
            for part in parts
            if code_of.get(part["newWardKey"])
        ]

    extra = json.loads(FORMER_DISTRICTS.read_text(encoding="utf-8")).get(str(province_code), [])
    moved = {code: d["code"] for d in extra for code in d.get("communes", [])}
    districts = {
        d["code"]: DistrictRecord(code=d["code"], name=d["name"], province_code=province_code, note=d["note"])
        for d in extra
    }
    former = []
    for row in _legacy_rows(old_keys):
        district_code, ward_code = int(row["districtCode"]), int(row["wardCode"])
        record = DistrictRecord(code=district_code, name=row["district"], province_code=province_code)
        districts.setdefault(district_code, record)
        former.append(
            FormerCommuneRecord(
                code=ward_code,
                name=row["ward"],
                kind=_COMMUNE_KINDS.get((row["wardType"] or "xã").lower(), "commune"),
                district_code=moved.get(ward_code, district_code),
                successors=tuple(
                    successors.get(f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}", ())
                ),
            )
        )
    return Province(
        code=province_code,
        name=current["name"],
        districts=sorted(districts.values(), key=lambda d: d.code),
        communes=communes,
        former_communes=former,
    )


def district_records(province_code: int) -> list[DistrictRecord]:
    """Every former district-level unit of the province, ordered by official code."""
    return province(province_code).districts


# --- Matching what people type -----------------------------------------------------------

# Folded words a unit's name may start with: "Huyện Hà Trung", "TP. Thanh Hóa", "H. Hà Trung".
_FOLDED_PREFIXES = ("thanh pho", "thi xa", "thi tran", "huyen", "quan", "tp", "tx", "h")
_FOLDED_COMMUNE_PREFIXES = ("thi tran", "phuong", "dac khu", "xa", "tt", "p", "x")


def district_key(text) -> str:
    """A district's name reduced for matching: folded, without its kind prefix."""
    folded = fold(text)
    for prefix in _FOLDED_PREFIXES:
        if folded.startswith(prefix + " "):
            return folded.removeprefix(prefix + " ")
    return folded


# The kind words that may begin a written commune name, as spelt with accents.
_COMMUNE_KIND_WORDS = {"thị trấn", "phường", "đặc khu", "xã"}


def unit_key(short_name: str) -> str:
    """The matching key of a commune's own short name ("Phượng Nghi" -> "phuong nghi")."""
    return fold(short_name)


def split_commune_kind(text) -> tuple[str | None, list[str]]:
    """The kind word a written commune name begins with, folded ("xa", "phuong", "tt", …;
    None if none), and the keys the name may have: folded, without that word, the likelier
    reading first.

    A kind word is only taken off when it is one: "Phượng Nghi" is a name, not the ward
    "Nghi". Typed without accents the first word may be either ("phuong nghi"), so both
    readings are given.
    """
    written = re.sub(r"^(\w+)\s*\.\s*", r"\1 ", " ".join(str(text or "").split()).casefold())
    written = unicodedata.normalize("NFC", written)
    folded = fold(written)
    for prefix in _FOLDED_COMMUNE_PREFIXES:
        if folded.startswith(prefix + " "):
            rest = folded.removeprefix(prefix + " ")
            head = " ".join(written.split()[: prefix.count(" ") + 1])
            if head in _COMMUNE_KIND_WORDS:
                return prefix, [rest]
            if head == prefix:  # typed without accents: a kind word or the start of a name
                return prefix, [rest, folded]
            return None, [folded]
    return None, [folded]


def commune_keys(text) -> list[str]:
    """The keys a written commune name may have (see split_commune_kind)."""
    return split_commune_kind(text)[1]


class DistrictMatcher:
    """Finds a district from what staff typed: "Huyện Hà Trung", "ha trung", "Hà Trung", "392".

    Built once from the districts (one query) and then used for every row of a file.
    """

    def __init__(self, districts):
        self.by_key = {}
        for district in districts:
            keys = {district_key(district.name), district_key(district.short_name), str(district.code)}
            keys.add(district.slug.replace("-", " "))
            for key in keys:
                self.by_key.setdefault(key, district)

    def match(self, text):
        if text is None:
            return None
        if isinstance(text, float) and text.is_integer():
            text = int(text)
        return self.by_key.get(district_key(str(text)))
