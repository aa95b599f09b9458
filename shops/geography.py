"""District-level units from official administrative data.

The pre-2025 list with official codes comes from the `vietnam-provinces` package
(0.6.x carries provinces, districts and wards as they stood before 1 July 2025).
Units the handbook covered that the data set has since merged are supplemented
from shops/data/former_districts.json.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from core.text import fold

FORMER_DISTRICTS = Path(__file__).parent / "data" / "former_districts.json"
_KIND_PREFIXES = (("Thành phố ", "city"), ("Thị xã ", "town"), ("Huyện ", "rural"), ("Quận ", "city"))


@dataclass(frozen=True)
class DistrictRecord:
    code: int
    name: str
    province_code: int
    note: str = ""

    @property
    def kind(self) -> str:
        return next((kind for prefix, kind in _KIND_PREFIXES if self.name.startswith(prefix)), "rural")

    @property
    def short_name(self) -> str:
        for prefix, _kind in _KIND_PREFIXES:
            if self.name.startswith(prefix):
                return self.name.removeprefix(prefix)
        return self.name

    @property
    def slug(self) -> str:
        return slugify(fold(self.short_name))


class UnknownProvince(LookupError):
    pass


def official_province(province_code: int) -> dict:
    import vietnam_provinces

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as f:
        provinces = json.load(f)
    for province in provinces:
        if province["code"] == province_code:
            return province
    raise UnknownProvince(province_code)


def district_records(province_code: int) -> list[DistrictRecord]:
    """Every district-level unit of the province, ordered by official code."""
    province = official_province(province_code)
    records = {
        d["code"]: DistrictRecord(code=d["code"], name=d["name"], province_code=province_code)
        for d in province["districts"]
    }
    former = json.loads(FORMER_DISTRICTS.read_text(encoding="utf-8")).get(str(province_code), [])
    for d in former:
        records.setdefault(d["code"], DistrictRecord(province_code=province_code, **d))
    return sorted(records.values(), key=lambda r: r.code)


# Folded words a district's name may start with: "Huyện Hà Trung", "TP. Thanh Hóa", "H. Hà Trung".
_FOLDED_PREFIXES = ("thanh pho", "thi xa", "thi tran", "huyen", "quan", "tp", "tx", "h")


def district_key(text) -> str:
    """A district's name reduced for matching: folded, without its kind prefix."""
    folded = fold(text)
    for prefix in _FOLDED_PREFIXES:
        if folded.startswith(prefix + " "):
            return folded.removeprefix(prefix + " ")
    return folded


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
