"""Budgets that hold whatever the data: SQL queries per page and the weight of a district page."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from camnang.tests.utils import count_queries
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.models import Category, Commune
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

PAGE_WEIGHT_BUDGET = 30 * 1024


def grow(district, n):
    categories = list(Category.objects.all()[:3])
    # Producers in several of today's communes, and some not placed in one yet.
    communes = [*Commune.objects.in_district(district)[:3], None]
    for i in range(n):
        ShopFactory(name=f"Cửa hàng tăng thêm {i}", district=district, categories=categories)
        producer = ProducerFactory(name=f"HTX tăng thêm {i}", district=district, commune=communes[i % 4])
        ListingFactory(producer=producer)
        ProductFactory(
            name=f"Sản phẩm tăng thêm {i}",
            producer=producer,
            ocop_stars=3,
            harvest_months=[10, 11],
            price=30000 + 1000 * i,
        )


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "districts",
        "district",
        "district_producers",
        "shop",
        "producer",
        "product",
        "search",
        "search_place_goods",
        "search_tab",
        "search_partial",
        "products",
        "in_season",
    ],
)
def test_queries_per_page_do_not_grow_with_rows(client, districts, page):
    ha_trung = districts["ha-trung"]
    grow(ha_trung, 2)
    from producers.models import Producer, Product
    from shops.models import Shop

    shop, producer, product = Shop.objects.first(), Producer.objects.first(), Product.objects.first()
    urls = {
        "home": reverse("home"),
        "districts": reverse("shops:districts"),
        "district": ha_trung.get_absolute_url(),
        "district_producers": reverse("producers:district_producers", kwargs={"slug": "ha-trung"}),
        "shop": shop.get_absolute_url(),
        "producer": producer.get_absolute_url(),
        "product": product.get_absolute_url(),
        "search": reverse("search") + "?q=tang+them",
        "search_place_goods": reverse("search") + "?q=mua+tăng+thêm+ở+huyện+hà+trung",
        "search_tab": reverse("search") + "?q=tang+them&type=shops&page=2",
        "search_partial": reverse("search") + "?q=tang+them+xyzabc+0912.345.678",
        "products": reverse("producers:products"),
        "in_season": reverse("producers:in_season") + "?thang=11",
    }
    few = count_queries(client, urls[page])
    grow(ha_trung, 25)
    for extra in ProductFactory.create_batch(5, producer=producer):
        ListingFactory(producer=producer, product=extra, url=f"https://voso.vn/p/{extra.pk}")
    assert count_queries(client, urls[page]) == few


def test_district_page_with_its_css_stays_under_30_kb_compressed(client, districts):
    ha_trung = districts["ha-trung"]
    categories = list(Category.objects.all()[:3])
    for i in range(60):  # more than a page: the page shows 50
        ShopFactory(
            name=f"Siêu thị mini Hồng Phát chi nhánh số {i}",
            district=ha_trung,
            address=f"Số {i} đường Trần Hưng Đạo, khu phố {i % 7}",
            commune_name="Thị trấn Hà Trung",
            categories=categories,
            home_delivery=True,
            pickup=True,
        )
    ProducerFactory.create_batch(6, district=ha_trung)
    html = client.get(ha_trung.get_absolute_url()).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    css = b"".join(Path(finders.find(path.decode())).read_bytes() for path in stylesheets)
    transferred = len(gzip.compress(html, 6)) + len(gzip.compress(css, 6))
    assert transferred < PAGE_WEIGHT_BUDGET, f"{transferred} bytes"
    # No web fonts, no script framework: the only script is the portal's own share helper.
    assert b"@font-face" not in css
    scripts = re.findall(rb'<script[^>]*src="([^"]+)"', html)
    assert scripts == [b"/static/js/share.js"]


def test_images_are_lazy_with_their_size_set(client, districts):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    product = ProductFactory(producer=ProducerFactory(district=districts["ha-trung"]), ocop_stars=4)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    product.photo.save("p.jpg", ContentFile(buffer.getvalue()))
    html = client.get(reverse("producers:products")).content.decode()
    images = re.findall(r"<img [^>]+>", html)
    assert images
    for img in images:
        assert 'loading="lazy"' in img and re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)


def onboard(district, n):
    """`n` households of `district` on their way onto the platforms, some waiting a month."""
    from datetime import timedelta

    from django.utils import timezone

    from producers.models import Onboarding, Platform, Producer
    from producers.services import move_onboarding

    Stage = Onboarding.Stage
    communes = [*Commune.objects.in_district(district)[:3], None]
    platforms = [*Platform.objects.all(), None]
    today = timezone.localdate()
    for i in range(n):
        producer = ProducerFactory(district=district, commune=communes[i % 4], kind=Producer.Kind.HOUSEHOLD)
        onboarding = Onboarding(producer=producer, platform=platforms[i % len(platforms)])
        move_onboarding(onboarding, Stage.PROPOSED, user=None, day=today - timedelta(days=60 + i))
        if i % 2:
            move_onboarding(onboarding, Stage.CONTACTED, user=None, day=today - timedelta(days=40))
        if i % 4 == 1:
            move_onboarding(onboarding, Stage.TRAINED, user=None, day=today - timedelta(days=10))


@pytest.mark.parametrize("grouping", ["huyen", "xa", "doanh-nghiep"])
def test_onboarding_funnel_queries_do_not_grow_with_records(admin_client, districts, grouping):
    url = reverse("admin:producer_onboarding") + f"?theo={grouping}"
    onboard(districts["ha-trung"], 2)
    few = count_queries(admin_client, url)
    onboard(districts["ha-trung"], 12)
    onboard(districts["nga-son"], 8)
    assert count_queries(admin_client, url) == few
