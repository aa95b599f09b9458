"""Rebuild the search columns of every searchable row (after an upgrade changes what rows
are found by, for example phone numbers and OCOP ratings).

    python manage.py rebuild_search
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from core.models import Searchable


class Command(BaseCommand):
    help = "Recompute search_text and search_name of every searchable row."

    def handle(self, *args, **options):
        for model in apps.get_models():
            if issubclass(model, Searchable):
                changed = model._default_manager.all().for_reindex().reindex()
                self.stdout.write(f"{model._meta.label}: {changed} rows changed")
