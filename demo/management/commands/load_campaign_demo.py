"""Demo content for the campaigns: illustrative news posts with drawn covers, and
activity records, trainings, submitted reports and referral counts over the last
weeks, so the dashboard and the onboarding view have something to show.

Everything is marked as illustrative. Running the command again leaves the news
posts alone and replaces the earlier demo records with a fresh set dated relative
to today, so the result is the same whenever it runs.
"""

import random
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from campaigns import artwork, periods
from campaigns import reference_data as data
from campaigns.models import (
    Activity,
    ActivityRecord,
    Campaign,
    NewsPost,
    Organisation,
    PartnerSite,
    ReferralCount,
    ReportSubmission,
)
from core.models import Status
from demo.commands import DemoDataCommand
from producers.models import Producer

DEMO_NOTE = "Dữ liệu minh họa."
SEED = 241
# The illustrative news posts, in the handbook chapters' Markdown format.
CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


# Probability that a unit did what its activity asks in a given past period.
DILIGENCE = {"radio": 0.75, "portal": 0.85, "press": 0.9, "training": 0.8, "print": 0.6, "social": 0.85}


class Command(DemoDataCommand):
    help = "Load illustrative news posts and recent plan records for the campaigns (idempotent)."

    def handle(self, *args, **options):
        if not Activity.objects.exists():
            call_command("load_campaigns", stdout=self.stdout)
        rng = random.Random(SEED)
        today = timezone.localdate()
        with transaction.atomic():
            posts = self.news(today)
            records = self.records(rng, today)
            reports = self.reports(rng, today)
            visits = self.referrals(rng, today)
        self.stdout.write(
            f"Campaign demo: {posts} news posts created, {records} activity records, "
            f"{reports} reports, {visits} referral visits (all illustrative)."
        )

    def news(self, today) -> int:
        units = {o.slug: o for o in Organisation.objects.all()}
        campaigns = {c.slug: c for c in Campaign.objects.all()}
        created = 0
        for spec in data.content_files("news", root=CONTENT_DIR):
            if NewsPost.objects.filter(slug=spec["slug"]).exists():
                continue
            published_on = today - timedelta(days=int(spec["days_ago"]))
            author = units.get(spec["author"])
            if author is not None:  # written by the unit of that day (a merged unit's successor)
                author = author.successor_on(published_on) or author
            post = NewsPost(
                slug=spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                body=spec["body"],
                cover_alt=spec["cover_alt"],
                author_unit=author,
                campaign=campaigns.get(spec["campaign"]),
                published_on=published_on,
                status=Status.PUBLISHED,
                is_demo=True,
            )
            if spec["cover"] == "banner":
                image, name = artwork.handbook_banner(), f"{spec['slug']}.png"
            else:
                image, name = artwork.news_cover(spec["cover"], spec["slug"]), f"{spec['slug']}.jpg"
            post.cover.save(name, ContentFile(image), save=False)
            post.save()
            created += 1
        return created

    def records(self, rng, today) -> int:
        ActivityRecord.objects.filter(is_demo=True).delete()
        producers = list(Producer.objects.public().order_by("pk").values_list("pk", "district_id"))
        created = 0
        for activity in Activity.objects.prefetch_related("lead_organisations").order_by("position"):
            kind = activity.target_period
            window = {"week": 8, "month": 4, "quarter": 2, "year": 1}[kind]
            starts = periods.latest_periods(kind, today, window, not_before=activity.start_date)
            # Only units that exist today: the demo covers the last weeks.
            leads = list(activity.lead_organisations.current(today))
            if activity.channel == "radio":
                leads = leads[:12]  # a dozen units keep the demo readable
            for organisation in leads:
                for start in starts:
                    if rng.random() > DILIGENCE[activity.channel]:
                        continue
                    last_day = min(periods.period_end(kind, start), today)
                    day = start + timedelta(days=rng.randint(0, (last_day - start).days))
                    title = (
                        f"{activity.get_channel_display()} – {organisation} ({periods.label(kind, start)})"
                    )
                    record = ActivityRecord.objects.create(
                        activity=activity,
                        organisation=organisation,
                        date=day,
                        title=title,
                        participants=rng.randint(25, 80) if activity.channel == "training" else None,
                        notes=DEMO_NOTE,
                        is_demo=True,
                    )
                    if activity.channel == "training" and producers:
                        record.trained_producers.set(
                            [pk for pk, _ in rng.sample(producers, min(len(producers), 12))]
                        )
                    created += 1
        return created

    def reports(self, rng, today) -> int:
        ReportSubmission.objects.filter(is_demo=True).delete()
        created = 0
        for organisation, diligence in zip(
            Organisation.objects.filter(submits_reports=True).order_by("position"), (0.95, 0.7), strict=False
        ):
            for kind, window in (("week", 8), ("month", 4), ("quarter", 2), ("year", 1)):
                for start in periods.latest_periods(kind, today, window + 1)[:-1]:
                    deadline = periods.report_deadline(kind, start)
                    if deadline > today or rng.random() > diligence:
                        continue
                    ReportSubmission.objects.create(
                        organisation=organisation,
                        kind=kind,
                        period=start,
                        submitted_on=deadline - timedelta(days=rng.randint(1, 3)),
                        notes=DEMO_NOTE,
                        is_demo=True,
                    )
                    created += 1
        return created

    def referrals(self, rng, today) -> int:
        total = 0
        partners = list(PartnerSite.objects.order_by("position")[:8])
        for months_ago in range(3):
            month = periods.add_periods("month", today, -months_ago)
            for partner in partners:
                # Only months with no counter yet: real counts are never overwritten.
                row, created = ReferralCount.objects.get_or_create(
                    partner=partner, month=month, defaults={"visits": rng.randint(5, 120), "is_demo": True}
                )
                total += row.visits if created else 0
        return total
