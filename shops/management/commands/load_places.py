from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shops import services
from shops.geography import UnknownProvince


class Command(BaseCommand):
    help = (
        "Load the province's administrative units from official data: today's communes and wards, "
        "the former districts and communes, and the crosswalk between them; then place directory "
        "records in their current commune where that is certain (idempotent)."
    )

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

    def handle(self, *args, province, update, **options):
        try:
            report = services.load_places(province_code=province, update=update)
        except UnknownProvince:
            raise CommandError(f"No province with code {province} in the official data.") from None
        placed, left = services.place_unplaced()
        self.stdout.write(
            f"{report.province} ({province}): {report.communes} communes and wards, "
            f"{report.districts} former districts, {report.former_communes} former communes "
            f"({report.created} units created, "
            f"{report.updated} updated). Directory records placed in their current commune: {placed}; "
            f"left for staff to place: {left}."
        )
