from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from core.cache import per_version
from core.fragments import render_cards_for_ids
from core.pagination import paginate_ids
from core.printing import print_context
from core.qr import qr_code_response
from core.text import fold
from shops import services
from shops.forms import AddressLookupForm, ShopFilterForm
from shops.models import Category, Commune, District, Shop, Succession

SHOPS_PER_PAGE = 50
PRODUCERS_PREVIEW = 6
# A commune is small: its page shows all its producers, up to this many.
COMMUNE_PRODUCERS = 60


class DistrictListView(ListView):
    """The former districts people still know, each with today's communes and wards in it."""

    template_name = "shops/district_list.html"
    context_object_name = "districts"

    def get_queryset(self):
        def compute():
            districts = list(District.objects.public().with_counts())
            communes = {}
            links = Commune.districts.through.objects.filter(commune__is_active=True)
            for link in links.select_related("commune"):
                communes.setdefault(link.district_id, []).append(link.commune)
            for district in districts:
                district.current_communes = by_name(communes.get(district.pk, []))
            return districts

        return per_version("districts-with-communes", compute)


class PlaceMixin:
    """A place's page: a former district or a current commune (public ones only), its
    published shops narrowed by the page's filters, and its producers.

    Everything it reads is kept per content version (the place, the ids on each page of
    each filtered list, the rendered cards), so a busy place's page costs no query until
    staff change something.
    """

    model = District
    place_field = "district"  # how shops and producers point at this kind of place

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        model = self.model
        # 0 stands for "no such place": the cache cannot keep None.
        place = per_version(
            f"{model._meta.model_name}:{slug}", lambda: model.objects.public().filter(slug=slug).first() or 0
        )
        if not place:
            raise Http404
        return place

    def filter_choices(self) -> dict:
        return {"category": per_version("categories", lambda: list(Category.objects.all()))}

    def filtered_shops(self):
        form = ShopFilterForm(self.request.GET, **self.filter_choices())
        shops = form.filter(Shop.objects.public().filter(**{self.place_field: self.object}))
        return form, shops

    def producers(self):
        # The reverse relation keeps shops free of imports from producers.
        return self.object.producers.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        place = self.object
        form, shops = self.filtered_shops()
        key = f"{self.place_field}-shops:{place.pk}:{form.cache_key}"
        page_obj, shop_ids = paginate_ids(self.request, shops, SHOPS_PER_PAGE, key=key)
        producers = self.producers()
        limit = self.producers_shown
        producer_ids, producer_count = per_version(
            f"{self.place_field}-producers:{place.pk}",
            lambda: (list(producers.values_list("pk", flat=True)[:limit]), producers.count()),
        )
        context.update(
            place=place,
            filter_form=form,
            filters_applied=bool(form.applied),
            page_obj=page_obj,
            shop_cards=render_cards_for_ids(Shop, shop_ids, "shops/includes/shop_card.html", name="shop"),
            producer_cards=render_cards_for_ids(
                producers.model, producer_ids, "producers/includes/producer_card.html", name="producer"
            ),
            producer_count=producer_count,
        )
        return context


class DistrictDetailView(PlaceMixin, DetailView):
    """A former district's shops, filterable by today's commune too, and its producers."""

    template_name = "shops/district_detail.html"
    context_object_name = "district"
    producers_shown = PRODUCERS_PREVIEW

    def filter_choices(self) -> dict:
        district = self.object
        communes = per_version(
            f"district-communes:{district.pk}",
            lambda: by_name(Commune.objects.public().in_district(district)),
        )
        return {**super().filter_choices(), "commune": communes}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = self.object
        context["communes"] = per_version(
            f"district-commune-counts:{district.pk}", lambda: communes_of(district)
        )
        return context


def communes_of(district) -> list:
    """Today's communes and wards in a former district, with their counts of shops and
    producers and, as `formers_here`, the district's former communes each took over."""
    communes = by_name(Commune.objects.public().in_district(district).with_counts())
    formers: dict = {}
    successions = (
        Succession.objects.filter(former__district=district)
        .select_related("former")
        .annotate(parts=Count("former__successions"))
        .order_by("former__code")
    )
    for succession in successions:
        part = succession.parts > 1
        formers.setdefault(succession.current_id, []).append({"name": succession.former.name, "part": part})
    for commune in communes:
        commune.formers_here = formers.get(commune.pk, [])
    return communes


class CommuneDetailView(PlaceMixin, DetailView):
    """A commune or ward of today: its shops and producers, and what it was formed from."""

    model = Commune
    place_field = "commune"
    template_name = "shops/commune_detail.html"
    context_object_name = "commune"
    producers_shown = COMMUNE_PRODUCERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["origins"] = per_version(f"commune-origins:{self.object.pk}", lambda: origins(self.object))
        return context


def origins(commune) -> list[dict]:
    """The former communes a commune took over, grouped by former district (one query)."""
    groups: dict = {}
    successions = (
        commune.successions.select_related("former__district")
        .annotate(parts=Count("former__successions"))
        .order_by("former__district__position", "former__district__code", "former__code")
    )
    for succession in successions:
        district = succession.former.district
        group = groups.setdefault(district.pk, {"district": district, "communes": []})
        group["communes"].append({"name": succession.former.name, "part": succession.parts > 1})
    return list(groups.values())


def by_name(units) -> list:
    """Units in alphabetical order as people read it ("Đông Sơn" among the D's, not after "Yên")."""
    return sorted(units, key=lambda unit: (fold(unit.name), unit.name))


class ShopDetailView(DetailView):
    template_name = "shops/shop_detail.html"
    context_object_name = "shop"

    def get_queryset(self):
        return Shop.objects.public().for_listing()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = shop_structured_data(self.object, self.request)
        return context


def shop_structured_data(shop: Shop, request) -> dict:
    """schema.org LocalBusiness, so search engines show the shop's phone and address."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": shop.name,
        "url": request.build_absolute_uri(shop.get_absolute_url()),
        "telephone": shop.phone,  # stored as E.164: with the country code, as search engines ask
        "address": {
            "@type": "PostalAddress",
            "streetAddress": shop.address,
            "addressLocality": shop.commune_label or shop.district.name,
            "addressRegion": shop.district.name,
            "addressCountry": "VN",
        },
    }
    if same_as := [url for url in (shop.website, shop.facebook) if url]:
        data["sameAs"] = same_as
    if shop.delivery_area:
        data["areaServed"] = shop.delivery_area
    return data


class PrintMixin:
    """An A4 list for post offices to pin up, with a QR code back to the page. It prints
    what the page shows: the same filters apply."""

    template_name = "shops/place_print.html"

    def get_context_data(self, **kwargs):
        context = DetailView.get_context_data(self, **kwargs)
        place = self.object
        form, shops = self.filtered_shops()
        # A former district's list narrowed to one of today's communes says so in its title.
        commune = form.applied.get("commune")
        title = place.name
        if commune is not None:
            title = gettext("%(commune)s (khu vực %(district)s cũ)") % {
                "commune": commune.name,
                "district": place.name_in_sentence,
            }
        context.update(place=place, place_title=title, shops=shops.for_listing())
        context.update(print_context(self.request, back_url=place.get_absolute_url(), place=title))
        return context


class DistrictPrintView(PrintMixin, DistrictDetailView):
    pass


class CommunePrintView(PrintMixin, CommuneDetailView):
    """A commune's shops and its producers on one A4 sheet: a post office serves a commune."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["producers"] = self.producers()[:COMMUNE_PRODUCERS]
        return context


def place_qr(request, slug, model=District):
    place = get_object_or_404(model.objects.public(), slug=slug)
    return qr_code_response(request, place.get_absolute_url(), title=place.name)


def shop_qr(request, slug):
    shop = get_object_or_404(Shop.objects.public(), slug=slug)
    return qr_code_response(request, shop.get_absolute_url(), title=shop.name)


# --- Old address -> today's unit ----------------------------------------------------------


def _lookup(request):
    """The form, bound to the query when there is one, and what the address is today."""
    form = AddressLookupForm(request.GET or None)
    location = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        location = services.locate(data["commune"], data["district"], widen=True)
    return form, location


def address_lookup(request):
    """Where an old address (commune, former district; accents optional) is today."""
    form, location = _lookup(request)
    context = {"form": form, "location": location, "json_url": reverse("shops:address_lookup_json")}
    return render(request, "shops/address_lookup.html", context)


def _unit(request, commune) -> dict | None:
    if commune is None:
        return None
    return {
        "code": commune.code,
        "name": commune.name,
        "url": request.build_absolute_uri(commune.get_absolute_url()),
    }


def address_lookup_json(request):
    """The same answer as JSON, for partner sites (CORS GET): 200 with the answer, 400 with
    the reasons when the address cannot be looked up as written."""
    form, location = _lookup(request)
    if location is None:
        if form.is_bound:
            errors = {
                form.query_names.get(name, name): [str(e) for e in errs] for name, errs in form.errors.items()
            }
        else:
            errors = {"xa": [str(form.fields["commune"].error_messages["required"])]}
        body, status = {"found": False, "errors": errors}, 400
    else:
        former = location.former
        body, status = (
            {
                "query": {"xa": form.cleaned_data["commune"], "huyen": form.cleaned_data["district_text"]},
                "found": location.found,
                "commune": _unit(request, location.commune),
                "divided": location.divided,
                "candidates": [_unit(request, unit) for unit in location.candidates],
                "default": _unit(request, location.default),
                "former": former
                and {"code": former.code, "name": former.name, "district": former.district.name},
                "message": location.message,
            },
            200,
        )
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
