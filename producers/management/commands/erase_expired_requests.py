"""Erase the personal data of requests for help kept past the promised time (run daily).

A household that asked for help on the portal is told its data is kept until its shop
opens, or at most 12 months after the last step. This command keeps that promise: it
erases them as a withdrawal of consent does (producers.services.withdraw_consent)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from producers.models import Onboarding
from producers.services import withdraw_consent


class Command(BaseCommand):
    help = "Erase the personal data of requests for help kept past the stated retention (run daily)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        expired = Onboarding.objects.past_retention(today).select_related("producer")
        count = 0
        for onboarding in expired:
            withdraw_consent(onboarding, user=None, day=today)
            count += 1
        self.stdout.write(f"Erased the personal data of {count} request(s) for help past retention.")
