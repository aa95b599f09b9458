"""The illustrative campaign content `make run` loads."""

import io

import pytest
from django.core.management import call_command

from campaigns.models import ActivityRecord, NewsPost

pytestmark = pytest.mark.django_db

DEMO_LOADERS = {"load_demo_data", "load_campaign_demo"}


def load(name):
    out = io.StringIO()
    # The demo loaders run with DEBUG off (as tests run) only when forced.
    options = {"force_demo": True} if name in DEMO_LOADERS else {}
    call_command(name, stdout=out, **options)
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
    assert NewsPost.objects.filter(is_demo=True).count() == 5
    assert all(post.cover for post in NewsPost.objects.all())


def test_demo_records_and_posts_go_to_units_of_their_day(districts):
    load("load_campaigns")
    load("load_campaign_demo")
    records = ActivityRecord.objects.select_related("organisation")
    assert records.exists()
    assert all(record.organisation.exists_on(record.date) for record in records)
    posts = NewsPost.objects.select_related("author_unit")
    assert all(post.author_unit.exists_on(post.published_on) for post in posts)
    # Posts the 2021 department signed are signed today by the department that took it over.
    assert posts.filter(author_unit__slug="so-khcn").exists()
