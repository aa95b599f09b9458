from django.core.management.base import BaseCommand

from camnang.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or update the staff groups and their permissions (idempotent). "
        "Re-run after migrations that add models, e.g. to the campaigns app."
    )

    def handle(self, *args, **options):
        for name, count in setup_roles():
            self.stdout.write(f"{name}: {count} permissions")
