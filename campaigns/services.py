"""Writes of the campaigns app that go beyond saving one form."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F

from campaigns import banners
from campaigns.banner_layout import HANDBOOK_NAME, Words
from campaigns.models import Banner, ReferralCount

# Raised when the way words are laid out changes, so that every banner is drawn again.
WORDS_LAYOUT_VERSION = 1


def banner_file_name(banner_slug: str, key: str) -> str:
    return f"banners/{banner_slug}/{key}.png"


def banner_zip_name(banner_slug: str) -> str:
    return f"banners/{banner_slug}/{banner_slug}.zip"


def banner_words(banner: Banner) -> Words | None:
    """What the portal writes on the banner: its campaign's name (else the banner's title, else
    the handbook's) with the call to action; None for a banner whose master has its own words."""
    if not banner.add_words:
        return None
    return Words.from_name(banner.campaign.name or banner.title or HANDBOOK_NAME)


def _rendering_signature(banner: Banner) -> str:
    # What the files depend on: a new master, colour, slug, set of sizes or words makes them stale.
    sizes = ",".join(size.key for size in banners.SIZES)
    signature = f"{banner.master.name}|{banner.background}|{banner.slug}|{sizes}"
    words = banner_words(banner)
    if words is not None:
        digest = hashlib.blake2b("|".join(words.strings()).encode(), digest_size=8).hexdigest()
        signature = f"words{WORDS_LAYOUT_VERSION}:{digest}|{signature}"
    return signature[:255]


def banner_files_current(banner: Banner) -> bool:
    return bool(banner.master) and banner.files_rendered_from == _rendering_signature(banner)


def generate_banner_files(*, banner: Banner) -> None:
    """Render every size and the zip from the master into MEDIA, replacing older files."""
    with banner.master.open("rb") as master:
        images = banners.render_all(master, banner.background, banner_words(banner))
    for key, data in images.items():
        _replace(banner_file_name(banner.slug, key), data)
    _replace(banner_zip_name(banner.slug), banners.zip_bytes(banner.slug, images))
    Banner.objects.filter(pk=banner.pk).update(
        files_version=F("files_version") + 1, files_rendered_from=_rendering_signature(banner)
    )
    banner.refresh_from_db(fields=["files_version", "files_rendered_from"])


def ensure_banner_files(*, banner: Banner) -> None:
    """Generate the files unless they are current and present."""
    present = default_storage.exists(banner_zip_name(banner.slug))
    if not (present and banner_files_current(banner)):
        generate_banner_files(banner=banner)


def _replace(name: str, data: bytes) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def count_referral(*, partner_id: int, day: date) -> None:
    """Add one visit to the partner's counter for the month of `day` (usually one UPDATE)."""
    month = day.replace(day=1)
    counters = ReferralCount.objects.filter(partner_id=partner_id, month=month)
    if counters.update(visits=F("visits") + 1):
        return
    try:
        with transaction.atomic():
            ReferralCount.objects.create(partner_id=partner_id, month=month, visits=1)
    except IntegrityError:
        # Another request created this month's row first: count on it.
        counters.update(visits=F("visits") + 1)
