from django import forms
from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from camnang.search import MAX_QUERY_LENGTH, search_groups
from campaigns.models import HandbookChapter, NewsPost
from core import registry
from core.cache import per_version
from core.forms import FilterForm
from core.pagination import paginate
from core.search import SUGGEST_BELOW, suggest
from producers.models import Platform, Product
from shops.models import District

RESULTS_PER_PAGE = 20
HOME_CHAPTERS = 8
HOME_NEWS = 3


def home(request):
    def page_data():
        return {
            "districts": list(District.objects.public().with_counts()),
            "platforms": list(Platform.objects.public()),
            "featured_products": list(
                Product.objects.public()
                .filter(ocop_stars__gte=3)
                .exclude(photo="")
                .for_listing()
                .order_by("-ocop_stars", "name")[:6]
            ),
            "handbook_chapters": list(
                HandbookChapter.objects.public().in_reading_order().defer("body", "body_html")[:HOME_CHAPTERS]
            ),
            "latest_news": list(NewsPost.objects.public().for_listing()[:HOME_NEWS]),
        }

    # Counting every district's shops is the costly part; it changes only with the content
    # (and the news list with the date, since posts can be scheduled).
    return render(request, "home.html", per_version(f"home:{timezone.localdate()}", page_data))


class SearchForm(FilterForm):
    slug_fields = {"district": _("Cả tỉnh")}
    select_names = ["district"]

    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    district = forms.ChoiceField(label=_("Khu vực huyện cũ"), required=False)
    type = forms.ChoiceField(label=_("Loại kết quả"), required=False)
    # "1": place names in the query are matched as words, not read as a place to narrow to.
    words = forms.ChoiceField(choices=[("1", "1")], required=False)

    def __init__(self, data, **objects):
        super().__init__(data, **objects)
        groups = [(key, group.label) for key, group in registry.search_groups.items()]
        self.fields["type"].choices = [("", _("Tất cả")), *groups]

    def clean_q(self):
        # A query longer than any name is cut, not refused: the page still answers.
        q = " ".join(self.cleaned_data["q"].split())
        self.truncated = len(q) > MAX_QUERY_LENGTH
        return q[:MAX_QUERY_LENGTH]


def search(request):
    form = SearchForm(request.GET, district=per_version("districts", lambda: list(District.objects.public())))
    applied = form.applied
    text = applied.get("q", "")
    context = {
        "form": form,
        "query": text,
        "truncated": getattr(form, "truncated", False),
        "max_length": MAX_QUERY_LENGTH,
    }
    if not text:
        return render(request, "search.html", context)
    query, groups, partial = search_groups(
        text, district=applied.get("district"), places="words" not in applied
    )
    context |= {"read": query, "partial": partial}
    if not groups:
        context["no_terms"] = True
        return render(request, "search.html", context)
    selected = applied.get("type")
    for group in groups:
        group.selected = group.key == selected
    context["groups"] = groups
    context["total"] = sum(g.total for g in groups)
    if partial or context["total"] < SUGGEST_BELOW:
        context["suggestion"] = suggest(text)
    if selected:
        group = next(g for g in groups if g.key == selected)
        context["group"] = group
        page_obj = paginate(request, group.queryset, RESULTS_PER_PAGE)
        context["page_obj"] = page_obj
        context["cards"] = group.cards(page_obj.object_list)
    else:
        for group in groups:
            group.preview = group.preview_cards() if group.total else []
    return render(request, "search.html", context)


def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}" for prefix in robots_disallowed()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def robots_disallowed() -> list[str]:
    """settings.ROBOTS_DISALLOW, and each prefix again under every other language's prefix."""
    languages = [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    paths = list(settings.ROBOTS_DISALLOW)
    paths += [
        language + path for language in languages for path in settings.ROBOTS_DISALLOW if "*" not in path
    ]
    return paths


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
