"""Demo rows are marked in the data, and everything that shows them says so: pages,
prints, feeds, open-data files and the staff dashboards. The loaders refuse to write
them on a server with DEBUG off unless forced."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from campaigns.models import ActivityRecord, NewsPost, ReferralCount, ReportSubmission
from core.cache import bump_content_version
from core.demo import NOTICE
from producers.models import Listing, Platform, Producer, Product
from shops.models import Commune, District, Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

NOTICE_MARK = 'class="demo-notice"'


@pytest.fixture
def demo(districts):
    call_command("load_campaigns", stdout=io.StringIO())
    call_command("load_demo_data", force_demo=True, stdout=io.StringIO())
    call_command("load_campaign_demo", force_demo=True, stdout=io.StringIO())


def public_pages() -> list[str]:
    """One address of every public page type, each showing demo rows."""
    shop = Shop.objects.public().filter(is_demo=True).order_by("pk").first()
    producer = Producer.objects.public().filter(is_demo=True, products__isnull=False).order_by("pk").first()
    product = Product.objects.public().filter(is_demo=True).order_by("pk").first()
    district = shop.district
    commune = Commune.objects.public().filter(shops__is_demo=True).order_by("pk").first()
    news = NewsPost.objects.public().filter(is_demo=True).order_by("pk").first()
    return [
        reverse("home"),
        reverse("shops:districts"),
        district.get_absolute_url(),
        commune.get_absolute_url(),
        shop.get_absolute_url(),
        reverse("producers:district_producers", kwargs={"slug": district.slug}),
        producer.get_absolute_url(),
        product.get_absolute_url(),
        reverse("producers:products"),
        reverse("producers:platforms"),
        reverse("search") + "?q=rau",
        reverse("campaigns:handbook"),
        reverse("campaigns:news"),
        news.get_absolute_url(),
        reverse("opendata:index"),
    ]


def print_pages() -> list[str]:
    shop = Shop.objects.public().filter(is_demo=True).order_by("pk").first()
    return [
        reverse("shops:district_print", kwargs={"slug": shop.district.slug}),
        reverse("shops:commune_print", kwargs={"slug": shop.commune.slug}),
        reverse("producers:district_producers_print", kwargs={"slug": shop.district.slug}),
    ]


def test_every_row_the_loaders_write_is_marked(demo):
    for model in (Shop, Producer, Product, Listing, ActivityRecord, ReportSubmission, NewsPost):
        assert model.objects.exists(), model
        assert not model.objects.filter(is_demo=False).exists(), model
    assert ReferralCount.objects.filter(is_demo=True).exists()


def test_every_public_page_type_and_print_says_it_shows_demo_data(client, demo):
    for url in public_pages() + print_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert NOTICE_MARK in page, url
        assert str(NOTICE) in page, url


def test_demo_rows_carry_their_own_label(client, demo):
    shop = Shop.objects.public().filter(is_demo=True).order_by("pk").first()
    page = client.get(shop.district.get_absolute_url()).content.decode()
    assert 'class="tag tag-demo"' in page
    page = client.get(shop.get_absolute_url()).content.decode()
    assert "Dữ liệu minh họa: tên, địa chỉ" in page


def test_open_data_files_say_which_rows_are_demo_rows(client, demo):
    for dataset in ("cua-hang", "co-so-san-xuat", "san-pham"):
        body = json.loads(client.get(reverse("opendata:json", kwargs={"dataset": dataset})).content)
        assert body["demo_rows"] == body["count"] > 0, dataset
        assert body["demo_notice"] == str(NOTICE)
        assert "is_demo" in body["fields"] and all(row["is_demo"] is True for row in body["results"])
        csv = client.get(reverse("opendata:csv", kwargs={"dataset": dataset})).content.decode()
        header, first = csv.lstrip("\ufeff").splitlines()[:2]
        assert header.split(",")[-1] == "is_demo" and first.endswith(",1"), dataset


def test_feeds_say_which_posts_are_illustrative(client, demo):
    for name in ("campaigns:news_rss", "campaigns:news_atom"):
        feed = client.get(reverse(name)).content.decode()
        assert "[Minh họa]" in feed, name


def test_staff_dashboards_say_their_figures_include_demo_rows(admin_client, demo):
    for url in (
        reverse("admin:plan_dashboard"),
        reverse("admin:producer_onboarding"),
        reverse("admin:campaigns_referralcount_changelist"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "dữ liệu minh họa" in response.content.decode() or "lượt minh họa" in response.content.decode()


def test_no_notice_without_demo_rows(client, admin_client, districts):
    shop = ShopFactory(district=districts["ha-trung"])
    for url in (reverse("home"), shop.get_absolute_url(), shop.district.get_absolute_url()):
        assert NOTICE_MARK not in client.get(url).content.decode(), url
    body = json.loads(client.get(reverse("opendata:json", kwargs={"dataset": "cua-hang"})).content)
    assert body["demo_rows"] == 0 and body["demo_notice"] is None
    assert body["results"][0]["is_demo"] is False
    assert "minh họa" not in admin_client.get(reverse("admin:plan_dashboard")).content.decode()


def test_the_notice_follows_the_data_at_once(client, districts):
    shop = ShopFactory(district=districts["ha-trung"])
    assert NOTICE_MARK not in client.get(reverse("home")).content.decode()
    Shop.objects.filter(pk=shop.pk).update(is_demo=True)
    # What a committed edit does (core.cache.bump_after_commit; the test's transaction never commits).
    bump_content_version()
    assert NOTICE_MARK in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("command", ["load_demo_data", "load_campaign_demo"])
def test_loaders_refuse_with_debug_off(settings, districts, command):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force-demo"):
        call_command(command, stdout=io.StringIO())
    assert not Shop.objects.exists() and not ActivityRecord.objects.exists()


def test_create_demo_admin_refuses_with_debug_off_even_when_asked(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_admin", stdout=io.StringIO())


def test_demo_listings_lead_to_the_platform_home_page(client, demo):
    homes = dict(Platform.objects.values_list("pk", "home_url"))
    for listing in Listing.objects.all():
        home = homes[listing.platform_id].rstrip("/")
        assert listing.url.startswith(home + "/#"), listing.url
    listing = Listing.objects.public().order_by("pk").first()
    response = client.get(reverse("producers:go", kwargs={"pk": listing.pk}))
    assert response.status_code == 302
    assert response["Location"].split("#")[0].rstrip("/") == homes[listing.platform_id].rstrip("/")


def test_demo_producers_hold_no_rating_and_no_place_name(demo):
    assert not Product.objects.filter(ocop_stars__gt=0).exists()
    places = {name for name in Commune.objects.values_list("short_name", flat=True) if len(name) > 3}
    places |= set(District.objects.values_list("short_name", flat=True))
    names = [*Producer.objects.exclude(kind="household").values_list("name", flat=True)]
    names += Product.objects.values_list("name", flat=True)
    for name in names:
        assert not any(f" {place}" in name for place in places), name
