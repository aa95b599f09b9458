from django.db.models import F, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from camnang.models import Status
from camnang.pagination import paginate
from producers.forms import ProductFilterForm
from producers.models import Listing, Platform, Producer, Product
from shops.models import Category, District

PER_PAGE = 24


class DistrictProducerListView(TemplateView):
    template_name = "producers/district_producers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = get_object_or_404(District.objects.active(), slug=self.kwargs["slug"])
        producers = Producer.objects.published().in_district(district)
        context.update(district=district, page_obj=paginate(self.request, producers, PER_PAGE))
        return context


class ProductListView(TemplateView):
    """The province's farm products, filterable by category, OCOP rating and district."""

    template_name = "producers/product_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ProductFilterForm(
            self.request.GET,
            category=list(Category.objects.filter(products__isnull=False).distinct()),
            district=list(District.objects.active()),
        )
        products = form.filter(Product.objects.published().for_listing())
        context.update(filter_form=form, page_obj=paginate(self.request, products, PER_PAGE))
        return context


def _visible_listings():
    return Listing.objects.visible().select_related("platform")


class ProducerDetailView(DetailView):
    template_name = "producers/producer_detail.html"
    context_object_name = "producer"

    def get_queryset(self):
        return (
            Producer.objects.published()
            .filter(district__is_active=True)
            .select_related("district")
            .prefetch_related(
                Prefetch(
                    "products",
                    queryset=Product.objects.filter(status=Status.PUBLISHED).select_related("category"),
                    to_attr="public_products",
                ),
                # The producer's own shops; product pages carry the per-product ones.
                Prefetch(
                    "listings", queryset=_visible_listings().filter(product=None), to_attr="public_listings"
                ),
            )
        )


class ProductDetailView(DetailView):
    template_name = "producers/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return (
            Product.objects.published()
            .filter(producer__district__is_active=True)
            .for_listing()
            .prefetch_related(Prefetch("listings", queryset=_visible_listings(), to_attr="public_listings"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        # A product without its own page still links to its producer's shops.
        context["shop_listings"] = list(
            _visible_listings().filter(producer=product.producer_id, product=None)
        )
        context["siblings"] = (
            Product.objects.published().filter(producer=product.producer_id).exclude(pk=product.pk)[:6]
        )
        return context


class PlatformListView(TemplateView):
    template_name = "producers/platform_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["platforms"] = Platform.objects.filter(is_active=True)
        return context


@never_cache
def go_listing(request, pk):
    """Count a click and send the visitor to the stored listing URL, never to one from the request."""
    listing = get_object_or_404(_visible_listings(), pk=pk)
    Listing.objects.filter(pk=listing.pk).update(clicks=F("clicks") + 1)
    return HttpResponseRedirect(listing.url)


@never_cache
def go_platform(request, slug):
    platform = get_object_or_404(Platform, slug=slug, is_active=True)
    Platform.objects.filter(pk=platform.pk).update(clicks=F("clicks") + 1)
    return HttpResponseRedirect(platform.home_url)
