from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "camnang-demo"


class Command(BaseCommand):
    help = "Create the local demonstration administrator (development only, idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demonstration account with DEBUG off.")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Administrator '{USERNAME}' already exists.")
            return
        User.objects.create_superuser(USERNAME, "admin@camnang.invalid", PASSWORD)
        self.stdout.write(f"Created administrator '{USERNAME}' with password '{PASSWORD}'.")
