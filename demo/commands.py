"""What every command that writes demo rows shares: it refuses to run on a server with
DEBUG off unless it is told, in so many words, to do so."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class DemoDataCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--force-demo",
            action="store_true",
            help="Write demo rows even with DEBUG off (a staging server); never on a public portal.",
        )

    def execute(self, *args, **options):
        if not settings.DEBUG and not options.get("force_demo"):
            raise CommandError(
                "Refusing to write demo data with DEBUG off: demo rows are fictional. "
                "On a staging server, run again with --force-demo."
            )
        return super().execute(*args, **options)
