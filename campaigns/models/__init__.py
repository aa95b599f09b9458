"""Campaigns: the handbook, the banner kit and its partner sites, news, and the
communication plan's activities, records and reports."""

from campaigns.models.banners import (
    Banner,
    BannerQuerySet,
    PartnerSite,
    ReferralCount,
    site_host,
    validate_hex_colour,
)
from campaigns.models.base import Campaign, MarkdownContent, Page
from campaigns.models.handbook import RESERVED_CHAPTER_SLUGS, ChapterQuerySet, HandbookChapter
from campaigns.models.news import RESERVED_NEWS_SLUGS, NewsPost, NewsQuerySet
from campaigns.models.plan import (
    Activity,
    ActivityPhoto,
    ActivityRecord,
    Organisation,
    PeriodKind,
    ReportSubmission,
)

__all__ = [
    "RESERVED_CHAPTER_SLUGS",
    "RESERVED_NEWS_SLUGS",
    "Activity",
    "ActivityPhoto",
    "ActivityRecord",
    "Banner",
    "BannerQuerySet",
    "Campaign",
    "ChapterQuerySet",
    "HandbookChapter",
    "MarkdownContent",
    "NewsPost",
    "NewsQuerySet",
    "Organisation",
    "Page",
    "PartnerSite",
    "PeriodKind",
    "ReferralCount",
    "ReportSubmission",
    "site_host",
    "validate_hex_colour",
]
