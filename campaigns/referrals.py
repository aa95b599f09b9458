"""Counting the visits partner sites send, without recording anything about visitors.

A visit counts for a partner when a public HTML page answers 200 and either the URL
carries the partner's referral tag (?ref=tag, which the banner snippet adds) or the
Referer header's host is the partner's registered website. Only a per-partner,
per-month counter is incremented: no IP address, user agent, cookie or URL is stored.

The map of tags and hosts to partners is cached, so a request that counts costs one
UPDATE and a request that does not costs nothing.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from django.core.cache import cache
from django.utils import timezone

from campaigns.models import PartnerSite, site_host
from campaigns.services import count_referral

CACHE_KEY = "campaigns:partner-map:v1"
CACHE_SECONDS = 300
MAX_TAG_LENGTH = 60
MAX_REFERER_LENGTH = 2000
_TAG = re.compile(rf"^[a-z0-9_-]{{1,{MAX_TAG_LENGTH}}}$")
# Not pages a visitor lands on: staff pages, files, feeds and the banner images themselves
# (a banner shown on a partner's page must not count as a visit).
SKIPPED_PREFIXES = (
    "/quan-tri/",
    "/static/",
    "/media/",
    "/banner/",
    "/go/",
    "/tin-tuc/rss/",
    "/tin-tuc/atom/",
)


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


def count_visit(
    *, method: str, path: str, status: int, content_type: str, query_string: str, referer: str, own_host: str
) -> None:
    """Count one answered visit for the partner that sent it, if any.

    Called by the middleware for pages Django renders and by the page cache
    (camnang.cache) for pages it serves, so every visit counts once.
    """
    if not (
        method == "GET"
        and status == 200
        and content_type.startswith("text/html")
        and not path.startswith(SKIPPED_PREFIXES)
    ):
        return
    tag = ""
    if "ref=" in query_string:
        tag = parse_qs(query_string[:MAX_REFERER_LENGTH]).get("ref", [""])[0]
    partner_id = referring_partner(tag=tag, referer=referer, own_host=own_host)
    if partner_id is not None:
        count_referral(partner_id=partner_id, day=timezone.localdate())


class ReferralMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        count_visit(
            method=request.method,
            path=request.path,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            query_string=request.META.get("QUERY_STRING", ""),
            referer=request.META.get("HTTP_REFERER", ""),
            own_host=request.META.get("HTTP_HOST", ""),
        )
        return response
