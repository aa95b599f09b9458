"""The illustrative campaign content `make run` loads."""

import io

import pytest
from django.core.management import call_command

from campaigns.models import ActivityRecord, NewsPost

pytestmark = pytest.mark.django_db


def load(name):
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def test_demo_command_is_repeatable(districts):
    load("load_campaigns")
    load("load_demo_data")
    first = load("load_campaign_demo")
    assert "5 news posts created" in first
    records = ActivityRecord.objects.count()
    assert records > 0
    assert ActivityRecord.objects.filter(trained_producers__isnull=False).exists()
    second = load("load_campaign_demo")
    assert "0 news posts created" in second
    assert ActivityRecord.objects.count() == records
    assert NewsPost.objects.filter(is_illustrative=True).count() == 5
    assert all(post.cover for post in NewsPost.objects.all())
