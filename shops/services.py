"""Places: loading the official units, finding today's unit for an address as people write
it (old or new), and placing directory records in their current commune."""

import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext

from core.text import fold
from shops import geography
from shops.geography import commune_key, district_key
from shops.models import Commune, District, FormerCommune, Placed, Succession

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
    for position, record in enumerate(data.districts, start=1):
        district = existing.get(record.code)
        values = {"name": record.name, "short_name": record.short_name, "kind": record.kind}
        if district is None:
            existing[record.code] = District.objects.create(
                code=record.code,
                slug=record.slug,
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
            "key": commune_key(record.short_name),
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
    folded = fold(text)
    for word, kinds in sorted(_WRITTEN_KINDS.items(), key=lambda item: -len(item[0])):
        if folded.startswith(word + " "):
            return kinds
    return None


def _spelt_as(unit, text: str) -> bool:
    """Whether `text` ends with the unit's short name spelt exactly, accents included."""
    written = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    return written.endswith(unicodedata.normalize("NFC", unit.short_name).casefold())


def match_district(text: str, districts=None) -> District | None:
    if not (text or "").strip():
        return None
    key = district_key(text)
    for district in districts if districts is not None else District.objects.all():
        if key in {district_key(district.name), district_key(district.short_name), str(district.code)}:
            return district
    return None


def locate(commune_text: str, district=None) -> Location:
    """Today's unit for a commune as written (old or new name, accents optional), within the
    former district `district` when it is known."""
    key = commune_key(commune_text)
    if not key:
        return Location(district=district, message=gettext("Chưa ghi tên xã, phường."))
    kinds = _written_kind(commune_text)

    formers = FormerCommune.objects.filter(key=key).select_related("district")
    currents = Commune.objects.public()
    if district is not None:
        formers = formers.filter(district=district)
        currents = currents.filter(districts=district)
    formers = list(formers.prefetch_related("successions__current"))
    currents = [c for c in currents.distinct() if commune_key(c.short_name) == key]
    if any(_spelt_as(unit, commune_text) for unit in [*formers, *currents]):
        # Hà Trung and Hạ Trung fold alike: a writer who used accents meant the one spelt so.
        formers = [f for f in formers if _spelt_as(f, commune_text)]
        currents = [c for c in currents if _spelt_as(c, commune_text)]
    if kinds:  # "Thị trấn Hà Trung" is the township, "Xã Hà Trung" today's commune
        formers = [f for f in formers if f.kind in kinds] or formers
        currents = [c for c in currents if c.kind in kinds] or currents
        if formers and currents and kinds & {"township"}:
            currents = []
        elif formers and currents and not any(f.kind in kinds for f in formers):
            formers = []

    if len(formers) == 1 and not currents:
        former = formers[0]
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
            candidates=sorted(units, key=lambda c: c.name),
            district=district,
            message=gettext("Có nhiều xã, phường trùng tên này; hãy ghi thêm huyện cũ để tìm đúng."),
        )
    return Location(
        district=district,
        message=gettext("Không tìm thấy xã, phường “%(name)s”%(where)s.")
        % {"name": commune_text.strip(), "where": gettext(" ở %s") % district.name if district else ""},
    )


# --- Placing directory records ---------------------------------------------------------------


def assign_commune(record) -> bool:
    """Set (not save) the record's current commune from the commune as written, when that is
    certain; True when the record has one. Called before saving by the admin and imports.

    A divided former commune, or a name that matches nothing, leaves it unplaced: staff
    choose (the admin lists unplaced records), nothing is guessed.
    """
    if record.commune_id is not None:
        return True
    district = record.district if record.district_id else None
    location = locate(record.commune_name, district) if record.commune_name else Location()
    if location.found:
        record.commune = location.commune
    return location.found


def place(record) -> bool:
    """assign_commune() for a stored record, saved (with its history) when it is placed."""
    if record.commune_id is not None or not assign_commune(record):
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
    for model in placed_models():
        for record in (
            model.objects.filter(commune__isnull=True).exclude(commune_name="").select_related("district")
        ):
            if place(record):
                placed += 1
            else:
                left += 1
        left += model.objects.filter(commune__isnull=True, commune_name="").count()
    return placed, left
