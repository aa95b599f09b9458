from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shops.geography import UnknownProvince, district_records
from shops.models import District


class Command(BaseCommand):
    help = "Load the province's district-level units from official data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            type=int,
            default=settings.PROVINCE_CODE,
            help="Official province code (default: PROVINCE_CODE, 38 for Thanh Hóa).",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also overwrite names edited by staff with the official ones.",
        )

    @transaction.atomic
    def handle(self, *args, province, update, **options):
        try:
            records = district_records(province)
        except UnknownProvince:
            raise CommandError(f"No province with code {province} in the official data.") from None
        existing = {d.code: d for d in District.objects.filter(code__in=[r.code for r in records])}
        created = updated = 0
        for position, record in enumerate(records, start=1):
            district = existing.get(record.code)
            if district is None:
                District.objects.create(
                    code=record.code,
                    name=record.name,
                    short_name=record.short_name,
                    slug=record.slug,
                    kind=record.kind,
                    province_code=province,
                    position=position,
                    note=record.note,
                )
                created += 1
            elif update:
                district.name, district.short_name, district.kind = (
                    record.name,
                    record.short_name,
                    record.kind,
                )
                district.province_code = province
                district.save()
                updated += 1
        self.stdout.write(
            f"Province {province}: {len(records)} district-level units "
            f"({created} created, {updated} updated, {len(records) - created - updated} unchanged)."
        )
