"""Whole-page cache for citizens, invalidated whenever staff change the data behind it.

Every cached page is stored under a key that includes a content version. Saving or
deleting any record of the directory or campaign apps bumps that version, so the next
request renders afresh: a published edit shows at once, without working out which pages
it touches. Requests that carry a session cookie (staff) neither read nor fill the cache.

The version lives in the cache itself, so several workers share it only when the cache
is shared: set REDIS_URL wherever more than one process serves the portal.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

VERSION_KEY = "public-pages:version"
CACHED_APPS = {"shops", "producers", "campaigns"}
# Headers that belong to one response, not to the page: never replayed from the cache.
_UNSTORED_HEADERS = {"set-cookie", "x-cache", "x-request-id", "vary"}


def _cache():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def content_version() -> int:
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs) -> None:
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value retires the old pages
        cache.set(VERSION_KEY, 2, timeout=None)


def _affects_public_pages(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None and meta.app_label in CACHED_APPS and getattr(sender, "affects_public_pages", True)
    )


def _on_change(sender, **kwargs):
    if _affects_public_pages(sender) and not kwargs.get("raw", False):
        bump_content_version()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and _affects_public_pages(sender):
        bump_content_version()


def connect_invalidation() -> None:
    post_save.connect(_on_change, dispatch_uid="public-pages-save")
    post_delete.connect(_on_change, dispatch_uid="public-pages-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="public-pages-m2m")


class PublicPageCacheMiddleware:
    """Serve anonymous GET requests from the cache; store successful public responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        cached = _cache().get(key)
        if cached is not None:
            return self._from_cache(request, cached)
        response = self.get_response(request)
        if self._cacheable_response(response):
            etag = (
                response.get("ETag") or f'"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
            )
            response["ETag"] = etag
            headers = {k: v for k, v in response.items() if k.lower() not in _UNSTORED_HEADERS}
            _cache().set(key, (response.content, headers, etag), settings.PUBLIC_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
            patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            settings.PUBLIC_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(settings.PUBLIC_CACHE_EXCLUDED_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )

    @staticmethod
    def _key(request) -> str:
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
        return f"public-pages:{content_version()}:{language}:{path}"

    @staticmethod
    def _from_cache(request, cached):
        content, headers, etag = cached
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(content)
        for name, value in headers.items():
            if response.status_code == 200 or name.lower() != "content-type":
                response[name] = value
        response["ETag"] = etag
        response["X-Cache"] = "HIT"
        patch_vary_headers(response, ["Cookie"])
        return response
