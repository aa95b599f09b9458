"""Load the campaigns' reference data: campaigns, handbook chapters, organisations,
partner sites, the plan's six activities and the first banner (idempotent).

Rows are looked up by slug and only created when missing: a chapter, partner or
activity that staff have edited is never overwritten. Banner files are rebuilt only
when they are missing or stale.
"""

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns import artwork, services
from campaigns import reference_data as data
from campaigns.models import Activity, Banner, Campaign, HandbookChapter, Organisation, PartnerSite
from core.models import Status
from shops.models import District

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
        created = 0
        position = 0
        for position, unit in enumerate(data.UNITS, start=1):
            _, new = Organisation.objects.get_or_create(
                slug=unit.slug,
                defaults={
                    "name": unit.name,
                    "short_name": unit.short_name,
                    "kind": unit.kind,
                    "submits_reports": unit.submits_reports,
                    "position": position,
                },
            )
            created += new
        for offset, district in enumerate(District.objects.order_by("position", "code"), start=position + 1):
            _, new = Organisation.objects.get_or_create(
                slug=data.committee_slug(district.slug),
                defaults={
                    "name": data.committee_name(district.name),
                    "short_name": f"UBND {district.short_name}",
                    "kind": Organisation.Kind.DISTRICT,
                    "district": district,
                    "position": offset,
                },
            )
            created += new
        return created

    def partners(self) -> int:
        """The letter's recipients: provincial units, then every district's People's Committee."""
        units = {o.slug: o for o in Organisation.objects.all()}
        rows = [(u.partner_tag, units[u.slug], u.website) for u in data.UNITS if u.partner_tag]
        rows += [
            (org.slug, org, "")
            for org in Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).order_by("position")
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
        units = {o.slug: o for o in Organisation.objects.all()}
        committees = list(Organisation.objects.filter(kind=Organisation.Kind.DISTRICT))

        def expand(slugs):
            found = []
            for slug in slugs:
                found += committees if slug == data.DISTRICTS else [units[slug]]
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
                    "position": spec.position,
                },
            )
            if new:
                activity.lead_organisations.set(expand(spec.leads))
                activity.coordinating_organisations.set(expand(spec.coordinators))
                created += 1
        return created

    def banner(self) -> bool:
        spec = data.BANNER
        banner = Banner.objects.filter(slug=spec["slug"]).first()
        created = banner is None
        if created:
            banner = Banner(campaign=Campaign.objects.get(slug=data.HANDBOOK), **spec)
            banner.master.save(f"{spec['slug']}.png", ContentFile(artwork.handbook_banner()), save=False)
            banner.save()
        elif not banner.master or not banner.master.storage.exists(banner.master.name):
            # The row is there but its uploaded file is gone (a fresh media folder): draw it again.
            banner.master.save(f"{spec['slug']}.png", ContentFile(artwork.handbook_banner()), save=True)
        services.ensure_banner_files(banner=banner)
        return created
