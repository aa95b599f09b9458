"""Load the campaigns' reference data: campaigns, handbook chapters, organisations,
partner sites, the plan's six activities and the first banner (idempotent).

Rows are looked up by slug and only created when missing: a chapter, partner or
activity that staff have edited is never overwritten. An organisation loaded before
units had dates, successors and sources gets those that are still empty; values staff
entered are kept. Run it after `load_places`: every commune and ward of today gets its
People's Committee and a partner site. Banner files are rebuilt only when they are
missing or stale.
"""

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from campaigns import artwork, services
from campaigns import reference_data as data
from campaigns.models import Activity, Banner, Campaign, HandbookChapter, Organisation, PartnerSite
from core.models import Status
from shops.models import Commune, District

AUDIENCES = {
    "buyers": HandbookChapter.Audience.BUYERS,
    "sellers": HandbookChapter.Audience.SELLERS,
    "contacts": HandbookChapter.Audience.CONTACTS,
}


class Command(BaseCommand):
    help = "Load campaigns, handbook chapters, organisations, partners, plan activities and the first banner."

    def handle(self, *args, **options):
        if not District.objects.exists():
            call_command("load_places", stdout=self.stdout)
        with transaction.atomic():
            created = {
                "campaigns": self.campaigns(),
                "chapters": self.chapters(),
                "organisations": self.organisations(),
                "partner sites": self.partners(),
                "activities": self.activities(),
            }
        banner_created = self.banner()
        created["banners"] = int(banner_created)
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(
            f"Campaign reference data loaded ({summary} created; existing rows left as they are)."
        )

    def campaigns(self) -> int:
        return sum(
            Campaign.objects.get_or_create(
                slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"}
            )[1]
            for row in data.CAMPAIGNS
        )

    def chapters(self) -> int:
        campaigns = {c.slug: c for c in Campaign.objects.all()}
        created = 0
        for row in data.content_files("handbook"):
            _, new = HandbookChapter.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "campaign": campaigns[row["campaign"]],
                    "audience": AUDIENCES[row["audience"]],
                    "title": row["title"],
                    "summary": row["summary"],
                    "body": row["body"],
                    "position": int(row["position"]),
                    "status": Status.PUBLISHED,
                },
            )
            created += new
        return created

    def organisations(self) -> int:
        """The plan's units, the units that took over from them in 2025, and the People's
        Committees of the former districts and of today's communes and wards."""
        self.new_successors = set()
        created = 0
        positions = {unit.slug: position for position, unit in enumerate(data.UNITS, start=1)}
        for unit in data.SUCCESSORS:
            # Listed beside the unit it replaced.
            position = min(positions[u.slug] for u in data.UNITS if u.successor == unit.slug)
            organisation, new = self._unit(unit, position)
            if new:
                self.new_successors.add(organisation.pk)
            created += new
        for unit in data.UNITS:
            created += self._unit(unit, positions[unit.slug])[1]

        position, successors = len(data.UNITS), []
        for position, district in enumerate(
            District.objects.order_by("position", "code"), start=len(data.UNITS) + 1
        ):
            successor, source = data.DISTRICT_NOTES.get(district.slug, ("", data.DISTRICT_SOURCE))
            committee, new = _upsert(
                data.committee_slug(district.slug),
                {
                    "name": data.committee_name(district.name),
                    "short_name": data.committee_short_name(district.name),
                    "kind": Organisation.Kind.DISTRICT,
                    "district": district,
                    "position": position,
                },
                {"valid_until": data.DISTRICTS_UNTIL, "source": source},
            )
            created += new
            if successor:
                successors.append((committee, successor))
        for committee, successor in successors:  # once every committee exists
            _fill(committee, {"successor": _by_slug(successor)})

        taken = set(Organisation.objects.values_list("name", flat=True))
        for offset, commune in enumerate(Commune.objects.order_by("name", "code"), start=position + 1):
            slug = data.committee_slug(commune.slug)
            if Organisation.objects.filter(Q(commune=commune) | Q(slug=slug)).exists():
                continue
            name = data.committee_name(commune.name)
            if name in taken:  # two units of the same name: tell them apart by their code
                name = f"{name} ({commune.code})"
            taken.add(name)
            Organisation.objects.create(
                slug=slug,
                name=name,
                kind=Organisation.Kind.COMMUNE,
                commune=commune,
                valid_from=data.COMMUNES_FROM,
                source=data.COMMUNE_SOURCE,
                position=offset,
            )
            created += 1
        return created

    def _unit(self, unit, position: int) -> tuple[Organisation, bool]:
        return _upsert(
            unit.slug,
            {
                "name": unit.name,
                "short_name": unit.short_name,
                "kind": unit.kind,
                "submits_reports": unit.submits_reports,
                "position": position,
            },
            {
                "valid_from": unit.valid_from,
                "valid_until": unit.valid_until,
                "successor": _by_slug(unit.successor) if unit.successor else None,
                "source": unit.source,
            },
        )

    def partners(self) -> int:
        """The letter's recipients and the provincial units, then the People's Committees of
        every district and of every commune and ward (their websites are for staff to fill)."""
        units = {o.slug: o for o in Organisation.objects.all()}
        rows = [
            (u.partner_tag, units[u.slug], u.website)
            for u in [*data.UNITS, *data.SUCCESSORS]
            if u.partner_tag
        ]
        for kind in (Organisation.Kind.DISTRICT, Organisation.Kind.COMMUNE):
            rows += [
                (org.slug, org, "") for org in Organisation.objects.filter(kind=kind).order_by("position")
            ]
        created = 0
        for position, (tag, organisation, website) in enumerate(rows, start=1):
            _, new = PartnerSite.objects.get_or_create(
                referral_tag=tag,
                defaults={
                    "name": organisation.name,
                    "organisation": organisation,
                    "website": website,
                    "position": position,
                },
            )
            created += new
        return created

    def activities(self) -> int:
        plan = Campaign.objects.get(slug=data.PLAN)
        units = {o.slug: o for o in Organisation.objects.select_related("successor")}
        # "The district committees" of 2021: those committees, and since 1 July 2025 the
        # communes' and wards' committees that took over their work.
        committees = list(
            Organisation.objects.filter(kind__in=[Organisation.Kind.DISTRICT, Organisation.Kind.COMMUNE])
        )

        def expand(slugs):
            found = []
            for slug in slugs:
                found += committees if slug == data.DISTRICTS else [units[slug]]
            return found

        def with_successors(organisations, only=None):
            """The units and the units that took over from them (all, or those in `only`)."""
            found = list(organisations)
            for organisation in organisations:
                unit = units.get(organisation.slug, organisation).successor
                while unit is not None and unit not in found:
                    if only is None or unit.pk in only:
                        found.append(unit)
                    unit = units[unit.slug].successor
            return found

        created = 0
        for spec in data.ACTIVITIES:
            activity, new = Activity.objects.get_or_create(
                slug=spec.slug,
                defaults={
                    "campaign": plan,
                    "channel": spec.channel,
                    "title": spec.title,
                    "start_date": spec.start,
                    "target_count": spec.target_count,
                    "target_period": spec.target_period,
                    "target_note": spec.target_note,
                    "description": spec.description,
                    "source": spec.source,
                    "position": spec.position,
                },
            )
            if new:
                # Today's units carry on the work of the ones the plan named.
                activity.lead_organisations.set(with_successors(expand(spec.leads)))
                activity.coordinating_organisations.set(with_successors(expand(spec.coordinators)))
                created += 1
            elif self.new_successors:
                # Units created by this run join the activities of the units they replaced, once.
                for relation in (activity.lead_organisations, activity.coordinating_organisations):
                    current = list(relation.all())
                    relation.add(*with_successors(current, only=self.new_successors)[len(current) :])
        return created

    def banner(self) -> bool:
        spec = data.BANNER
        banner = Banner.objects.filter(slug=spec["slug"]).first()
        created = banner is None
        picture = f"{spec['slug']}-hinh.png"
        if created:
            banner = Banner(campaign=Campaign.objects.get(slug=data.HANDBOOK), **spec)
            banner.master.save(picture, ContentFile(artwork.handbook_picture()), save=False)
            banner.save()
        elif banner.master.name == f"banners/masters/{spec['slug']}.png" and not banner.add_words:
            # Still the first drawing, which could carry only the platforms' names: the picture
            # now goes beside words the portal writes. Its new name makes this happen once only.
            banner.add_words = True
            banner.master.save(picture, ContentFile(artwork.handbook_picture()), save=False)
            banner.save()
        elif not banner.master or not banner.master.storage.exists(banner.master.name):
            # The row is there but its uploaded file is gone (a fresh media folder): draw it again.
            banner.master.save(picture, ContentFile(artwork.handbook_picture()), save=True)
        services.ensure_banner_files(banner=banner)
        return created


def _by_slug(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def _upsert(slug: str, defaults: dict, facts: dict) -> tuple[Organisation, bool]:
    """Create the organisation with `defaults` and `facts`, or give an existing one the facts
    it lacks (rows loaded before units had dates and sources)."""
    organisation, new = Organisation.objects.get_or_create(slug=slug, defaults={**defaults, **facts})
    if not new:
        _fill(organisation, facts)
    return organisation, new


def _fill(organisation: Organisation, facts: dict) -> None:
    """Set the facts whose field is empty; a value already there (staff's or ours) is kept."""
    empty = [
        name
        for name, value in facts.items()
        if value not in (None, "")
        and getattr(organisation, Organisation._meta.get_field(name).attname) in (None, "")
    ]
    for name in empty:
        setattr(organisation, name, facts[name])
    if empty:
        organisation.save(update_fields=empty)
