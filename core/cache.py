"""Whole-page cache for citizens, invalidated whenever staff change the data behind it.

A content version counts every committed save or delete of a record that public pages
show (the apps name those models: core.cache.watch). Each cached page remembers the
version it was rendered at, and is served only while that is still the current version:
a published edit shows at once, without working out which pages it touches. Requests
that carry a session cookie (staff) neither read nor fill the cache, and a page is kept
under its canonical query only (see QueryParameters), so the cache holds one copy per
page people can reach. The cache sits in front of Django, in the WSGI application
(camnang/wsgi.py).

The version lives in the cache itself, so several workers share it only when the cache
is shared: set REDIS_URL wherever more than one process serves the portal.
"""

import gzip
import hashlib
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.http.request import split_domain_port
from django.utils.text import compress_string

from core.paths import is_under

VERSION_KEY = "public-pages:version"
# Headers that belong to one response, not to the page: never replayed from the cache.
_UNSTORED_HEADERS = {
    "set-cookie",
    "x-cache",
    "x-request-id",
    "vary",
    "content-length",
    "content-encoding",
    "etag",
}
# What is worth keeping: pages and data, not files (banner images and zips have their own
# long-lived cache headers for browsers).
_CACHED_TYPES = {"text/html", "application/json", "text/csv", "text/plain", "application/xml"}
_CACHED_TYPES |= {"application/rss+xml", "application/atom+xml", "image/svg+xml"}
_MAX_BODY = 2 * 1024 * 1024
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _cache():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def _fresh_version() -> int:
    # Microseconds since the epoch: a version that has to be created again (the cache was
    # flushed or restarted) is always newer than any page a worker still holds in memory.
    return time.time_ns() // 1000


def content_version() -> int:
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def per_version(name: str, compute):
    """`compute()`, kept in the cache until the content next changes.

    For small lists every page needs (categories, districts for the filter menus): one
    cache read instead of a query per page.
    """
    cache = _cache()
    key = f"per-version:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


_held: dict[str, tuple] = {}


def held_per_version(name: str, compute):
    """`compute()`, held in this process's memory until the content next changes: for
    indexes every search reads (places, synonyms), which would cost more to unpickle from
    a shared cache than to keep. Costs one cache read of the content version."""
    version = content_version()
    held = _held.get(name)
    if held is None or held[0] != version:
        held = (version, compute())
        _held[name] = held
    return held[1]


def bump_content_version(**kwargs) -> None:
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): a fresh value retires the old pages
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def bump_after_commit() -> None:
    """Retire the cached pages once the change is committed, not before.

    A page rendered by another request while the transaction is open still shows the old
    data; bumped before the commit, it would be stored under the new version and served
    until the next edit. One bump per transaction, however many rows it writes.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is bump_content_version for _savepoints, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump_content_version)


def _on_change(sender, raw=False, **kwargs):
    if not raw:  # fixtures loaded by loaddata
        bump_after_commit()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_"):
        bump_after_commit()


def watch(*models) -> None:
    """Retire the cached pages whenever a row of these models is saved, deleted or relinked.

    Each app names, in its AppConfig.ready(), the models its public pages show; staff-only
    data (tracker records, referral counters) is simply not watched.
    """
    for model in models:
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"public-pages-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"public-pages-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _on_m2m_change, sender=through, dispatch_uid=f"public-pages-m2m-{label}-{field.name}"
            )


@dataclass(frozen=True)
class CachedPage:
    """A page as stored: its final headers and its body, once plain and once gzipped."""

    version: int
    status: str
    headers: list[tuple[str, str]]
    plain: bytes
    gzipped: bytes
    etag: str

    @classmethod
    def from_wsgi(cls, version: int, status: str, headers, body: bytes) -> "CachedPage":
        encoded = any(k.lower() == "content-encoding" and v == "gzip" for k, v in headers)
        plain = gzip.decompress(body) if encoded else body
        kept = [(k, v) for k, v in headers if k.lower() not in _UNSTORED_HEADERS]
        etag = f'"{hashlib.blake2b(plain, digest_size=12).hexdigest()}"'
        return cls(version, status, kept, plain, compress_string(plain), etag)

    def serve(self, environ, start_response, request_id: str, state: str = "HIT"):
        gzip_ok = _ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")) is not None
        etag = self.etag[:-1] + '-gzip"' if gzip_ok else self.etag
        headers = [
            ("ETag", etag),
            ("Vary", "Cookie, Accept-Encoding"),
            ("X-Request-ID", request_id),
            ("X-Cache", state),
        ]
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            start_response("304 Not Modified", headers)
            return [b""]
        body = self.gzipped if gzip_ok else self.plain
        headers = [*self.headers, *headers, ("Content-Length", str(len(body)))]
        if gzip_ok:
            headers.append(("Content-Encoding", "gzip"))
        start_response(self.status, headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]


class QueryParameters:
    """The query parameters public pages read, and the canonical form of a query.

    Apps register the names their public views read (filter forms, page numbers) in
    their AppConfig.ready(). Before a cacheable request reaches the cache or Django,
    its query string is rewritten to the canonical form: only registered names, the
    value a view would read (the last one, as QueryDict.get() does), whitespace
    collapsed, empty values dropped, sorted. A page therefore depends only on its key,
    and junk parameters can neither fill the cache nor poison the links on a page.
    """

    # Longer values are cut; one more character than the search box takes, so the
    # search page can still say that a query was cut.
    MAX_VALUE_LENGTH = 101

    def __init__(self):
        self.names: set[str] = set()

    def register(self, *names: str) -> None:
        self.names.update(names)

    def canonical(self, query_string: str) -> str:
        if not query_string:
            return ""
        query = QueryDict(query_string)
        kept = []
        for name in sorted(self.names & query.keys()):
            value = " ".join(str(query.get(name)).split())[: self.MAX_VALUE_LENGTH]
            if value:
                kept.append((name, value))
        return urlencode(kept)


query_parameters = QueryParameters()


class PublicPageCache:
    """A WSGI layer in front of Django that answers repeat anonymous GETs from the cache.

    A page served from here skips Django's request handling altogether, which is what
    lets a TV-spot surge be absorbed by a 2-core server. Only what Django answered with
    200 for the same host, scheme, path and canonical query is replayed, with the headers
    Django's middleware set (security headers included). Who is logged in is decided by
    Django's own cookie parser, so the cache and Django cannot disagree: a request with a
    session cookie (staff) is always passed through, and so is anything the response
    marked private, uncacheable or cookie-setting. The request id, which belongs to each
    visit, is still set for every hit.
    """

    # Pages this process served lately, so that a hit costs one small read (the version)
    # instead of fetching the page from the shared cache again.
    LOCAL_PAGES = 256

    def __init__(self, app):
        self.app = app
        self.local: OrderedDict[str, CachedPage] = OrderedDict()

    def __call__(self, environ, start_response):
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        version = content_version()
        page = self.local.get(key)
        if page is None or page.version != version:
            page = _cache().get(key)
        if page is not None and page.version == version:
            self._remember(key, page)
            return page.serve(environ, start_response, request_id_for(environ))
        return self._render_and_store(environ, start_response, key, version)

    def _remember(self, key: str, page: CachedPage) -> None:
        self.local[key] = page
        self.local.move_to_end(key)
        if len(self.local) > self.LOCAL_PAGES:
            self.local.popitem(last=False)

    def _render_and_store(self, environ, start_response, key, version):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None

        result = self.app(environ, capture)
        status, headers = captured["status"], captured["headers"]
        if not self._cacheable_response(status, headers):
            start_response(status, headers)
            return result  # as Django produced it, streamed if it was
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if len(body) > _MAX_BODY:
            start_response(status, headers)
            return [body]
        page = CachedPage.from_wsgi(version, status, headers, body)
        _cache().set(key, page, settings.PUBLIC_CACHE_SECONDS)
        self._remember(key, page)
        request_id = next((v for k, v in headers if k.lower() == "x-request-id"), "-")
        return page.serve(environ, start_response, request_id, state="MISS")

    @staticmethod
    def _key(environ) -> str | None:
        """The cache key of a request that may be answered from the cache, else None.

        A cacheable request's query string is rewritten to its canonical form on the way,
        so Django renders exactly what the key names.
        """
        if (
            settings.PUBLIC_CACHE_SECONDS <= 0
            or environ["REQUEST_METHOD"] not in ("GET", "HEAD")
            or is_under(environ.get("PATH_INFO", ""), (*settings.NOT_PAGE_URLS, *settings.FORM_URLS))
        ):
            return None
        request = WSGIRequest(environ)  # parsed as Django will parse it, never passed on
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # Django answers 400
        # A port other than the one the server listens on, or a host spelt in capitals,
        # would make a page whose links carry it: such requests are answered, never stored.
        _domain, port = split_domain_port(host)
        if (port and port != str(environ.get("SERVER_PORT", ""))) or host != host.lower():
            return None
        query = query_parameters.canonical(environ.get("QUERY_STRING", ""))
        environ["QUERY_STRING"] = query
        url = f"{request.scheme}://{host}{environ.get('PATH_INFO', '')}?{query}"
        return "public-pages:" + hashlib.blake2b(url.encode("utf-8", "replace"), digest_size=16).hexdigest()

    @staticmethod
    def _cacheable_response(status: str, headers) -> bool:
        names = {k.lower(): v for k, v in headers}
        content_type = names.get("content-type", "").split(";")[0]
        cache_control = names.get("cache-control", "")
        return (
            status.startswith("200")
            and "set-cookie" not in names
            and content_type in _CACHED_TYPES
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )


def request_id_for(environ) -> str:
    from core.middleware import valid_request_id

    return valid_request_id(environ.get("HTTP_X_REQUEST_ID", ""))
