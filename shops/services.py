"""Places: loading the official units, finding today's unit for an address as people write
it (old or new), and placing directory records in their current commune."""

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext

from core.text import fold
from shops import geography
from shops.geography import commune_keys, district_key, split_commune_kind, unit_key
from shops.models import Category, Commune, District, FormerCommune, Placed, Shop, Succession

# Folded kind words a written commune may start with, and the kinds they name.
_WRITTEN_KINDS = {
    "xa": {"commune"},
    "x": {"commune"},
    "phuong": {"ward"},
    "p": {"ward"},
    "thi tran": {"township"},
    "tt": {"township"},
    "dac khu": {"special_zone"},
}


# --- Loading the official units ------------------------------------------------------------


@dataclass
class LoadReport:
    province: str
    districts: int = 0
    communes: int = 0
    former_communes: int = 0
    created: int = 0
    updated: int = 0


@transaction.atomic
def load_places(*, province_code: int, update: bool = False) -> LoadReport:
    """Create what is missing of the province's units and crosswalk; idempotent.

    Names staff edited on districts and communes are kept unless `update`; the former
    communes and the crosswalk are official reference data and always follow the source.
    """
    data = geography.province(province_code)
    report = LoadReport(province=data.name)

    existing = {d.code: d for d in District.objects.filter(code__in=[r.code for r in data.districts])}
    taken = set(District.objects.values_list("slug", flat=True))
    for position, record in enumerate(data.districts, start=1):
        district = existing.get(record.code)
        values = {"name": record.name, "short_name": record.short_name, "kind": record.kind}
        if district is None:
            # "Thị xã Kỳ Anh" and "Huyện Kỳ Anh", or a "Huyện Châu Thành" in several provinces.
            slug = next(
                s
                for s in (record.slug, slugify(fold(record.name)), f"{record.slug}-{record.code}")
                if s not in taken
            )
            taken.add(slug)
            existing[record.code] = District.objects.create(
                code=record.code,
                slug=slug,
                province_code=province_code,
                position=position,
                note=record.note,
                **values,
            )
            report.created += 1
        elif update:
            _set(district, province_code=province_code, **values)
            report.updated += 1
    districts = existing

    communes = {c.code: c for c in Commune.objects.filter(code__in=[r.code for r in data.communes])}
    taken = set(Commune.objects.values_list("slug", flat=True))
    for record in data.communes:
        commune = communes.get(record.code)
        values = {"name": record.name, "short_name": record.short_name, "kind": record.kind}
        if commune is None:
            slug = record.slug if record.slug not in taken else f"{record.slug}-{record.code}"
            taken.add(slug)
            communes[record.code] = Commune.objects.create(
                code=record.code, slug=slug, province_code=province_code, **values
            )
            report.created += 1
        elif update:
            _set(commune, province_code=province_code, **values)
            report.updated += 1

    formers = {
        f.code: f for f in FormerCommune.objects.filter(code__in=[r.code for r in data.former_communes])
    }
    new = []
    for record in data.former_communes:
        values = {
            "name": record.name,
            "short_name": record.short_name,
            "kind": record.kind,
            "district": districts[record.district_code],
            "key": unit_key(record.short_name),
        }
        former = formers.get(record.code)
        if former is None:
            new.append(FormerCommune(code=record.code, **values))
        elif any(getattr(former, name) != value for name, value in values.items()):
            _set(former, **values)
    for former in FormerCommune.objects.bulk_create(new):
        formers[former.code] = former

    # The crosswalk and what it implies (which former districts each unit covers) follow the source.
    Succession.objects.filter(former__in=formers.values()).delete()
    Succession.objects.bulk_create(
        Succession(former=formers[record.code], current=communes[code], is_default=is_default)
        for record in data.former_communes
        for code, is_default in record.successors
    )
    links = Commune.districts.through
    links.objects.filter(commune__in=communes.values()).delete()
    pairs = {
        (communes[code].pk, districts[record.district_code].pk)
        for record in data.former_communes
        for code, _default in record.successors
    }
    links.objects.bulk_create(links(commune_id=c, district_id=d) for c, d in sorted(pairs))
    Commune.objects.filter(pk__in=[c.pk for c in communes.values()]).reindex()

    report.districts, report.communes = len(data.districts), len(data.communes)
    report.former_communes = len(data.former_communes)
    return report


def _set(obj, **values) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


# --- Finding today's unit for a written address ---------------------------------------------


@dataclass
class Location:
    """Where a written address is today: one unit, or the units it could be, and why."""

    commune: Commune | None = None
    candidates: list[Commune] = field(default_factory=list)
    default: Commune | None = None  # for a divided former commune: where an unspecified address goes
    former: FormerCommune | None = None
    district: District | None = None
    message: str = ""

    @property
    def found(self) -> bool:
        return self.commune is not None

    @property
    def divided(self) -> bool:
        return self.commune is None and len(self.candidates) > 1


def _written_kind(text: str) -> set[str] | None:
    """The kinds of unit a kind word before the name allows ("Thị trấn …": a township)."""
    return _WRITTEN_KINDS.get(split_commune_kind(text)[0])


def _spelt_as(unit, text: str) -> bool:
    """Whether `text` ends with the unit's short name spelt exactly, accents included."""
    written = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    return written.endswith(unicodedata.normalize("NFC", unit.short_name).casefold())


def province_districts(province_code: int | None = None):
    """The former districts of the province the portal serves (PROVINCE_CODE)."""
    code = settings.PROVINCE_CODE if province_code is None else province_code
    return District.objects.filter(province_code=code)


def match_district(text: str, districts=None) -> District | None:
    """The former district named by `text` ("Huyện Hà Trung", "h. ha trung", "392"), in the
    portal's province unless `districts` are given."""
    if not (text or "").strip():
        return None
    key = district_key(text)
    for district in districts if districts is not None else province_districts():
        if key in {district_key(district.name), district_key(district.short_name), str(district.code)}:
            return district
    return None


class Gazetteer:
    """The province's former communes (with what they became) and today's public communes
    (with the former districts they came from), held in memory: an import or a pass over
    every record places thousands of addresses with a handful of queries.

    `keys` limits the former communes to those names (one address: a few rows, not 547).
    """

    def __init__(self, keys: list[str] | None = None):
        formers = FormerCommune.objects.select_related("district").prefetch_related(
            Prefetch("successions", Succession.objects.select_related("current").order_by("current__code"))
        )
        if keys is not None:
            formers = formers.filter(key__in=keys)
        self._formers = defaultdict(list)
        for former in formers:
            self._formers[former.key].append(former)
        self._currents = defaultdict(list)
        for commune in Commune.objects.public():
            self._currents[unit_key(commune.short_name)].append(commune)
        self.districts_of = defaultdict(set)  # current commune pk -> former district pks
        for commune_id, district_id in Commune.districts.through.objects.values_list("commune", "district"):
            self.districts_of[commune_id].add(district_id)

    def formers(self, keys: list[str], district, province_code: int) -> list[FormerCommune]:
        return [
            former
            for key in dict.fromkeys(keys)
            for former in self._formers.get(key, ())
            if former.district.province_code == province_code
            and (district is None or former.district_id == district.pk)
        ]

    def currents(self, keys: list[str], district, province_code: int) -> list[Commune]:
        return [
            commune
            for key in dict.fromkeys(keys)
            for commune in self._currents.get(key, ())
            if commune.province_code == province_code
            and (district is None or district.pk in self.districts_of[commune.pk])
        ]


def locate(
    commune_text: str, district=None, *, widen: bool = False, gazetteer: Gazetteer | None = None
) -> Location:
    """Today's unit for a commune as written (old or new name, accents optional), within the
    former district `district` when it is known, in the portal's province.

    With `widen`, a name that is not in `district` is looked for in the whole province (for
    people who misremember the district; never for placing records, which must not guess).
    Many addresses are placed faster with one `gazetteer` for all of them.
    """
    keys = commune_keys(commune_text)
    if not keys[0]:
        return Location(district=district, message=gettext("Chưa ghi tên xã, phường."))
    gazetteer = gazetteer or Gazetteer(keys)
    location = _locate(commune_text, keys, district, gazetteer)
    if widen and district is not None and not location.candidates:
        wider = _locate(commune_text, keys, None, gazetteer)
        if wider.candidates:
            note = gettext("Không có xã, phường “%(name)s” ở %(district)s cũ; kết quả tìm trong cả tỉnh:") % {
                "name": commune_text.strip(),
                "district": district.name_in_sentence,
            }
            wider.message = f"{note} {wider.message}".strip()
            return wider
    return location


def _locate(commune_text: str, keys: list[str], district, gazetteer: Gazetteer) -> Location:
    kinds = _written_kind(commune_text)
    province_code = settings.PROVINCE_CODE if district is None else district.province_code
    formers = gazetteer.formers(keys, district, province_code)
    currents = gazetteer.currents(keys, district, province_code)
    if any(_spelt_as(unit, commune_text) for unit in [*formers, *currents]):
        # Hà Trung and Hạ Trung fold alike: a writer who used accents meant the one spelt so.
        formers = [f for f in formers if _spelt_as(f, commune_text)]
        currents = [c for c in currents if _spelt_as(c, commune_text)]
    if kinds:
        # "Thị trấn Hà Trung" is the former township, "Xã Hà Trung" today's commune. A kind
        # that names nothing found (a township that became a ward in 2024) is not held against it.
        kept_formers = [f for f in formers if f.kind in kinds]
        kept_currents = [c for c in currents if c.kind in kinds]
        if kept_formers or kept_currents:
            formers, currents = kept_formers, kept_currents

    if len(formers) == 1 and not currents:
        return _successors_of(formers[0])
    if len(currents) == 1 and not formers:
        return Location(commune=currents[0], candidates=currents, district=district)
    units = {s.current for f in formers for s in f.successions.all()} | set(currents)
    if len(units) == 1:
        unit = units.pop()
        return Location(
            commune=unit, candidates=[unit], former=formers[0] if formers else None, district=district
        )
    if units:
        return Location(
            candidates=sorted(units, key=lambda c: (fold(c.name), c.code)),
            district=district,
            message=_same_name_message(commune_text, formers, currents, district, gazetteer),
        )
    where = (
        gettext("ở %(district)s cũ") % {"district": district.name_in_sentence}
        if district is not None
        else gettext("ở tỉnh %(province)s") % {"province": settings.PROVINCE_NAME}
    )
    return Location(
        district=district,
        message=gettext(
            "Không tìm thấy xã, phường, thị trấn “%(name)s” %(where)s. Hãy kiểm tra lại tên; "
            "nếu địa chỉ ở tỉnh khác, cổng này chưa tra được."
        )
        % {"name": commune_text.strip(), "where": where},
    )


def _successors_of(former: FormerCommune) -> Location:
    successions = list(former.successions.all())
    units = [s.current for s in successions]
    default = next((s.current for s in successions if s.is_default), None)
    if len(units) == 1:
        return Location(commune=units[0], candidates=units, former=former, district=former.district)
    return Location(
        candidates=units,
        default=default,
        former=former,
        district=former.district,
        message=gettext(
            "%(former)s (%(district)s) được chia cho %(count)d đơn vị: %(units)s. "
            "Địa chỉ không ghi rõ thôn, xóm thì mặc định thuộc %(default)s."
        )
        % {
            "former": former.name,
            "district": former.district.name,
            "count": len(units),
            "units": ", ".join(u.name for u in units),
            "default": default.name if default else units[0].name,
        },
    )


def _same_name_message(commune_text: str, formers, currents, district, gazetteer: Gazetteer) -> str:
    """Why a name leads to several units, and what tells them apart: the former district
    when they lie in different ones, else the kind ("xã", "thị trấn"), else the accents
    (Hoằng Đồng, Hoằng Đông), else the date of the address (a ward that kept the name of
    one it took over)."""
    names = [f"{f.name} ({f.district.name})" for f in formers]
    names += [gettext("%(name)s (hiện nay)") % {"name": c.name} for c in currents]
    districts = {f.district_id for f in formers}
    for commune in currents:
        districts |= gazetteer.districts_of[commune.pk]
    if district is None and len(districts) > 1:
        hint = gettext("Hãy ghi thêm huyện, thị xã, thành phố cũ để tìm đúng.")
    elif len({unit.kind for unit in [*formers, *currents]}) > 1:
        hint = gettext("Hãy ghi rõ là xã, phường hay thị trấn.")
    elif len({unit.short_name for unit in [*formers, *currents]}) > 1:
        hint = gettext("Các tên này chỉ khác nhau ở dấu: hãy ghi tên có dấu.")
    elif formers and currents:
        hint = gettext(
            "Tên này có cả trước và sau ngày 1/7/2025: địa chỉ ghi trước ngày đó là đơn vị cũ, "
            "ghi từ ngày đó là đơn vị hiện nay."
        )
    else:
        hint = gettext("Hãy ghi thêm huyện, thị xã, thành phố cũ để tìm đúng.")
    return gettext("Có nhiều đơn vị tên “%(name)s”: %(units)s. %(hint)s") % {
        "name": commune_text.strip(),
        "units": "; ".join(names),
        "hint": hint,
    }


# --- Placing directory records ---------------------------------------------------------------


def assign_commune(record, gazetteer: Gazetteer | None = None) -> bool:
    """Set (not save) the record's current commune from the commune as written, when that is
    certain; True when the record has one. Called before saving by imports.

    A divided former commune, or a name that matches nothing, leaves it unplaced: staff
    choose (the admin lists unplaced records), nothing is guessed. A stored record whose
    written commune changed is placed again: the commune it had may no longer be where it is.
    """
    if record.commune_id is not None and not _written_commune_changed(record):
        return True
    district = record.district if record.district_id else None
    location = (
        locate(record.commune_name, district, gazetteer=gazetteer) if record.commune_name else Location()
    )
    if location.found:
        record.commune = location.commune
    elif record.commune_id is not None and record.commune_id not in {c.pk for c in location.candidates}:
        record.commune = None
    return record.commune_id is not None


def _written_commune_changed(record) -> bool:
    if record.pk is None:
        return False
    stored = type(record)._default_manager.filter(pk=record.pk).values_list("commune_name", flat=True).first()
    return stored is not None and fold(stored) != fold(record.commune_name)


def place(record, gazetteer: Gazetteer | None = None) -> bool:
    """assign_commune() for a stored record, saved (with its history) when it is placed."""
    if record.commune_id is not None or not assign_commune(record, gazetteer):
        return record.commune_id is not None
    record._change_reason = gettext("Xác định xã, phường hiện nay")
    record.save(update_fields=["commune", "search_text"])
    return True


def placed_models() -> list:
    """Every model of the directory that records a place (shops, producers)."""
    return [model for model in apps.get_models() if issubclass(model, Placed)]


def place_unplaced() -> tuple[int, int]:
    """Place every directory record that has no current commune yet; (placed, left)."""
    placed = left = 0
    gazetteer = Gazetteer()
    for model in placed_models():
        for record in (
            model.objects.filter(commune__isnull=True).exclude(commune_name="").select_related("district")
        ):
            if place(record, gazetteer):
                placed += 1
            else:
                left += 1
        left += model.objects.filter(commune__isnull=True, commune_name="").count()
    return placed, left


def set_categories(categories: dict[int, list[Category]], *, replace: Iterable[int] = ()) -> None:
    """Link shops (by pk) to their categories in bulk, as an import does: the links of the
    shops in `replace` are deleted first, the others only gain theirs. The shops' search
    text, which names their categories, is the caller's to refresh."""
    link = Shop.categories.through
    replace = list(replace)
    if replace:
        link.objects.filter(shop__in=replace).delete()
    link.objects.bulk_create(
        [
            link(shop_id=shop_id, category_id=category.pk)
            for shop_id, chosen in categories.items()
            for category in chosen
        ],
        batch_size=1000,
    )
