"""Counting the visits partner sites send, without recording anything about visitors.

A visit counts for a partner when a public HTML page answers 200 and either the URL
carries the partner's referral tag (?ref=tag, which the banner snippet adds) or the
Referer header's host is the partner's registered website. Only a per-partner,
per-month counter is incremented: no IP address, user agent, cookie or URL is stored.

Each visitor counts at most once per partner and day. To tell a repeat visit, the
cache keeps, until the end of the day, a hash of the visitor's address and the partner
keyed with a random secret of that day; the secret itself lives only in the cache and
expires the day after, so yesterday's hashes cannot be traced back to an address.
A repeat visit therefore costs one cache write and no database work.

The map of tags and hosts to partners is cached, so a request that counts costs one
UPDATE and a request that does not costs nothing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qs

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from campaigns.models import PartnerSite, site_host
from campaigns.services import count_referral
from core.login import client_ip_from
from core.paths import is_under

CACHE_KEY = "campaigns:partner-map:v1"
CACHE_SECONDS = 300
MAX_TAG_LENGTH = 60
MAX_REFERER_LENGTH = 2000
_TAG = re.compile(rf"^[a-z0-9_-]{{1,{MAX_TAG_LENGTH}}}$")


def partner_map() -> dict[str, dict[str, int]]:
    """{"tags": {tag: partner id}, "hosts": {host: partner id}}, cached."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        tags, hosts = {}, {}
        for pk, tag, host in PartnerSite.objects.values_list("pk", "referral_tag", "website_host"):
            tags[tag.lower()] = pk
            if host:
                hosts.setdefault(host, pk)
        cached = {"tags": tags, "hosts": hosts}
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def forget_partner_map(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def referring_partner(*, tag: str, referer: str, own_host: str) -> int | None:
    """The id of the partner a visit came from, or None; never raises on junk input."""
    if not tag and not referer:
        return None
    partners = partner_map()
    tag = tag.strip().lower()
    if tag and _TAG.match(tag) and tag in partners["tags"]:
        return partners["tags"][tag]
    if referer and len(referer) <= MAX_REFERER_LENGTH:
        host = site_host(referer)
        if host and host != site_host(f"//{own_host}"):
            return partners["hosts"].get(host)
    return None


def first_visit_today(*, partner_id: int, address: str, day: date) -> bool:
    """True the first time `address` comes from this partner on `day` (kept in the cache)."""
    day_secret = cache.get_or_set(f"referrals:secret:{day}", lambda: secrets.token_bytes(32), 2 * 86400)
    digest = hashlib.blake2b(f"{address}|{partner_id}".encode(), key=day_secret, digest_size=16).hexdigest()
    end_of_day = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    seconds_left = max(60, int((end_of_day - timezone.now()).total_seconds()) + 60)
    return cache.add(f"referrals:seen:{day}:{digest}", 1, seconds_left)


def count_visit(
    *,
    method: str,
    path: str,
    status: int,
    content_type: str,
    query_string: str,
    referer: str,
    own_host: str,
    address: str,
) -> None:
    """Count one answered visit for the partner that sent it, if any, once per visitor and day."""
    if not (
        method == "GET"
        and status == 200
        and content_type.startswith("text/html")
        and not is_under(path, settings.NOT_VISIT_URLS)
    ):
        return
    tag = ""
    if "ref=" in query_string:
        tag = parse_qs(query_string[:MAX_REFERER_LENGTH]).get("ref", [""])[0]
    partner_id = referring_partner(tag=tag, referer=referer, own_host=own_host)
    if partner_id is None:
        return
    today = timezone.localdate()
    if first_visit_today(partner_id=partner_id, address=address or "-", day=today):
        count_referral(partner_id=partner_id, day=today)


class ReferralCounter:
    """A WSGI layer outside the page cache: every answered visit passes here once.

    It reads the referral tag before the page cache rewrites the query string to its
    canonical form (which drops `ref`, since no page reads it), and counts when the
    response starts, whether the page came from the cache or from Django.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        query_string = environ.get("QUERY_STRING", "")
        referer = environ.get("HTTP_REFERER", "")
        if environ["REQUEST_METHOD"] != "GET" or ("ref=" not in query_string and not referer):
            return self.app(environ, start_response)
        visit = {
            "method": "GET",
            "path": environ.get("PATH_INFO", ""),
            "query_string": query_string,
            "referer": referer,
            "own_host": environ.get("HTTP_HOST", ""),
            "address": client_ip_from(environ) or "",
        }

        def counting_start_response(status, headers, exc_info=None):
            content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
            count_visit(status=int(status.split()[0]), content_type=content_type, **visit)
            return start_response(status, headers, exc_info)

        return self.app(environ, counting_start_response)
