"""Two app servers on one PostgreSQL and one Redis, as the README's deployment beyond one
machine has it: an edit staff make through one is seen at once through the other."""

import http.client
import os
import re
import socket
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings

from camnang.tests.servers import PRODUCTION_ENV, gunicorn, http_get, postgres_database, run_manage
from camnang.tests.tcpproxy import TcpProxy

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="two servers share a database server (run with DATABASE_URL)",
)

REDIS_DB = 11  # used by this test alone
PASSWORD = "mat-khau-thu-2024"


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


class Browser:
    """Just enough of a browser for the admin: cookies kept by hand (the session and CSRF
    cookies are Secure in production, and this talks plain HTTP on loopback)."""

    def __init__(self, base: str):
        self.host, self.port = base.removeprefix("http://").split(":")
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=10)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        text = response.read().decode()
        connection.close()
        return response.status, text

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.skipif(not redis_up() and not os.environ.get("REQUIRE_REDIS"), reason="no Redis server")
def test_an_edit_through_one_server_shows_at_once_through_the_other(tmp_path):
    name = f"camnang_two_{os.getpid()}"
    with postgres_database(name) as (user, password, host, port):
        secret = f":{password}" if password else ""
        env = {
            **PRODUCTION_ENV,
            "DATABASE_URL": f"postgres://{user}{secret}@{host}:{port}/{name}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        run_manage("migrate", "--noinput", env_overrides=env, check=True)
        run_manage("load_places", env_overrides=env, check=True)
        run_manage("collectstatic", "--noinput", env_overrides=env, check=True)
        setup = (
            "from django.core.cache import cache; cache.clear();"
            "from django.contrib.auth import get_user_model;"
            f"get_user_model().objects.create_superuser('quantri', password='{PASSWORD}');"
            "from shops.models import District, Shop;"
            "Shop.objects.create(name='Tạp hóa Hai Máy Chủ', kind='household', address='Thôn 1',"
            " phone='0301234567', status='published', district=District.objects.get(slug='ha-trung'))"
        )
        run_manage("shell", "-c", setup, env_overrides=env, check=True)
        with (
            gunicorn(env, TcpProxy._free_port()) as (first, _),
            gunicorn(env, TcpProxy._free_port()) as (second, _),
        ):
            page = second + "/dia-ban/ha-trung/"
            for _ in range(2):
                status, headers, html = http_get(page)
            assert status == 200 and headers["X-Cache"] == "HIT" and "Tạp hóa Hai Máy Chủ" in html

            staff = Browser(first)
            _, login = staff.request("GET", "/quan-tri/login/")
            status, _ = staff.request(
                "POST",
                "/quan-tri/login/",
                {
                    "username": "quantri",
                    "password": "mat-khau-thu-2024",
                    "csrfmiddlewaretoken": staff.csrf(login),
                },
            )
            assert status == 302
            _, shops = staff.request("GET", "/quan-tri/shops/shop/")
            shop_id = re.search(r'name="_selected_action" value="(\d+)"', shops).group(1)
            status, _ = staff.request(
                "POST",
                "/quan-tri/shops/shop/",
                {
                    "action": "unpublish",
                    "_selected_action": shop_id,
                    "index": "0",
                    "csrfmiddlewaretoken": staff.csrf(shops),
                },
            )
            assert status == 302

            status, headers, html = http_get(page)
            assert status == 200 and headers["X-Cache"] == "MISS"
            assert "Tạp hóa Hai Máy Chủ" not in html
        run_manage("shell", "-c", "from django.core.cache import cache; cache.clear()", env_overrides=env)
