from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from camnang.pagination import paginate
from shops.forms import ShopFilterForm
from shops.models import Category, District, Shop

SHOPS_PER_PAGE = 50
PRODUCERS_PREVIEW = 6


class DistrictListView(ListView):
    template_name = "shops/district_list.html"
    context_object_name = "districts"

    def get_queryset(self):
        return District.objects.active().with_counts()


class DistrictDetailView(DetailView):
    """A district's shops, filtered and paginated, with a preview of its producers."""

    template_name = "shops/district_detail.html"
    context_object_name = "district"

    def get_queryset(self):
        return District.objects.active()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = self.object
        form = ShopFilterForm(self.request.GET, category=list(Category.objects.all()))
        shops = form.filter(Shop.objects.published().in_district(district)).prefetch_related("categories")
        # The reverse relation keeps shops free of imports from producers.
        producers = district.producers.published()
        context.update(
            filter_form=form,
            filters_applied=bool(form.applied),
            page_obj=paginate(self.request, shops, SHOPS_PER_PAGE),
            producers=producers[:PRODUCERS_PREVIEW],
            producer_count=producers.count(),
        )
        return context


class ShopDetailView(DetailView):
    template_name = "shops/shop_detail.html"
    context_object_name = "shop"

    def get_queryset(self):
        return Shop.objects.published().for_listing()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"], district__is_active=True)
