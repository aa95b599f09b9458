from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, TemplateView

from core.antispam import over_limit, record_submission
from core.cache import per_version
from core.fields import MONTH_CHOICES
from core.pagination import paginate
from core.printing import print_context
from producers.forms import HelpRequestForm, InSeasonForm, ProductFilterForm
from producers.models import Listing, Platform, Producer, Product
from producers.services import register_help_request
from shops.models import Category, District

PER_PAGE = 24
# How many of its latest prices a product page shows.
PRICE_HISTORY = 5
# The platforms of the two postal companies Plan 241/KH-UBND asks to open households' shops.
HELP_PLATFORMS = ("postmart", "voso")


class DistrictProducerListView(TemplateView):
    template_name = "producers/district_producers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = get_object_or_404(District.objects.public(), slug=self.kwargs["slug"])
        producers = Producer.objects.public().in_district(district).for_listing()
        context.update(district=district, page_obj=paginate(self.request, producers, PER_PAGE))
        return context


class DistrictProducerPrintView(TemplateView):
    """An A4 list of a district's producers, their products and where they sell online."""

    template_name = "producers/district_producers_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = get_object_or_404(District.objects.public(), slug=self.kwargs["slug"])
        producers = list(
            Producer.objects.public().in_district(district).with_public_offer(own_shops_only=False)
        )
        for producer in producers:
            producer.platform_names = sorted({listing.platform.name for listing in producer.public_listings})
        back_url = reverse("producers:district_producers", kwargs={"slug": district.slug})
        context.update(district=district, producers=producers)
        context.update(print_context(self.request, back_url=back_url, place=district.name))
        return context


def public_districts() -> list:
    """The districts the filter forms offer, kept until the content next changes."""
    return per_version("districts", lambda: list(District.objects.public()))


class ProductListView(TemplateView):
    """The province's farm products, filterable by category, OCOP rating and district."""

    template_name = "producers/product_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ProductFilterForm(
            self.request.GET,
            category=per_version(
                "product-categories", lambda: list(Category.objects.filter(products__isnull=False).distinct())
            ),
            district=public_districts(),
        )
        products = form.filter(Product.objects.public().for_listing())
        context.update(filter_form=form, page_obj=paginate(self.request, products, PER_PAGE))
        return context


@dataclass
class PlaceGroup:
    """Products of one commune of today (or, for producers not yet placed in one, of one
    former district), with the former districts they are listed under."""

    commune: object
    districts: list = field(default_factory=list)
    products: list = field(default_factory=list)


def group_by_place(products) -> list[PlaceGroup]:
    """`products` (ordered by commune, then district) in groups, one per place."""
    groups: dict = {}
    for product in products:
        producer = product.producer
        key = ("commune", producer.commune_id) if producer.commune_id else ("district", producer.district_id)
        group = groups.get(key)
        if group is None:
            group = groups[key] = PlaceGroup(producer.commune)
        if producer.district not in group.districts:
            group.districts.append(producer.district)
        group.products.append(product)
    return list(groups.values())


class InSeasonView(TemplateView):
    """Public products harvested in a month (today's unless `?thang=` names one), by commune."""

    template_name = "producers/in_season.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = InSeasonForm(
            self.request.GET,
            today=today,
            district=public_districts(),
        )
        month = form.chosen_month
        products = (
            form.filter(Product.objects.public().harvested_in(month))
            .for_listing()
            .order_by(
                F("producer__commune__name").asc(nulls_last=True),
                "producer__district__position",
                "producer__district__code",
                "name",
                "pk",
            )
        )
        groups = group_by_place(products)
        district = form.applied.get("district")
        context.update(
            form=form,
            month=month,
            month_label=dict(MONTH_CHOICES)[month],
            is_current_month=month == today.month,
            groups=groups,
            product_count=sum(len(group.products) for group in groups),
            district=district,
            previous_url=_month_url(month - 1 or 12, district),
            next_url=_month_url(month % 12 + 1, district),
            this_month_url=_month_url(today.month, district),
        )
        return context


def _month_url(month: int, district=None) -> str:
    query = {"thang": month, **({"district": district.slug} if district else {})}
    return reverse("producers:in_season") + "?" + urlencode(sorted(query.items()))


def _public_listings():
    return Listing.objects.public().select_related("platform")


class ProducerDetailView(DetailView):
    template_name = "producers/producer_detail.html"
    context_object_name = "producer"

    def get_queryset(self):
        # The producer's own shops; product pages carry the per-product ones.
        return Producer.objects.public().select_related("district").with_public_offer(own_shops_only=True)


class ProductDetailView(DetailView):
    template_name = "producers/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return (
            Product.objects.public()
            .for_listing(prices=PRICE_HISTORY)
            .prefetch_related(Prefetch("listings", queryset=_public_listings(), to_attr="public_listings"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        # A product without its own page still links to its producer's shops.
        context["shop_listings"] = list(_public_listings().filter(producer=product.producer_id, product=None))
        context["structured_data"] = product_structured_data(product, self.request)
        context["in_season"] = timezone.localdate().month in product.harvest_months
        context["siblings"] = (
            Product.objects.public().filter(producer=product.producer_id).exclude(pk=product.pk)[:6]
        )
        return context


class PlatformListView(TemplateView):
    template_name = "producers/platform_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["platforms"] = Platform.objects.public()
        return context


@never_cache
def go_listing(request, pk):
    """Count a click and send the visitor to the stored listing URL, never to one from the request."""
    listing = get_object_or_404(_public_listings(), pk=pk)
    Listing.objects.filter(pk=listing.pk).update(clicks=F("clicks") + 1)
    return HttpResponseRedirect(listing.url)


@never_cache
def go_platform(request, slug):
    platform = get_object_or_404(Platform.objects.public(), slug=slug)
    Platform.objects.filter(pk=platform.pk).update(clicks=F("clicks") + 1)
    return HttpResponseRedirect(platform.home_url)


def product_structured_data(product: Product, request) -> dict:
    """schema.org Product, with an Offer when a recent indicative price is known."""
    page_url = request.build_absolute_uri(product.get_absolute_url())
    producer = {"@type": "Organization", "name": product.producer.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": page_url,
        "brand": {"@type": "Brand", "name": product.producer.name},
        "manufacturer": producer,
    }
    if product.description:
        data["description"] = product.description
    if product.photo:
        data["image"] = request.build_absolute_uri(product.photo.url)
    if product.category:
        data["category"] = product.category.name
    price = product.latest_price
    if price and not price.is_old:  # an old price is no offer
        data["offers"] = {
            "@type": "Offer",
            "price": price.price,
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock",
            "url": page_url,
            "seller": producer,
        }
    return data


# How many help requests one network address may send a day.
HELP_REQUESTS_PER_DAY = 3


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def help_request(request):
    """A farmer asks for help to open a shop on postmart.vn or voso.vn: a draft producer
    and its onboarding record, proposed; then the page of what happens next."""
    platforms = Platform.objects.public().filter(slug__in=HELP_PLATFORMS)
    form = HelpRequestForm(request.POST or None, platforms=platforms)
    refused = ""
    if request.method == "POST":
        if over_limit(request, "help_request", limit=HELP_REQUESTS_PER_DAY):
            refused = gettext(
                "Địa chỉ mạng này đã gửi nhiều đăng ký trong hôm nay. Xin thử lại sau 24 giờ, "
                "hoặc đến bưu cục gần nhất để được hướng dẫn."
            )
        elif form.is_valid():
            data = form.cleaned_data
            platform = form.chosen_platform
            try:
                register_help_request(
                    name=data["name"],
                    phone=data["phone"],
                    commune=data["commune"],
                    produce=data["produce"],
                    platform=platform,
                )
            except ValidationError as error:
                form.add_error("commune", error)
            else:
                record_submission(request, "help_request", seconds=24 * 3600)
                done = reverse("producers:help_request_done")
                return HttpResponseRedirect(f"{done}?san={platform.slug}" if platform else done)
    status = 429 if refused else 200
    return render(request, "producers/help_request.html", {"form": form, "refused": refused}, status=status)


@never_cache
def help_request_done(request):
    """What happens after a help request; names the chosen platform's company when known."""
    platform = (
        Platform.objects.public().filter(slug__in=HELP_PLATFORMS, slug=request.GET.get("san", "")).first()
    )
    return render(request, "producers/help_request_done.html", {"platform": platform})
