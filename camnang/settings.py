"""Settings for the Cẩm nang portal.

Everything that differs between machines comes from the environment (or a `.env`
file beside manage.py), read once through django-environ. `.env.example` documents
every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Production must be configured explicitly: no throwaway key, no wildcard host.
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-not-for-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "camnang.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "core",
    "core.login.LoginLockoutConfig",
    "camnang",
    "shops",
    "producers",
    "campaigns",
]
# The demo app (fictional directory data, demo accounts and their commands) exists only
# where this is on: development and tests, never production unless asked for.
DEMO_APP = env.bool("DEMO_APP", default=DEBUG)
if DEMO_APP:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    # Above SecurityMiddleware: its HTTPS redirect carries these headers too.
    "core.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.HealthCheckMiddleware",
    "core.middleware.AllowedMethodsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the page cache has not already compressed.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateForStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    # Who made a change is taken from the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes asks for the last place.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "camnang.urls"
WSGI_APPLICATION = "camnang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "camnang.context_processors.portal",
            ],
        },
    },
]

# SQLite beside the code when DATABASE_URL is unset; PostgreSQL (or any URL
# django-environ understands) when it is set.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: pages keep reading while the background worker writes an import.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded photos and banners are served by Django itself when no web server or object
# storage does it (development, a single container); see README "Production".
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Files only staff may see (the plan tracker's evidence, reports and activity photos) are kept
# apart from the uploads above and never served at a /media/ address: staff open them
# through a view that checks permissions (camnang/private_files.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
_media, _private = Path(MEDIA_ROOT).resolve(), Path(PRIVATE_MEDIA_ROOT).resolve()
if _private.is_relative_to(_media) or _media.is_relative_to(_private):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT, nor contain it.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.private_files.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# The province this deployment serves. Districts are loaded for it by
# `manage.py load_places`; the names below are shown on the pages.
PROVINCE_CODE = env.int("PROVINCE_CODE", default=38)
PROVINCE_NAME = env("PROVINCE_NAME", default="Thanh Hóa")
# The support line citizens may call, and who answers it: the deploying department's
# choice. Empty (the default), the pages show no support line. The 2021 letter's number is
# a coordination contact for agencies; the banner kit page quotes it as such.
PORTAL_HOTLINE = env("PORTAL_HOTLINE", default="")
PORTAL_HOTLINE_OWNER = env("PORTAL_HOTLINE_OWNER", default="")

# --- Security ---------------------------------------------------------------------
# Behind a TLS-terminating load balancer, trust its X-Forwarded-Proto header.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # HEALTH_URL
# HSTS only means something over HTTPS; browsers ignore it on plain HTTP.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
# Covers only subdomains of the portal's own host name.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading is decided by whoever owns the registrable domain (e.g. the province's
# gov.vn domain), not by one site under it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# No inline script anywhere; styles may be inline (the admin sets a few).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *env.list("CSP_IMG_HOSTS", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Browser features no page of the portal uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# --- Caching ----------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every worker and machine), else local memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "camnang",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "camnang"}}
PUBLIC_CACHE_ALIAS = "default"
# How long a rendered public page is kept; any edit by staff retires it at once.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)
# How long a rendered card (a shop, producer or product in a list) is kept; edits
# retire cards at once, like pages.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=3600)

# --- URL prefixes several layers must agree on --------------------------------------
# The page cache, the referral counter, robots.txt and the URLconf all read them here.
STAFF_URL = "/quan-tri/"
OUTBOUND_URL = "/go/"
HEALTH_URL = "/healthz/"
# Citizens' reports of wrong information (camnang.reports): a form, not a page to index.
REPORT_URL = "/bao-thong-tin-sai/"
# Never a page for citizens: not cached, not a visit, not for search engines.
NOT_PAGE_URLS = (STAFF_URL, OUTBOUND_URL, HEALTH_URL.rstrip("/"), MEDIA_URL, STATIC_URL)
# A farmer's request for help onto the platforms (producers.views.help_request).
HELP_REQUEST_URL = "/dang-ky-ho-tro-ban-hang/"
# Pages with a form to post (a CSRF token in them): pages, but never kept by the page cache.
FORM_URLS = (HELP_REQUEST_URL, REPORT_URL)
# Files partners embed and feeds readers poll: served, but fetching them is no visit.
NOT_VISIT_URLS = (*NOT_PAGE_URLS, "/banner/", "/tin-tuc/rss/", "/tin-tuc/atom/")
# Kept out of search engines: staff pages, outbound redirects, printable copies of pages,
# the report forms.
ROBOTS_DISALLOW = (STAFF_URL, OUTBOUND_URL, "/*/in/", REPORT_URL)

# --- Uploads ----------------------------------------------------------------------
# Uploads go to S3-compatible object storage when a bucket is configured, so that
# several stateless app containers share them; otherwise to MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Staff-only files: under their own prefix (or in a bucket of their own), private objects.
    # The portal reads them itself and streams them through its checking view, so the bucket
    # policy must not make this prefix public; the signed URLs below are never handed out.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("PRIVATE_AWS_STORAGE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
            "location": env("PRIVATE_MEDIA_LOCATION", default="private"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "custom_domain": None,
        },
    }

# --- Logging ----------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    # gunicorn writes the access log; here only failures are worth a line.
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}

# --- Staff workflows: roles, spreadsheets, history, uploads, login protection -------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lock a username out from one address after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# Behind reverse proxies, how many of them append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
AXES_CLIENT_IP_CALLABLE = "core.login.client_ip"

# Staff sessions end after a working day, or when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Imports run in a worker (core.imports): the limits are what one file may hold.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
IMPORT_MAX_FILE_MB = env.int("IMPORT_MAX_FILE_MB", default=40)
# An export of more rows than this is written by a worker; smaller ones download at once.
EXPORT_INLINE_ROWS = env.int("EXPORT_INLINE_ROWS", default=2000)

# Background work (imports, large exports) through Django's Tasks API, with the database as
# the queue: `manage.py db_worker` runs the tasks (see README, "Background jobs").
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# A running job whose worker has said nothing for this long is marked failed.
JOB_HEARTBEAT_TIMEOUT = env.int("JOB_HEARTBEAT_TIMEOUT", default=120)
# A task waiting this long for a worker means the queue is stuck (/healthz says so).
TASK_QUEUE_STUCK_SECONDS = env.int("TASK_QUEUE_STUCK_SECONDS", default=300)

# History is read in the admin; restoring an old version is done by editing.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
