"""Visits sent by partner sites are counted per partner and month, once per visitor and day,
and nothing about the visitors is kept."""

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camnang.tests.utils import wsgi_get
from campaigns.models import PartnerSite, ReferralCount
from campaigns.referrals import first_visit_today
from campaigns.services import count_referral
from campaigns.tests.factories import ChapterFactory, PartnerFactory

pytestmark = pytest.mark.django_db

HANDBOOK = "/cam-nang/"


@pytest.fixture
def partner():
    return PartnerFactory(
        name="Sở Công Thương", referral_tag="so-cong-thuong", website="https://sct.example.gov.vn/"
    )


def visit(path=HANDBOOK, params=None, *, referer="", address="203.0.113.1", method="GET"):
    """One visit through the whole WSGI application, as gunicorn makes it."""
    url = f"{path}?{urlencode(params)}" if params else path
    headers = {"Referer": referer} if referer else {}
    return wsgi_get(url, headers=headers, remote_addr=address, method=method)


def visits(partner) -> int:
    return sum(ReferralCount.objects.filter(partner=partner).values_list("visits", flat=True))


def test_referral_tag_is_counted(partner):
    assert visit(params={"ref": "so-cong-thuong"}, address="203.0.113.1").status_code == 200
    assert visit(params={"ref": "SO-CONG-THUONG"}, address="203.0.113.2").status_code == 200
    row = ReferralCount.objects.get()
    assert (row.partner, row.visits) == (partner, 2)
    assert row.month.day == 1


def test_a_visitor_counts_once_per_partner_and_day(partner):
    other = PartnerFactory(referral_tag="bao-thanh-hoa")
    for _ in range(5):
        visit(params={"ref": "so-cong-thuong"}, address="203.0.113.9")
        visit(reverse("home"), {"ref": "so-cong-thuong"}, address="203.0.113.9")
    visit(params={"ref": "bao-thanh-hoa"}, address="203.0.113.9")
    visit(params={"ref": "so-cong-thuong"}, address="198.51.100.4")
    assert visits(partner) == 2
    assert visits(other) == 1


def test_the_next_day_counts_again(partner):
    today = date(2026, 12, 1)
    assert first_visit_today(partner_id=partner.pk, address="203.0.113.9", day=today)
    assert not first_visit_today(partner_id=partner.pk, address="203.0.113.9", day=today)
    assert first_visit_today(partner_id=partner.pk, address="203.0.113.9", day=today + timedelta(days=1))


def test_repeat_visits_do_not_touch_the_database(partner):
    ChapterFactory()
    visit(params={"ref": "so-cong-thuong"})
    with CaptureQueriesContext(connection) as repeat:
        visit(params={"ref": "so-cong-thuong"})
    assert not [q for q in repeat.captured_queries if "referral" in q["sql"].lower()]
    assert visits(partner) == 1


def test_what_the_cache_keeps_cannot_be_read_back_as_an_address(partner):
    visit(params={"ref": "so-cong-thuong"}, address="203.0.113.77")
    keys = [key for key in cache._cache if "referrals:seen" in key]  # local-memory cache in tests
    assert len(keys) == 1
    assert "203.0.113.77" not in keys[0]


def test_any_public_page_counts(partner):
    visit(reverse("home"), {"ref": "so-cong-thuong"}, address="203.0.113.1")
    visit(reverse("campaigns:news"), {"ref": "so-cong-thuong"}, address="203.0.113.2")
    assert visits(partner) == 2


def test_referer_host_of_a_partner_is_counted(partner):
    visit(referer="https://sct.example.gov.vn/tin-tuc/bai-1.html", address="203.0.113.1")
    visit(referer="http://www.SCT.example.gov.vn/", address="203.0.113.2")
    assert visits(partner) == 2


def test_tag_and_referer_together_count_once(partner):
    visit(params={"ref": "so-cong-thuong"}, referer="https://sct.example.gov.vn/")
    assert visits(partner) == 1


@pytest.mark.parametrize(
    ("params", "referer"),
    [
        ({"ref": "khong-ton-tai"}, ""),
        ({"ref": "so-cong-thuong" * 30}, ""),
        ({"ref": "so-cong-thuong\x00"}, ""),
        ({"ref": "<script>alert(1)</script>"}, ""),
        ({"ref": "số-công-thương"}, ""),
        ({}, "https://evil.example/"),
        ({}, "https://sct.example.gov.vn.evil.example/"),
        ({}, "http://[::1"),
        ({}, "not a url at all"),
        ({}, "https://sct.example.gov.vn/" + "a" * 5000),
        ({}, "http://testserver/dia-ban/"),
    ],
)
def test_unknown_or_junk_input_is_ignored(partner, params, referer):
    response = visit(params=params, referer=referer)
    assert response.status_code == 200
    assert not ReferralCount.objects.exists()


def test_odd_bytes_in_the_query_string(partner):
    response = visit(HANDBOOK + "?ref=%ff%fe%00so-cong-thuong&ref=%C0%AF")
    assert response.status_code == 200
    assert not ReferralCount.objects.exists()


def test_only_successful_public_html_pages_count(partner):
    visit("/cam-nang/khong-co/", {"ref": "so-cong-thuong"})  # 404
    visit("/tin-tuc/rss/", {"ref": "so-cong-thuong"})  # feed
    visit(params={"ref": "so-cong-thuong"}, method="POST")  # not a GET
    visit("/quan-tri/login/", {"ref": "so-cong-thuong"})  # staff pages
    # A banner image shown on the partner's own page sends its Referer on every view there.
    visit("/banner/khong-co/300x250.png", referer="https://sct.example.gov.vn/")
    assert not ReferralCount.objects.exists()


def test_same_partner_in_two_months_gets_two_rows(partner):
    count_referral(partner_id=partner.pk, day=date(2021, 11, 30))
    count_referral(partner_id=partner.pk, day=date(2021, 11, 1))
    count_referral(partner_id=partner.pk, day=date(2021, 12, 1))
    rows = dict(ReferralCount.objects.values_list("month", "visits"))
    assert rows == {date(2021, 11, 1): 2, date(2021, 12, 1): 1}


def test_counting_is_one_update_once_the_month_exists(partner):
    visit(params={"ref": "so-cong-thuong"}, address="203.0.113.1")  # creates the month's row
    ChapterFactory()
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        visit()  # warms what the process keeps between requests
        with CaptureQueriesContext(connection) as plain:
            visit()
        with CaptureQueriesContext(connection) as counted:
            visit(params={"ref": "so-cong-thuong"}, address="203.0.113.2")
    extra = [q["sql"] for q in counted.captured_queries[len(plain.captured_queries) :]]
    assert len(counted.captured_queries) == len(plain.captured_queries) + 1, extra
    assert extra[0].startswith("UPDATE")
    assert visits(partner) == 2


def test_visits_count_whether_the_page_is_cached_or_not(partner):
    first = visit(params={"ref": "so-cong-thuong"}, address="203.0.113.1")
    second = visit(params={"ref": "so-cong-thuong"}, address="203.0.113.2")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert visits(partner) == 2


def test_partner_changes_refresh_the_cached_map(partner):
    visit(params={"ref": "so-cong-thuong"})
    PartnerFactory(referral_tag="bao-thanh-hoa")
    visit(params={"ref": "bao-thanh-hoa"})
    assert ReferralCount.objects.filter(partner__referral_tag="bao-thanh-hoa").exists()


def test_no_personal_data_is_stored(partner):
    wsgi_get(
        HANDBOOK + "?ref=so-cong-thuong",
        remote_addr="203.0.113.77",
        headers={
            "User-Agent": "Mozilla/5.0 (Linux; Android 10; Dien-Thoai-Thu)",
            "X-Forwarded-For": "198.51.100.23",
            "Referer": "https://sct.example.gov.vn/trang-rieng?email=nguoi.dan@example.vn",
        },
    )
    assert visits(partner) == 1
    # The demo flag says who wrote the row (the demo loader), nothing about visitors.
    fields = [f.name for f in ReferralCount._meta.get_fields()]
    assert fields == ["id", "is_demo", "partner", "month", "visits"]
    # Nothing the visitor sent ends up in any table of the app.
    for model in apps.get_app_config("campaigns").get_models():
        for row in model.objects.values():
            text = " ".join(str(v) for v in row.values())
            for secret in ("203.0.113.77", "198.51.100.23", "Dien-Thoai-Thu", "nguoi.dan"):
                assert secret not in text, (model.__name__, row)


def test_partner_website_host_is_derived_and_normalised():
    partner = PartnerSite.objects.create(
        name="X", referral_tag="x", website="https://WWW.Example.gov.vn:443/a"
    )
    assert partner.website_host == "example.gov.vn"


def test_staff_see_counts_per_partner_and_month_and_how_they_are_counted(admin_client, partner):
    other = PartnerFactory(name="Báo Thanh Hóa", referral_tag="bao")
    for day in (date(2021, 11, 3), date(2021, 11, 4), date(2021, 12, 1)):
        count_referral(partner_id=partner.pk, day=day)
    count_referral(partner_id=other.pk, day=date(2021, 11, 9))
    url = reverse("admin:campaigns_referralcount_changelist")
    page = admin_client.get(url).content.decode()
    assert "<strong>4</strong>" in page and "11/2021" in page and "12/2021" in page
    assert "một lần mỗi ngày" in page  # the method is stated where the numbers are read
    november = admin_client.get(url, {"thang": "2021-11-01"}).content.decode()
    assert "<strong>3</strong>" in november and "từ 2 trang đối tác" in november
    assert admin_client.get(url, {"thang": "khong-phai-ngay"}).status_code == 200
    partners = admin_client.get(reverse("admin:campaigns_partnersite_changelist")).content.decode()
    assert "Sở Công Thương" in partners
