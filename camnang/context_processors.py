from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from camnang.contact import tel_url

SHARE_IMAGE_SIZE = (1200, 630)


def share_image_path() -> str:
    """The 1200 x 630 size of the first active banner, or the built-in share image.

    Looked up once per content version (any edit may change it), not per page.
    """
    from camnang.cache import content_version
    from campaigns.models import Banner

    key = f"share-image:{content_version()}"
    path = cache.get(key)
    if path is None:
        banner = Banner.objects.filter(is_active=True).order_by("position", "pk").first()
        path = banner.image_url(*SHARE_IMAGE_SIZE) if banner else static("img/og-share.png")
        cache.set(key, path, None)
    return path


# Which header link a page belongs under, by URL name.
NAV_SECTIONS = {
    "shops:districts": "shops",
    "shops:district": "shops",
    "shops:shop": "shops",
    "producers:district_producers": "shops",
    "producers:products": "products",
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
    """This page in each of the portal's languages, for the switcher and hreflang links."""
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": request.build_absolute_uri(translate_url(request.path, code)),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def portal(request):
    """Province and contact details every page shows."""
    return {
        "province_name": settings.PROVINCE_NAME,
        "hotline": settings.PORTAL_HOTLINE,
        "hotline_url": tel_url(settings.PORTAL_HOTLINE),
        "hotline_owner": settings.PORTAL_HOTLINE_OWNER,
        "demo_notice": settings.DEMO_NOTICE,
        "languages": SimpleLazyObject(lambda: language_links(request)),
        "nav_section": NAV_SECTIONS.get(getattr(request.resolver_match, "view_name", None)),
        # Query strings (filters, pages) are not part of a page's canonical address.
        "canonical_url": request.build_absolute_uri(request.path),
        "default_share_image": SimpleLazyObject(lambda: request.build_absolute_uri(share_image_path())),
    }
