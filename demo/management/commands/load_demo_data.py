"""Fill the directory with fictional demo shops, producers, products and listings
(demo.directory); running it again updates the same rows."""

import time

from django.core.management import call_command
from django.db import transaction

from demo.commands import DemoDataCommand
from demo.directory import DemoLoader
from shops.models import District


class Command(DemoDataCommand):
    help = "Load fictional demo shops, producers, products and platform listings (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        if not District.objects.exists():
            call_command("load_places", stdout=self.stdout)
        with transaction.atomic():
            counts = DemoLoader().run()
        self.stdout.write(
            "Demo data: {shops} shops, {producers} producers, {products} products, {listings} listings "
            "(postmart {postmart}, voso {voso}); {photos} photos drawn in {seconds:.1f} s.".format(
                seconds=time.monotonic() - started, **counts
            )
        )
