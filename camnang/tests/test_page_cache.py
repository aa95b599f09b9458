"""The page cache in front of Django: what it serves, to whom, and how edits retire it."""

import gzip
import os
import socket

import pytest
from django.urls import reverse

from camnang.tests.utils import wsgi_get
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


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


def test_visits_sent_by_a_partner_count_even_when_the_page_is_cached(districts):
    from campaigns.models import ReferralCount
    from campaigns.tests.factories import PartnerFactory

    partner = PartnerFactory(referral_tag="so-cong-thuong")
    url = reverse("home") + "?ref=so-cong-thuong"
    assert wsgi_get(url)["X-Cache"] == "MISS"
    assert wsgi_get(url)["X-Cache"] == "HIT"
    assert ReferralCount.objects.get(partner=partner).visits == 2


def _redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_available(), reason="no Redis server on 127.0.0.1:6379")
def test_page_cache_and_invalidation_through_redis(settings, districts):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"camnang-test-{os.getpid()}",
        }
    }
    from django.core.cache import cache

    cache.clear()
    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Qua Redis", district=ha_trung)
    url = ha_trung.get_absolute_url()
    assert wsgi_get(url)["X-Cache"] == "MISS"
    assert wsgi_get(url)["X-Cache"] == "HIT"
    shop.delete()
    response = wsgi_get(url)
    assert response["X-Cache"] == "MISS"
    assert "Tạp hóa Qua Redis" not in response.content.decode()
    cache.clear()


def test_files_pass_through_untouched(db):
    from campaigns.tests.factories import BannerFactory

    banner = BannerFactory(slug="cam-nang")
    archive = wsgi_get(banner.zip_url())
    assert archive.status_code == 200 and archive.content.startswith(b"PK")
    assert "X-Cache" not in archive
    image = wsgi_get(banner.image_url(300, 250))
    assert image.content.startswith(b"\x89PNG") and "X-Cache" not in image
