from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from core.cache import per_version
from core.fragments import render_cards_for_ids
from core.pagination import paginate_ids
from core.printing import print_context
from core.qr import qr_code_response
from shops.forms import ShopFilterForm
from shops.models import Category, District, Shop

SHOPS_PER_PAGE = 50
PRODUCERS_PREVIEW = 6


class DistrictListView(ListView):
    template_name = "shops/district_list.html"
    context_object_name = "districts"

    def get_queryset(self):
        return per_version("districts-with-counts", lambda: list(District.objects.public().with_counts()))


class DistrictShopsMixin:
    """A district (active ones only) and its published shops, narrowed by the page's filters."""

    context_object_name = "district"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        # 0 stands for "no such district": the cache cannot keep None.
        district = per_version(
            f"district:{slug}", lambda: District.objects.public().filter(slug=slug).first() or 0
        )
        if not district:
            raise Http404
        return district

    def filtered_shops(self):
        categories = per_version("categories", lambda: list(Category.objects.all()))
        form = ShopFilterForm(self.request.GET, category=categories)
        shops = form.filter(Shop.objects.public().in_district(self.object))
        return form, shops


class DistrictDetailView(DistrictShopsMixin, DetailView):
    """A district's shops, filtered and paginated, with a preview of its producers.

    Everything it reads is kept per content version (the district, the ids on each page
    of each filtered list, the rendered cards), so a busy district's page costs no query
    until staff change something.
    """

    template_name = "shops/district_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = self.object
        form, shops = self.filtered_shops()
        page_obj, shop_ids = paginate_ids(
            self.request, shops, SHOPS_PER_PAGE, key=f"district-shops:{district.pk}:{form.cache_key}"
        )
        # The reverse relation keeps shops free of imports from producers.
        producers = district.producers.public()
        producer_ids, producer_count = per_version(
            f"district-producers:{district.pk}",
            lambda: (list(producers.values_list("pk", flat=True)[:PRODUCERS_PREVIEW]), producers.count()),
        )
        context.update(
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
        "telephone": shop.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": shop.address,
            "addressLocality": shop.commune or shop.district.name,
            "addressRegion": shop.district.name,
            "addressCountry": "VN",
        },
    }
    if same_as := [url for url in (shop.website, shop.facebook) if url]:
        data["sameAs"] = same_as
    if shop.delivery_area:
        data["areaServed"] = shop.delivery_area
    return data


class DistrictPrintView(DistrictShopsMixin, DetailView):
    """An A4 list of a district's shops for post offices to pin up, with a QR code back.

    It prints what the page shows: the same filters apply.
    """

    template_name = "shops/district_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = self.object
        context["shops"] = self.filtered_shops()[1]
        context.update(print_context(self.request, back_url=district.get_absolute_url(), place=district.name))
        return context


def district_qr(request, slug):
    district = get_object_or_404(District.objects.public(), slug=slug)
    return qr_code_response(request, district.get_absolute_url(), title=district.name)


def shop_qr(request, slug):
    shop = get_object_or_404(Shop.objects.public(), slug=slug)
    return qr_code_response(request, shop.get_absolute_url(), title=shop.name)
