"""Name lists and templates for the fictional demo directory, read from demo/data/*.json.

Everything there is invented for demonstration. The communes demo rows sit in are real
units of today, read from the database (`manage.py load_places`), so that addresses
read naturally; no shop or producer described with them exists.

Text placeholders in the templates: {brand} a trade or couple name, {pharmacy} a
pharmacy name, {given} a stall keeper's given name, {place} the commune without its
prefix, {commune} the commune with a lower-case prefix ("xã Hà Lĩnh"), {person} a
full name. Producers and products are named after an invented trade name, never after
a real place: in their names {place} and {brand} both stand for that trade name, and
no product name carries a real place (a speciality's place would read as the real
product of that place).
"""

import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _tuples(value):
    """JSON lists as tuples, at every depth: the tables are never changed."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _load(name: str) -> dict:
    return _tuples(json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8")))


@dataclass(frozen=True)
class ShopTemplate:
    """A shop name pattern and the categories that fit it."""

    pattern: str
    categories: tuple[str, ...]
    extra_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductSpec:
    """One kind of farm product. `shape` and `colour` drive the placeholder photo;
    `districts`, when set, limits the product to the districts it is known from."""

    name: str
    category: str
    unit: str
    price: tuple[int, int]
    months: tuple[int, ...]
    shape: str
    colour: tuple[int, int, int]
    alt: str
    description: str
    districts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """What a producer makes: its name patterns, products, scene and blurbs."""

    cooperative: tuple[str, ...]
    coop_group: str
    household: str
    business: tuple[str, ...]
    products: tuple[str, ...]
    scene: str
    photo_alt: str
    blurbs: tuple[str, ...]


# --- Places (places.json) ---------------------------------------------------------
_places = _load("places")
# Communes (pre-2025 units) by district slug.
# Highland districts, where villages are "bản" rather than "thôn".
HIGHLAND_DISTRICTS: set[str] = set(_places["highland_districts"])
PROVINCIAL_CITY: str = _places["provincial_city"]
STREETS: tuple[str, ...] = _places["streets"]
VILLAGES: tuple[str, ...] = _places["villages"]
HIGHLAND_VILLAGES: tuple[str, ...] = _places["highland_villages"]

# --- People and business names (people.json) --------------------------------------
_people = _load("people")
FAMILY_NAMES: tuple[str, ...] = _people["family_names"]
HIGHLAND_FAMILY_NAMES: tuple[str, ...] = _people["highland_family_names"]
MALE_MIDDLE: tuple[str, ...] = _people["male_middle"]
FEMALE_MIDDLE: tuple[str, ...] = _people["female_middle"]
MALE_GIVEN: tuple[str, ...] = _people["male_given"]
FEMALE_GIVEN: tuple[str, ...] = _people["female_given"]
# Two-syllable trade names of the kind family businesses use.
TRADE_NAMES: tuple[str, ...] = _people["trade_names"]
PHARMACY_NAMES: tuple[str, ...] = _people["pharmacy_names"]

# --- Shops (shops.json) -----------------------------------------------------------
_shops = _load("shops")
SHOP_TEMPLATES: dict[str, tuple[ShopTemplate, ...]] = {
    kind: tuple(ShopTemplate(**template) for template in templates)
    for kind, templates in _shops["templates"].items()
}
# A village post office ("bưu điện văn hóa xã") only exists in a commune.
VILLAGE_POST_OFFICE: str = _shops["village_post_office"]
# Relative weights of shop kinds by district kind (city, town, rural).
SHOP_KIND_WEIGHTS: dict[str, dict[str, float]] = _shops["kind_weights"]
# Every district starts with these, so each has a post point, a pharmacy and a grocer.
SHOP_KINDS_FIRST: tuple[str, ...] = _shops["kinds_first"]
SHOPS_PER_DISTRICT: dict[str, int] = _shops["per_district"]
SHOPS_IN_PROVINCIAL_CITY: int = _shops["in_provincial_city"]
OPENING_HOURS: dict[str, tuple[str, ...]] = _shops["opening_hours"]
HOME_DELIVERY_CHANCE: dict[str, float] = _shops["home_delivery_chance"]
DELIVERY_AREAS: tuple[str, ...] = _shops["delivery_areas"]
SHOP_NOTE_EXTRAS: tuple[str, ...] = _shops["note_extras"]

# --- Farm products (products.json) ------------------------------------------------
_products = _load("products")
PRODUCTS: dict[str, ProductSpec] = {key: ProductSpec(**spec) for key, spec in _products["products"].items()}
PRODUCT_EXTRAS: tuple[str, ...] = _products["extras"]
# Background colours of placeholder photos, by category.
CATEGORY_COLOURS: dict[str, tuple[int, int, int]] = _products["category_colours"]
DEFAULT_COLOUR: tuple[int, int, int] = _products["default_colour"]

# --- Producers (producers.json) ---------------------------------------------------
_producers = _load("producers")
THEMES: dict[str, Theme] = {key: Theme(**theme) for key, theme in _producers["themes"].items()}
# What each district's producers make, main line first.
DISTRICT_THEMES: dict[str, tuple[str, ...]] = _producers["district_themes"]
FALLBACK_THEMES: tuple[str, ...] = _producers["fallback_themes"]
PRODUCERS_PER_DISTRICT: int = _producers["per_district"]
# Farming districts with one producer more.
BUSY_FARM_DISTRICTS: set[str] = set(_producers["busy_farm_districts"])
PRODUCER_KIND_WEIGHTS: dict[str, float] = _producers["kind_weights"]
PRODUCER_INTROS: dict[str, str] = _producers["intros"]
PRODUCER_SALES: tuple[str, ...] = _producers["sales"]
