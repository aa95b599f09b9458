"""The page cache in front of Django: what it serves, to whom, and how edits retire it."""

import gzip
import os
import socket

import pytest
from django.urls import reverse

from camnang.tests.utils import wsgi_get
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # edits are committed, as in production
def test_public_pages_are_cached_and_an_edit_shows_at_once(districts):
    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Ban Đầu", district=ha_trung)
    url = ha_trung.get_absolute_url()
    first = wsgi_get(url)
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    cached = wsgi_get(url)
    assert cached["X-Cache"] == "HIT"
    assert "Tạp hóa Ban Đầu" in cached.content.decode()
    assert cached.content == first.content

    shop.name = "Tạp hóa Đã Sửa"
    shop.save()
    fresh = wsgi_get(url)
    assert fresh["X-Cache"] == "MISS"
    assert "Tạp hóa Đã Sửa" in fresh.content.decode()


def test_cached_pages_keep_the_security_headers_and_get_their_own_request_id(districts):
    url = districts["ha-trung"].get_absolute_url()
    first, hit = wsgi_get(url), wsgi_get(url)
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert hit[name] == first[name], name
    assert hit["X-Request-ID"] != first["X-Request-ID"]
    assert wsgi_get(url, headers={"X-Request-ID": "lb-0123456789"})["X-Request-ID"] == "lb-0123456789"


def test_pages_are_compressed_once_and_served_to_who_accepts_gzip(districts):
    url = districts["ha-trung"].get_absolute_url()
    plain = wsgi_get(url)
    compressed = wsgi_get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2
    assert "Content-Encoding" not in plain
    assert int(compressed["Content-Length"]) == len(compressed.content)


def test_conditional_get_on_cached_pages(districts):
    url = reverse("home")
    etag = wsgi_get(url)["ETag"]
    assert wsgi_get(url, headers={"If-None-Match": etag}).status_code == 304
    gzip_etag = wsgi_get(url, headers={"Accept-Encoding": "gzip"})["ETag"]
    assert gzip_etag != etag
    assert wsgi_get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": gzip_etag}).status_code == 304


def test_head_requests_get_headers_only(districts):
    url = reverse("home")
    wsgi_get(url)
    head = wsgi_get(url, method="HEAD")
    assert head.status_code == 200 and head.content == b"" and head["X-Cache"] == "HIT"


def test_staff_never_get_or_fill_the_public_cache(client, admin_user, districts):
    url = reverse("home")
    client.force_login(admin_user)
    session = client.cookies["sessionid"].value
    staff_view = wsgi_get(url, headers={"Cookie": f"sessionid={session}"})
    assert staff_view.status_code == 200 and "X-Cache" not in staff_view
    assert wsgi_get(url)["X-Cache"] == "MISS"  # the staff visit stored nothing
    assert "X-Cache" not in wsgi_get(url, headers={"Cookie": f"csrftoken=x; sessionid={session}"})


def test_redirects_errors_and_admin_are_never_cached(districts):
    from producers.models import Platform

    for _ in range(2):
        assert wsgi_get("/go/san/voso/").status_code == 302
    assert Platform.objects.get(slug="voso").clicks == 2
    for _ in range(2):
        missing = wsgi_get("/dia-ban/khong-co/")
        assert missing.status_code == 404 and "X-Cache" not in missing
    assert "X-Cache" not in wsgi_get("/quan-tri/login/")


def test_a_host_django_refuses_is_never_served_from_the_cache(districts):
    url = reverse("home")
    wsgi_get(url)
    assert wsgi_get(url, host="evil.example").status_code == 400


@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid ={key}",
        " sessionid={key}",
        "sessionid= {key} ",
        "csrftoken=x;sessionid={key}",
        'sessionid="{key}"',
        "other=1; sessionid={key}; sessionid={key}",
    ],
)
def test_any_session_cookie_django_accepts_bypasses_the_cache(client, admin_user, cookie):
    """A logged-in visit in any cookie spelling Django reads is neither served nor stored."""
    from campaigns.tests.factories import ChapterFactory

    draft = ChapterFactory(title="Chương nháp bí mật", status="draft")
    client.force_login(admin_user)
    key = client.cookies["sessionid"].value
    staff = {"Cookie": cookie.format(key=key)}
    wsgi_get(reverse("home"))  # cached for the public, never served to staff
    assert "X-Cache" not in wsgi_get(reverse("home"), headers=staff)
    staff_view = wsgi_get(draft.get_absolute_url(), headers=staff)
    assert "X-Cache" not in staff_view
    assert "private" in staff_view["Cache-Control"]
    public = wsgi_get(draft.get_absolute_url())
    assert public.status_code == 404 and "Chương nháp bí mật" not in public.content.decode()


def test_responses_to_logged_in_users_are_marked_private(admin_client, districts):
    response = admin_client.get(districts["ha-trung"].get_absolute_url())
    assert "private" in response["Cache-Control"]


def _page_keys():
    from django.core.cache import cache

    return [key for key in cache._cache if "public-pages:" in key and "version" not in key]


def test_junk_parameters_neither_fill_the_cache_nor_reach_the_page(districts):
    url = districts["ha-trung"].get_absolute_url()
    assert wsgi_get(url)["X-Cache"] == "MISS"
    for n in range(30):
        response = wsgi_get(f"{url}?utm_source=x{n}&fbclid={n}&page=&kind=&zz%00=<b>")
        assert response.status_code == 200 and response["X-Cache"] == "HIT"
    assert len(_page_keys()) == 1
    page = wsgi_get(f"{url}?kind=pharmacy&junk=abc123&page=1").content.decode()
    assert "abc123" not in page  # links on the page (pagination, print) never carry it


def test_parameter_order_repeats_and_spacing_share_one_page(districts):
    from shops.tests.factories import CategoryFactory

    CategoryFactory(slug="luong-thuc")
    url = districts["ha-trung"].get_absolute_url()
    assert wsgi_get(f"{url}?kind=pharmacy&category=luong-thuc")["X-Cache"] == "MISS"
    for variant in (
        "?category=luong-thuc&kind=pharmacy",
        "?kind=market&category=luong-thuc&kind=pharmacy",  # a view reads the last value
        "?category=%20luong-thuc%20&kind=pharmacy&delivery=",
    ):
        assert wsgi_get(url + variant)["X-Cache"] == "HIT", variant
    assert len(_page_keys()) == 1


def test_a_long_search_is_kept_once_and_still_said_to_be_cut(db):
    long_query = "gạo " * 200
    first = wsgi_get(f"/tim-kiem/?q={long_query}")
    assert first.status_code == 200
    assert wsgi_get(f"/tim-kiem/?q={long_query}xyz")["X-Cache"] == "HIT"
    assert "100" in first.content.decode()  # the page says the query was cut to 100 characters


def test_a_forwarded_scheme_is_ignored_unless_the_proxy_is_trusted(districts):
    url = districts["ha-trung"].get_absolute_url()
    wsgi_get(url)
    forged = wsgi_get(url, headers={"X-Forwarded-Proto": "https"})
    assert forged["X-Cache"] == "HIT"
    assert 'rel="canonical" href="http://testserver/' in forged.content.decode()


@pytest.mark.parametrize(("host", "port"), [("testserver:8081", "80"), ("TestServer", "80")])
def test_odd_host_spellings_are_answered_but_never_stored(districts, host, port):
    url = districts["ha-trung"].get_absolute_url()
    response = wsgi_get(url, host=host, port=port)
    assert response.status_code == 200 and "X-Cache" not in response
    assert _page_keys() == []
    assert wsgi_get(url)["X-Cache"] == "MISS"


def test_the_port_the_server_listens_on_is_cached(districts):
    url = districts["ha-trung"].get_absolute_url()
    assert wsgi_get(url, host="testserver:8000", port="8000")["X-Cache"] == "MISS"
    assert wsgi_get(url, host="testserver:8000", port="8000")["X-Cache"] == "HIT"


def test_losing_the_version_key_never_serves_an_old_page(districts):
    from django.core.cache import cache

    from core.cache import VERSION_KEY

    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Trước Khi Mất", district=ha_trung)
    url = ha_trung.get_absolute_url()
    wsgi_get(url)
    assert wsgi_get(url)["X-Cache"] == "HIT"
    cache.delete(VERSION_KEY)  # evicted, or Redis restarted
    type(shop).objects.filter(pk=shop.pk).update(name="Tạp hóa Sau Khi Mất")  # no signal
    response = wsgi_get(url)
    assert response["X-Cache"] == "MISS"
    assert "Tạp hóa Sau Khi Mất" in response.content.decode()


def _redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


# CI starts Redis and sets REQUIRE_REDIS: there a missing server fails these tests instead of skipping them.
needs_redis = pytest.mark.skipif(
    not _redis_available() and not os.environ.get("REQUIRE_REDIS"), reason="no Redis server on 127.0.0.1:6379"
)


@pytest.fixture
def redis_cache(settings):
    """The portal's own Redis backend (core.redis_cache), on a database and prefix of its own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"camnang-test-{os.getpid()}",
        }
    }
    from django.core.cache import caches

    cache = caches["default"]

    def forget():  # only this process's keys: other test processes share the database
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(f"{cache.key_prefix}*"):
            client.delete(key)

    forget()
    yield cache
    forget()


@needs_redis
@pytest.mark.django_db(transaction=True)
def test_page_cache_and_invalidation_through_redis(redis_cache, districts):
    from core.redis_cache import RedisCache

    assert isinstance(redis_cache, RedisCache)
    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Qua Redis", district=ha_trung)
    url = ha_trung.get_absolute_url()
    assert wsgi_get(url)["X-Cache"] == "MISS"
    assert wsgi_get(url)["X-Cache"] == "HIT"
    shop.delete()
    response = wsgi_get(url)
    assert response["X-Cache"] == "MISS"
    assert "Tạp hóa Qua Redis" not in response.content.decode()


@needs_redis
def test_the_redis_backend_keeps_one_client_per_connection_pool(redis_cache):
    client = redis_cache._cache
    assert client.get_client(write=True) is client.get_client(write=True)
    redis_cache.set("k", {"a": 1}, 30)
    assert redis_cache.get("k") == {"a": 1}
    assert redis_cache.add("n", 1)
    assert redis_cache.incr("n") == 2


def test_files_pass_through_untouched(db):
    from campaigns.tests.factories import BannerFactory

    banner = BannerFactory(slug="cam-nang")
    archive = wsgi_get(banner.zip_url())
    assert archive.status_code == 200 and archive.content.startswith(b"PK")
    assert "X-Cache" not in archive
    image = wsgi_get(banner.image_url(300, 250))
    assert image.content.startswith(b"\x89PNG") and "X-Cache" not in image


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_once_when_a_change_is_committed_and_never_on_rollback(districts):
    from django.db import transaction

    from core.cache import content_version

    ha_trung = districts["ha-trung"]
    shops = [ShopFactory(district=ha_trung) for _ in range(3)]
    before = content_version()
    with transaction.atomic():
        for n, shop in enumerate(shops):
            shop.name = f"Tạp hóa số {n}"
            shop.save()
        assert content_version() == before  # other requests still see the old rows
    assert content_version() == before + 1  # one bump for the whole transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        shops[0].name = "Không bao giờ lưu"
        shops[0].save()
        raise RuntimeError
    assert content_version() == before + 1


@pytest.mark.skipif("sqlite" in os.environ.get("DATABASE_URL", "sqlite"), reason="concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_during_an_edit_is_not_kept_after_the_commit(districts):
    """A visitor's request arrives while staff save: its page shows the old name, and must
    not outlive the commit (it would, were the version moved before the commit)."""
    import threading

    from django.db import connection, transaction

    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Tên Cũ", district=ha_trung)
    url = ha_trung.get_absolute_url()
    seen = {}

    def visitor():
        try:
            seen["page"] = wsgi_get(url)
        finally:
            connection.close()

    with transaction.atomic():
        shop.name = "Tạp hóa Tên Mới"
        shop.save()
        thread = threading.Thread(target=visitor)
        thread.start()
        thread.join()
    assert "Tạp hóa Tên Cũ" in seen["page"].content.decode()
    after = wsgi_get(url)
    assert after["X-Cache"] == "MISS"
    assert "Tạp hóa Tên Mới" in after.content.decode()


@pytest.mark.parametrize("language", ["", "/en"])
def test_what_is_never_a_page_is_never_cached_in_any_language(districts, settings, language):
    from producers.tests.factories import ListingFactory

    listing = ListingFactory()
    for path in (f"{language}/go/{listing.pk}/", f"{language}/go/san/voso/"):
        for _ in range(2):
            response = wsgi_get(path)
            assert response.status_code == 302 and "X-Cache" not in response, path
    assert "X-Cache" not in wsgi_get("/healthz/")
    assert all(prefix.startswith("/") for prefix in settings.NOT_PAGE_URLS)
