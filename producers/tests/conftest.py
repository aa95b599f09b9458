from datetime import date

import pytest
from django.utils import timezone

# The day the tests of seasons and prices live on.
TODAY = date(2026, 11, 20)


@pytest.fixture
def today(monkeypatch):
    """timezone.localdate() answers TODAY (a date given to it is still converted)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY
