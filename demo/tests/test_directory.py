"""The demo data `make run` loads, and the walk-through a new user makes with it."""

import io
import re

import phonenumbers
import pytest
from django.core.management import call_command
from django.urls import reverse
from phonenumbers import carrier

from producers.models import Listing, Producer, Product
from shops.models import District, Shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_data", force_demo=True, stdout=io.StringIO())


def counts():
    return (Shop.objects.count(), Producer.objects.count(), Product.objects.count(), Listing.objects.count())


def test_demo_data_covers_every_district_and_is_idempotent(demo):
    shops, producers, products, listings = counts()
    assert shops >= 300 and producers >= 80 and products >= 200
    assert District.objects.count() == 27
    assert not District.objects.filter(shops=None).exists()
    assert not District.objects.filter(producers=None).exists()
    assert set(Listing.objects.values_list("platform__slug", flat=True)) == {"postmart", "voso"}
    with_photo = Product.objects.exclude(photo="")
    assert with_photo.count() == products
    assert not with_photo.filter(photo_alt="").exists()
    assert all(p.photo_width and p.photo_height for p in with_photo[:20])
    assert all(p.photo_thumbnail and p.photo_thumbnail_width == 480 for p in with_photo[:20])

    assert_numbers_are_fictional()

    call_command("load_demo_data", force_demo=True, stdout=io.StringIO())
    assert counts() == (shops, producers, products, listings)


def assert_numbers_are_fictional():
    numbers = set()
    for model in (Shop, Producer):
        for phone, zalo in model.objects.values_list("phone", "zalo"):
            numbers |= {phone, zalo} - {""}
    assert len(numbers) > 380
    for stored in numbers:
        number = phonenumbers.parse(stored)
        # A valid Vietnamese mobile number (the forms accept it) of the former S-Fone code 095,
        # in which libphonenumber knows no network: none of them reaches a real person.
        assert stored.startswith("+8495") and phonenumbers.is_valid_number(number), stored
        assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
        assert carrier.name_for_number(number, "en") == "", stored


def test_new_user_walk_through(client, demo):
    # Find a shop in Hà Trung by typing without accents, and call it.
    response = client.get(reverse("search"), {"q": "ha trung", "type": "shops"})
    shop = next(s for s in response.context["page_obj"] if s.district.slug == "ha-trung")
    page = client.get(shop.get_absolute_url()).content.decode()
    assert f'href="{shop.tel_url}"' in page

    # Open a Hà Trung producer and follow its link to voso.vn.
    producer = Producer.objects.published().filter(
        district__slug="ha-trung", listings__platform__slug="voso", listings__product=None
    )[0]
    page = client.get(producer.get_absolute_url()).content.decode()
    links = re.findall(r'href="(/go/\d+/)"[^>]*>Mua trên voso.vn<', page)
    assert links
    response = client.get(links[0])
    assert response.status_code == 302
    assert response["Location"].startswith("https://voso.vn/")


def test_demo_products_have_dated_prices_some_of_them_old(demo):
    from datetime import timedelta

    from django.db.models import Count, Max
    from django.utils import timezone

    from producers.models import ProductPrice

    priced = Product.objects.annotate(n=Count("prices"), latest=Max("prices__observed_on")).filter(n__gt=0)
    assert priced.count() > 0.7 * Product.objects.count()
    assert {product.n for product in priced} <= {2, 3, 4}
    old = timezone.localdate() - timedelta(days=ProductPrice.OLD_AFTER_DAYS)
    assert 0 < priced.filter(latest__lt=old).count() < priced.count() / 2
    assert set(ProductPrice.objects.values_list("source", flat=True)) == set(ProductPrice.Source.values)
    assert (
        not ProductPrice.objects.filter(source_note__gt="").exclude(source_note__contains="minh họa").exists()
    )

    prices = list(ProductPrice.objects.values_list("product__slug", "price", "observed_on", "source"))
    call_command("load_demo_data", force_demo=True, stdout=io.StringIO())
    assert sorted(
        ProductPrice.objects.values_list("product__slug", "price", "observed_on", "source")
    ) == sorted(prices)


def test_demo_households_have_onboarding_records_at_every_stage(demo):
    from producers.models import Onboarding

    records = Onboarding.objects.select_related("producer")
    assert set(records.values_list("stage", flat=True)) == set(Onboarding.Stage.values)
    assert records.exists() and not records.filter(is_demo=False).exists()
    for onboarding in records:
        assert onboarding.producer.is_demo and onboarding.producer.kind == Producer.Kind.HOUSEHOLD
        steps = list(onboarding.steps.all())
        assert steps[0].stage == Onboarding.Stage.PROPOSED and steps[-1].stage == onboarding.stage
        assert [s.day for s in steps] == sorted(s.day for s in steps)
        assert (onboarding.stage == Onboarding.Stage.DECLINED) == bool(onboarding.decline_reason)
        if onboarding.stage in (Onboarding.Stage.SHOP_OPEN, Onboarding.Stage.FIRST_ORDER):
            assert onboarding.listing.is_demo and onboarding.listing.producer == onboarding.producer
    summary = records.order_by("producer__slug").values_list("producer__slug", "stage", "stage_on")
    before = list(summary)
    call_command("load_demo_data", force_demo=True, stdout=io.StringIO())
    assert list(summary.all()) == before
