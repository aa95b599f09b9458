"""Production behaviour: security headers, deploy checks, the page cache, health and outages."""

import os

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse

from camnang.tests.servers import (
    BASE_DIR,
    PRODUCTION_ENV,
    gunicorn,
    postgres_database,
    run_manage,
    server_output,
)
from camnang.tests.servers import http_get as _get
from core.middleware import DatabaseUnavailableMiddleware

# --- Hardening ------------------------------------------------------------------------


@pytest.mark.django_db
def test_security_headers_on_public_pages(client, districts):
    for url in [reverse("home"), districts["ha-trung"].get_absolute_url(), reverse("search") + "?q=x"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
        assert script_src.strip() == "script-src 'self'", url
        assert "frame-ancestors 'none'" in csp
        assert "object-src 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert len(response["X-Request-ID"]) >= 8
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


@pytest.mark.django_db
def test_the_https_redirect_carries_the_security_headers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("home"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "DELETE", "CONNECT", "PROPFIND"])
def test_methods_the_portal_does_not_use_are_refused(client, method, districts):
    for url in (reverse("home"), districts["ha-trung"].get_absolute_url(), "/quan-tri/login/"):
        response = client.generic(method, url, "body-that-must-not-be-echoed")
        assert response.status_code == 405, (method, url)
        assert b"body-that-must-not-be-echoed" not in response.content
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}


@pytest.mark.django_db
def test_hsts_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("private", ["/srv/camnang/media/private", "/srv/camnang/media", "/srv/camnang"])
def test_private_files_cannot_be_placed_where_media_is_served(private):
    overrides = {**PRODUCTION_ENV, "MEDIA_ROOT": "/srv/camnang/media", "PRIVATE_MEDIA_ROOT": private}
    result = run_manage("check", env_overrides=overrides)
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT" in result.stderr


def test_private_files_on_s3_are_private_objects_under_their_own_prefix():
    script = (
        "from django.core.files.storage import storages; p, d = storages['private'], storages['default']; "
        "print(type(p).__name__, p.bucket_name, p.location, p.default_acl, p.custom_domain, d.location == '')"
    )
    overrides = {
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "camnang",
        "AWS_S3_CUSTOM_DOMAIN": "cdn.example",
    }
    result = run_manage("shell", "-c", script, env_overrides=overrides, check=True)
    assert result.stdout.split()[-6:] == ["S3Storage", "camnang", "private", "private", "None", "True"]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, missing: ""})
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


# --- Health and failures --------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz/", HTTP_HOST="10.0.0.7")  # load balancers use any host name
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["queue"]["stuck"]) == ("ok", "ok", False)
    assert response["Cache-Control"] == "no-store"


def test_lost_database_gives_a_503_page_with_retry_after():
    request = RequestFactory().get("/dia-ban/ha-trung/")
    middleware = DatabaseUnavailableMiddleware(lambda r: None)
    response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Hệ thống đang tạm thời gián đoạn" in html
    assert "Traceback" not in html and "connection refused" not in html
    assert middleware.process_exception(request, ValueError("other")) is None


@pytest.mark.django_db
def test_friendly_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_friendly_500(client, monkeypatch):
    client.raise_request_exception = False

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("camnang.views.render", boom)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Trang đang gặp sự cố" in html
    assert "boom" not in html


# --- Deployment files -----------------------------------------------------------------


def test_dockerfile_follows_the_production_layout():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    lines = [line.strip() for line in dockerfile.splitlines()]
    assert next(line for line in lines if line.startswith("FROM")).startswith("FROM python:3.11-slim")
    requirements = lines.index("COPY requirements.txt .")
    assert requirements < lines.index("COPY . .")  # dependencies cached before the source
    assert "collectstatic" in dockerfile
    # The upload folders exist, owned by the unprivileged user, so named volumes inherit that.
    assert "mkdir -p /app/media /app/private-media" in dockerfile
    assert "chown camnang:camnang /app/media /app/private-media" in dockerfile
    # Local uploads never get baked into the image or committed.
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    assert {"media", "private-media"} <= set(ignored)
    assert "/private-media/" in (BASE_DIR / ".gitignore").read_text().split()
    assert any(line.startswith("USER ") and "root" not in line for line in lines)
    assert "HEALTHCHECK" in dockerfile and "/healthz/" in dockerfile
    assert 'CMD ["gunicorn"' in dockerfile


def test_compose_runs_the_portal_with_postgres_and_redis():
    import yaml

    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "db", "redis", "migrate"} <= set(services)
    for name in ("db", "redis", "web"):
        assert "healthcheck" in services[name], name
    web = services["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert any("/var/lib/postgresql/data" in str(v) for v in services["db"]["volumes"])
    # Public uploads and staff-only files each on their own volume, for the app and for
    # the migrations (which may move files between them).
    for name in ("web", "migrate"):
        volumes = [str(v) for v in services[name]["volumes"]]
        assert "media:/app/media" in volumes, name
        assert "private-media:/app/private-media" in volumes, name
    assert {"media", "private-media", "pgdata"} <= set(compose["volumes"])
    environment = web["environment"]
    assert "PRIVATE_MEDIA_ROOT" not in environment  # the default, /app/private-media, is the volume
    assert "migrate" in " ".join(services["migrate"]["command"])


def test_gunicorn_config(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    namespace: dict = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(), namespace)
    assert namespace["workers"] >= 2
    assert namespace["max_requests"] > 0 and namespace["max_requests_jitter"] > 0
    assert namespace["accesslog"] == "-"
    assert 10 <= namespace["timeout"] <= 120


@pytest.mark.parametrize(
    ("environment", "starts"),
    [
        ({"WEB_CONCURRENCY": "3"}, False),
        ({"WEB_CONCURRENCY": "3", "REDIS_URL": "redis://127.0.0.1:6379/12"}, True),
        ({"WEB_CONCURRENCY": "3", "PUBLIC_CACHE_SECONDS": "0"}, True),
        ({"WEB_CONCURRENCY": "1"}, True),
    ],
)
def test_several_workers_need_a_shared_cache(environment, starts, tmp_path):
    from camnang.tests.tcpproxy import TcpProxy

    port = TcpProxy._free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PUBLIC_CACHE_SECONDS", "DATABASE_URL")
    }
    env.update(PRODUCTION_ENV, SECURE_SSL_REDIRECT="0", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    with gunicorn({**env, **environment}, port, workers=None) as (base, server):
        assert (server.poll() is None) is starts
        if starts:
            assert _get(base + "/healthz/")[0] in (200, 503)  # answering, whatever the database
        else:
            assert server.returncode != 0
            assert "REDIS_URL is not set" in server_output(server)


# --- A real gunicorn run, and a database that goes away ---------------------------------

postgres_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="cutting the database connection needs a database server (run with DATABASE_URL)",
)


@pytest.fixture
def outage_server(tmp_path):
    """gunicorn with production settings, reaching PostgreSQL through a relay we can cut."""
    from camnang.tests.tcpproxy import TcpProxy

    with postgres_database(f"camnang_outage_{os.getpid()}") as (user, password, host, port):
        proxy = TcpProxy(host, port)
        proxy.start()
        secret = f":{password}" if password else ""
        env = {
            **PRODUCTION_ENV,
            "DATABASE_URL": f"postgres://{user}{secret}@127.0.0.1:{proxy.port}/camnang_outage_{os.getpid()}",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            # Every request must reach the database here: no page or fragment cache.
            "PUBLIC_CACHE_SECONDS": "0",
            "FRAGMENT_CACHE_SECONDS": "0",
            "REDIS_URL": "",
        }
        run_manage("migrate", "--noinput", env_overrides=env, check=True)
        run_manage("load_places", env_overrides=env, check=True)
        run_manage("collectstatic", "--noinput", env_overrides=env, check=True)
        try:
            with gunicorn(env, TcpProxy._free_port()) as (base, server):
                yield base, proxy, server
        finally:
            proxy.stop()


@postgres_only
def test_gunicorn_serves_the_portal_and_survives_a_database_outage(outage_server):
    base, proxy, server = outage_server

    status, headers, html = _get(base + "/dia-ban/ha-trung/")
    assert status == 200 and "Huyện Hà Trung" in html
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, css = _get(base + "/static/css/site.css")
    assert status == 200 and "Cẩm nang" in css

    proxy.stop()
    status, headers, html = _get(base + "/dia-ban/ha-trung/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "tạm thời gián đoạn" in html and "Traceback" not in html
    assert _get(base + "/healthz/")[0] == 503

    proxy.start()
    status, _, html = _get(base + "/dia-ban/ha-trung/")
    assert status == 200 and "Huyện Hà Trung" in html
    assert _get(base + "/healthz/")[0] == 200

    server.terminate()
    server.wait(timeout=30)
    access = [line for line in server_output(server).splitlines() if '"gunicorn.access"' in line]
    assert access and '"request_id"' in access[0] and '"duration_ms"' in access[0]


def test_log_lines_are_json_with_the_request_id():
    import json
    import logging

    from core.logging import JsonFormatter, request_id_var

    token = request_id_var.set("abc123def456")
    try:
        record = logging.LogRecord("camnang", logging.ERROR, __file__, 1, "Lỗi %s", ("x",), None)
        record.duration_ms = 12.5
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "abc123def456"
    assert entry["message"] == "Lỗi x"
    assert entry["level"] == "ERROR"
    assert entry["duration_ms"] == 12.5


@pytest.mark.django_db
def test_request_id_is_kept_from_the_load_balancer_when_sane(client):
    assert (
        client.get("/healthz/", headers={"x-request-id": "lb-0123456789"})["X-Request-ID"] == "lb-0123456789"
    )
    bogus = client.get("/healthz/", headers={"x-request-id": "<script>"})["X-Request-ID"]
    assert bogus != "<script>" and len(bogus) == 32
