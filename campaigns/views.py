"""Public pages: the handbook, the banner kit, news."""

from __future__ import annotations

import html
from itertools import groupby

from django.contrib.auth import get_permission_codename
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from campaigns import reference_data, services
from campaigns.banners import SIZES, SIZES_BY_KEY
from campaigns.models import Banner, Campaign, HandbookChapter, NewsPost, PartnerSite
from core.models import Status
from core.pagination import paginate

NEWS_PER_PAGE = 10
BANNER_PARTNER_PARAMETER = "doi-tac"
# Banner images are embedded on partners' pages: let browsers and proxies keep them
# for a week; a new master reaches every partner within that time.
BANNER_MAX_AGE = 7 * 24 * 3600


def _audience_sections(chapters):
    """[(audience label, [chapters])] in reading order."""
    labels = dict(HandbookChapter.Audience.choices)
    return [(labels[key], list(items)) for key, items in groupby(chapters, key=lambda c: c.audience)]


def handbook(request):
    chapters = list(HandbookChapter.objects.public().in_reading_order())
    context = {
        "campaigns": Campaign.objects.public(),
        "sections": _audience_sections(chapters),
    }
    return render(request, "campaigns/handbook.html", context)


def handbook_print(request):
    chapters = list(HandbookChapter.objects.public().in_reading_order())
    context = {"campaigns": Campaign.objects.public(), "sections": _audience_sections(chapters)}
    return render(request, "campaigns/handbook_print.html", context)


def can_preview(request, model) -> bool:
    """Whether the user may see `model`'s unpublished rows at their public address.

    Only those who may edit them preview them; for everyone else a draft does not exist.
    """
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def private_preview(response):
    """A draft shown to its editors must never be kept by a browser or shared cache."""
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    return response


class ChapterDetailView(DetailView):
    template_name = "campaigns/chapter_detail.html"
    context_object_name = "chapter"

    def get_queryset(self):
        chapters = HandbookChapter.objects.select_related("campaign")
        # Editors preview drafts from the admin at the chapter's own address.
        return chapters if can_preview(self.request, HandbookChapter) else chapters.public()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return response if self.object.is_published else private_preview(response)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = list(HandbookChapter.objects.public().in_reading_order().only("slug", "title", "audience"))
        slugs = [c.slug for c in order]
        if self.object.slug in slugs:
            index = slugs.index(self.object.slug)
            context["previous"] = order[index - 1] if index > 0 else None
            context["next"] = order[index + 1] if index + 1 < len(order) else None
        return context


# --- Banner kit -------------------------------------------------------------------------


def embed_snippet(request, banner: Banner, size, partner: PartnerSite | None) -> str:
    """The HTML a partner pastes: a link to the handbook around the banner image, nothing else.

    Returned as plain text (not marked safe) so the page shows it escaped in its textarea.
    """
    target = request.build_absolute_uri(reverse("campaigns:handbook"))
    if partner is not None:
        target += f"?ref={partner.referral_tag}"
    image = request.build_absolute_uri(banner.image_url(size.width, size.height))
    return (
        f'<a href="{html.escape(target)}"><img src="{html.escape(image)}" '
        f'width="{size.width}" height="{size.height}" alt="{html.escape(banner.alt_text)}"></a>'
    )


def banner_kit(request):
    partners = list(PartnerSite.objects.only("name", "referral_tag"))
    tag = request.GET.get(BANNER_PARTNER_PARAMETER, "")[:80]
    partner = next((p for p in partners if p.referral_tag == tag), None)
    items = []
    for banner in Banner.objects.public():
        sizes = [
            {
                "size": size,
                "url": banner.image_url(size.width, size.height),
                "snippet": embed_snippet(request, banner, size, partner),
                "field": f"snippet-{banner.slug}-{size.key}",
            }
            for size in SIZES
        ]
        items.append({"banner": banner, "sizes": sizes})
    context = {
        "banners": items,
        "partners": partners,
        "partner": partner,
        "unknown_partner": bool(tag) and partner is None,
        "letter_contact": reference_data.LETTER_CONTACT,
    }
    return render(request, "campaigns/banner_kit.html", context)


def _active_banner(slug: str) -> Banner:
    banner = get_object_or_404(Banner.objects.public().select_related("campaign"), slug=slug)
    services.ensure_banner_files(banner=banner)
    return banner


def _file_response(request, name: str, content_type: str, banner: Banner, *, attachment: str = ""):
    etag = f'"{banner.slug}-{banner.files_version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            handle = default_storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, content_type=content_type, as_attachment=bool(attachment), filename=attachment
        )
        response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=BANNER_MAX_AGE)
    return response


@require_safe
def banner_image(request, slug, width, height):
    size = SIZES_BY_KEY.get(f"{width}x{height}")
    if size is None:
        raise Http404
    banner = _active_banner(slug)
    return _file_response(request, services.banner_file_name(banner.slug, size.key), "image/png", banner)


@require_safe
def banner_zip(request, slug):
    banner = _active_banner(slug)
    return _file_response(
        request,
        services.banner_zip_name(banner.slug),
        "application/zip",
        banner,
        attachment=f"{banner.slug}.zip",
    )


# --- News -------------------------------------------------------------------------------


def news_list(request):
    posts = NewsPost.objects.public().for_listing()
    return render(request, "campaigns/news_list.html", {"page_obj": paginate(request, posts, NEWS_PER_PAGE)})


def news_detail(request, slug):
    posts = NewsPost.objects.for_listing()
    if not can_preview(request, NewsPost):
        posts = posts.public()
    post = get_object_or_404(posts, slug=slug)
    recent = NewsPost.objects.public().exclude(pk=post.pk)[:3]
    # A draft, or a post dated in the future: not yet what the public sees.
    draft = post.status != Status.PUBLISHED or post.published_on > timezone.localdate()
    response = render(request, "campaigns/news_detail.html", {"post": post, "recent": recent, "draft": draft})
    return private_preview(response) if draft else response
