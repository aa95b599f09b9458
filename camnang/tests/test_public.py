"""One rule for what is public: each model's public() decides, and every page, list,
search, sitemap, feed, open-data file and redirect shows exactly those rows."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import HandbookChapter, NewsPost
from campaigns.tests.factories import ChapterFactory, NewsFactory
from core.models import Status
from producers.models import Listing, Platform, Producer, Product
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.models import Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

TOKEN = "Đồng Kiểm"  # in every name, so one search finds them all


@pytest.fixture
def mixed(districts):
    """Rows of every kind, some public and some not, in a shown and a hidden district."""
    shown, hidden = districts["ha-trung"], districts["nga-son"]
    hidden.is_active = False
    hidden.save()
    for district in (shown, hidden):
        for status in Status.values:
            ShopFactory(name=f"Tạp hóa {TOKEN} {district.slug} {status}", district=district, status=status)
            producer = ProducerFactory(
                name=f"HTX {TOKEN} {district.slug} {status}", district=district, status=status
            )
            for product_status in Status.values:
                product = ProductFactory(
                    name=f"Gạo {TOKEN} {district.slug} {status} {product_status}",
                    producer=producer,
                    status=product_status,
                )
                ListingFactory(producer=producer, product=product, url=f"https://voso.vn/p/{product.pk}")
            ListingFactory(producer=producer, url=f"https://voso.vn/shop/{producer.pk}")
            ListingFactory(producer=producer, url=f"https://voso.vn/shop/{producer.pk}/cu", is_active=False)
    closed = Platform.objects.create(
        name="Sàn đã đóng", slug="san-dong", operator="Không còn", home_url="https://dong.example.vn/",
        domain="dong.example.vn", is_active=False,
    )  # fmt: skip
    ListingFactory(
        platform=closed, producer=Producer.objects.public().first(), url="https://dong.example.vn/shop/1"
    )
    today = timezone.localdate()
    for status in Status.values:
        ChapterFactory(title=f"Chương {TOKEN} {status}", status=status)
        NewsFactory(title=f"Tin {TOKEN} {status}", status=status, published_on=today)
        NewsFactory(
            title=f"Tin hẹn giờ {TOKEN} {status}", status=status, published_on=today + timedelta(days=3)
        )


def test_the_rule_itself(mixed):
    """Published, in a shown district, by a public producer; listings active on an active platform."""
    published = Status.PUBLISHED
    assert public_names(Shop) == {f"Tạp hóa {TOKEN} ha-trung {published}"}
    assert public_names(Producer) == {f"HTX {TOKEN} ha-trung {published}"}
    assert public_names(Product) == {f"Gạo {TOKEN} ha-trung {published} {published}"}
    listings = Listing.objects.public()
    assert {(listing.producer.name, listing.is_active, listing.platform.slug) for listing in listings} == {
        (f"HTX {TOKEN} ha-trung {published}", True, "voso")
    }
    assert listings.count() == 2  # the producer's shop and its one public product's page
    assert public_names(HandbookChapter, "title") == {f"Chương {TOKEN} {published}"}
    assert public_names(NewsPost, "title") == {f"Tin {TOKEN} {published}"}


def names_on(client, url) -> set[str]:
    html = client.get(url).content.decode()
    return {name for name in _all_names() if f">{name}<" in html}


def _all_names():
    for model in (Shop, Producer, Product):
        yield from model.objects.values_list("name", flat=True)
    for model in (HandbookChapter, NewsPost):
        yield from model.objects.values_list("title", flat=True)


def public_names(model, field="name") -> set[str]:
    return set(model.objects.public().values_list(field, flat=True))


@pytest.mark.parametrize("model", [Shop, Producer, Product])
def test_a_record_page_answers_exactly_when_the_record_is_public(client, mixed, model):
    public = set(model.objects.public().values_list("pk", flat=True))
    assert public and public != set(model.objects.values_list("pk", flat=True))
    for record in model.objects.all():
        status = client.get(record.get_absolute_url()).status_code
        assert status == (200 if record.pk in public else 404), record.name


def test_lists_show_the_public_records_only(client, mixed, districts):
    shown = districts["ha-trung"]
    district_page = names_on(client, shown.get_absolute_url())
    assert {n for n in district_page if n.startswith("Tạp hóa")} == public_names(Shop)
    producers_page = names_on(client, f"/dia-ban/{shown.slug}/nong-san/")
    assert {n for n in producers_page if n.startswith("HTX")} == public_names(Producer)
    products_page = names_on(client, "/nong-san/")
    assert {n for n in products_page if n.startswith("Gạo")} == public_names(Product)
    assert client.get(districts["nga-son"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("kind", "model"), [("shops", Shop), ("producers", Producer), ("products", Product)])
def test_search_finds_the_public_records_only(client, mixed, kind, model):
    found = names_on(client, f"/tim-kiem/?q={TOKEN}&type={kind}")
    assert found == public_names(model)


@pytest.mark.parametrize(
    ("section", "model", "field"),
    [
        ("shops", Shop, "slug"),
        ("producers", Producer, "slug"),
        ("products", Product, "slug"),
        ("handbook", HandbookChapter, "slug"),
        ("news", NewsPost, "slug"),
    ],
)
def test_the_sitemap_lists_the_public_records_only(client, mixed, section, model, field):
    xml = client.get(f"/sitemap-{section}.xml").content.decode()
    listed = {record.pk for record in model.objects.all() if f"{record.get_absolute_url()}<" in xml}
    assert listed == set(model.objects.public().values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("dataset", "model"), [("cua-hang", Shop), ("co-so-san-xuat", Producer), ("san-pham", Product)]
)
def test_open_data_holds_the_public_records_only(client, mixed, dataset, model):
    body = json.loads(client.get(f"/du-lieu-mo/{dataset}.json").content)
    assert {row["id"] for row in body["results"]} == set(model.objects.public().values_list("pk", flat=True))
    csv = client.get(f"/du-lieu-mo/{dataset}.csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) - 1 == model.objects.public().count()


def test_open_data_links_to_the_public_listings_only(client, mixed):
    public = set(Listing.objects.public().values_list("url", flat=True))
    body = json.loads(client.get("/du-lieu-mo/san-pham.json").content)
    linked = {link["url"] for row in body["results"] for link in row["platform_listings"]}
    assert linked and linked <= public
    assert not any("/cu" in url or "dong.example" in url for url in linked)


def test_outbound_links_redirect_for_public_listings_only(client, mixed):
    public = set(Listing.objects.public().values_list("pk", flat=True))
    assert public and public != set(Listing.objects.values_list("pk", flat=True))
    for listing in Listing.objects.all():
        response = client.get(f"/go/{listing.pk}/")
        assert response.status_code == (302 if listing.pk in public else 404), listing.url
    assert client.get("/go/san/voso/").status_code == 302
    assert client.get("/go/san/san-dong/").status_code == 404


def test_pages_link_to_the_public_listings_only(client, mixed):
    public = set(Listing.objects.public().values_list("pk", flat=True))
    for producer in Producer.objects.public():
        html = client.get(producer.get_absolute_url()).content.decode()
        for listing in producer.listings.all():
            assert (f'href="/go/{listing.pk}/"' in html) == (
                listing.pk in public and listing.product_id is None
            )


def test_handbook_and_news_show_the_public_pages_only(client, mixed):
    for chapter in HandbookChapter.objects.all():
        expected = 200 if chapter in HandbookChapter.objects.public() else 404
        assert client.get(chapter.get_absolute_url()).status_code == expected, chapter.title
    for post in NewsPost.objects.all():
        expected = 200 if post in NewsPost.objects.public() else 404
        assert client.get(post.get_absolute_url()).status_code == expected, post.title
    handbook = names_on(client, "/cam-nang/")
    assert handbook == public_names(HandbookChapter, "title")
    news = names_on(client, "/tin-tuc/")
    assert news == public_names(NewsPost, "title")
    feed = client.get("/tin-tuc/rss/").content.decode()
    assert {post.title for post in NewsPost.objects.all() if post.title in feed} == public_names(
        NewsPost, "title"
    )
