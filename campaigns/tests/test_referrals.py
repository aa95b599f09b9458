"""Visits sent by partner sites are counted per partner and month, and nothing else is kept."""

from datetime import date

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import PartnerSite, ReferralCount
from campaigns.services import count_referral
from campaigns.tests.factories import ChapterFactory, PartnerFactory

pytestmark = pytest.mark.django_db

HANDBOOK = "/cam-nang/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner():
    return PartnerFactory(
        name="Sở Công Thương", referral_tag="so-cong-thuong", website="https://sct.example.gov.vn/"
    )


def visits(partner) -> int:
    return sum(ReferralCount.objects.filter(partner=partner).values_list("visits", flat=True))


def test_referral_tag_is_counted(client, partner):
    assert client.get(HANDBOOK, {"ref": "so-cong-thuong"}).status_code == 200
    assert client.get(HANDBOOK, {"ref": "SO-CONG-THUONG"}).status_code == 200
    row = ReferralCount.objects.get()
    assert (row.partner, row.visits) == (partner, 2)
    assert row.month.day == 1


def test_any_public_page_counts(client, partner):
    client.get(reverse("home"), {"ref": "so-cong-thuong"})
    client.get(reverse("campaigns:news"), {"ref": "so-cong-thuong"})
    assert visits(partner) == 2


def test_referer_host_of_a_partner_is_counted(client, partner):
    client.get(HANDBOOK, HTTP_REFERER="https://sct.example.gov.vn/tin-tuc/bai-1.html")
    client.get(HANDBOOK, HTTP_REFERER="http://www.SCT.example.gov.vn/")
    assert visits(partner) == 2


def test_tag_and_referer_together_count_once(client, partner):
    client.get(HANDBOOK, {"ref": "so-cong-thuong"}, HTTP_REFERER="https://sct.example.gov.vn/")
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
def test_unknown_or_junk_input_is_ignored(client, partner, params, referer):
    headers = {"HTTP_REFERER": referer} if referer else {}
    response = client.get(HANDBOOK, params, **headers)
    assert response.status_code == 200
    assert not ReferralCount.objects.exists()


def test_odd_bytes_in_the_query_string(client, partner):
    response = client.get(HANDBOOK + "?ref=%ff%fe%00so-cong-thuong&ref=%C0%AF")
    assert response.status_code == 200
    assert not ReferralCount.objects.exists()


def test_only_successful_public_html_pages_count(client, partner, admin_client):
    client.get("/cam-nang/khong-co/", {"ref": "so-cong-thuong"})  # 404
    client.get("/tin-tuc/rss/", {"ref": "so-cong-thuong"})  # feed
    client.post(HANDBOOK + "?ref=so-cong-thuong")  # not a GET
    admin_client.get("/quan-tri/", {"ref": "so-cong-thuong"})  # staff pages
    # A banner image shown on the partner's own page sends its Referer on every view there.
    client.get("/banner/khong-co/300x250.png", HTTP_REFERER="https://sct.example.gov.vn/")
    assert not ReferralCount.objects.exists()


def test_same_partner_in_two_months_gets_two_rows(partner):
    count_referral(partner_id=partner.pk, day=date(2021, 11, 30))
    count_referral(partner_id=partner.pk, day=date(2021, 11, 1))
    count_referral(partner_id=partner.pk, day=date(2021, 12, 1))
    rows = dict(ReferralCount.objects.values_list("month", "visits"))
    assert rows == {date(2021, 11, 1): 2, date(2021, 12, 1): 1}


def test_counting_is_one_update_once_the_month_exists(client, partner):
    client.get(HANDBOOK, {"ref": "so-cong-thuong"})  # creates the month's row, fills the cache
    ChapterFactory()
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        client.get(HANDBOOK)  # warms what the process keeps between requests
        with CaptureQueriesContext(connection) as plain:
            client.get(HANDBOOK)
        with CaptureQueriesContext(connection) as counted:
            client.get(HANDBOOK, {"ref": "so-cong-thuong"})
    extra = [q["sql"] for q in counted.captured_queries[len(plain.captured_queries) :]]
    assert len(counted.captured_queries) == len(plain.captured_queries) + 1, extra
    assert extra[0].startswith("UPDATE")
    assert visits(partner) == 2


def test_partner_changes_refresh_the_cached_map(client, partner):
    client.get(HANDBOOK, {"ref": "so-cong-thuong"})
    PartnerFactory(referral_tag="bao-thanh-hoa")
    client.get(HANDBOOK, {"ref": "bao-thanh-hoa"})
    assert ReferralCount.objects.filter(partner__referral_tag="bao-thanh-hoa").exists()


def test_no_personal_data_is_stored(client, partner):
    client.get(
        HANDBOOK,
        {"ref": "so-cong-thuong"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10; Dien-Thoai-Thu)",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
        HTTP_REFERER="https://sct.example.gov.vn/trang-rieng?email=nguoi.dan@example.vn",
    )
    assert visits(partner) == 1
    assert [f.name for f in ReferralCount._meta.get_fields()] == ["id", "partner", "month", "visits"]
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


def test_staff_see_counts_per_partner_and_month(admin_client, partner):
    other = PartnerFactory(name="Báo Thanh Hóa", referral_tag="bao")
    for day in (date(2021, 11, 3), date(2021, 11, 4), date(2021, 12, 1)):
        count_referral(partner_id=partner.pk, day=day)
    count_referral(partner_id=other.pk, day=date(2021, 11, 9))
    url = reverse("admin:campaigns_referralcount_changelist")
    page = admin_client.get(url).content.decode()
    assert "<strong>4</strong>" in page and "11/2021" in page and "12/2021" in page
    november = admin_client.get(url, {"thang": "2021-11-01"}).content.decode()
    assert "<strong>3</strong>" in november and "từ 2 trang đối tác" in november
    assert admin_client.get(url, {"thang": "khong-phai-ngay"}).status_code == 200
    partners = admin_client.get(reverse("admin:campaigns_partnersite_changelist")).content.decode()
    assert "Sở Công Thương" in partners
