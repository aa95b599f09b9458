import unicodedata

from django.conf import settings
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from core.cache import per_version
from core.contact import display_phone, tel_url
from core.demo import NOTICE, has_public_demo_rows

SHARE_IMAGE_SIZE = (1200, 630)


def share_image_path() -> str:
    """The 1200 x 630 size of the first active banner, or the built-in share image."""
    from campaigns.models import Banner

    def compute():
        banner = Banner.objects.public().order_by("position", "pk").first()
        return banner.image_url(*SHARE_IMAGE_SIZE) if banner else static("img/og-share.png")

    return per_version("share-image", compute)


# Which header link a page belongs under, by URL name.
NAV_SECTIONS = {
    "shops:districts": "shops",
    "shops:district": "shops",
    "shops:shop": "shops",
    "producers:district_producers": "shops",
    "producers:products": "products",
    "producers:in_season": "products",
    "producers:producer": "products",
    "producers:product": "products",
    "producers:platforms": "platforms",
    "campaigns:handbook": "handbook",
    "campaigns:chapter": "handbook",
    "campaigns:banners": "handbook",
    "campaigns:news": "news",
    "campaigns:news_detail": "news",
    "search": "search",
}


def language_links(request) -> list[dict]:
    """This page in each of the portal's languages, for the switcher and hreflang links.

    Public URLs carry no prefix in the default language and /<code>/ in the others
    (i18n_patterns with prefix_default_language=False), so the other versions of a page
    are found by swapping that prefix, without resolving the URL again.
    """
    current = get_language()
    path = request.path
    prefix = f"/{current}/"
    bare = "/" + path.removeprefix(prefix) if path.startswith(prefix) else path
    links = []
    for code, _name in settings.LANGUAGES:
        localised = bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}"
        links.append(
            {
                "code": code,
                # Django spells some local names with combining accents: keep one form (NFC).
                "name": unicodedata.normalize("NFC", get_language_info(code)["name_local"]),
                "url": request.build_absolute_uri(localised),
                "current": code == current,
            }
        )
    return links


def portal(request):
    """Province and contact details every page shows."""
    return {
        "province_name": settings.PROVINCE_NAME,
        "hotline": display_phone(settings.PORTAL_HOTLINE),
        "hotline_url": tel_url(settings.PORTAL_HOTLINE),
        "hotline_owner": settings.PORTAL_HOTLINE_OWNER,
        "demo_notice": SimpleLazyObject(has_public_demo_rows),
        "demo_notice_text": NOTICE,
        "languages": SimpleLazyObject(lambda: language_links(request)),
        "nav_section": NAV_SECTIONS.get(getattr(request.resolver_match, "view_name", None)),
        # Query strings (filters, pages) are not part of a page's canonical address.
        "canonical_url": request.build_absolute_uri(request.path),
        "default_share_image": SimpleLazyObject(lambda: request.build_absolute_uri(share_image_path())),
    }
