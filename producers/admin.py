from django.contrib import admin
from django.db.models import Count
from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ContactAdminMixin,
    DirectoryAdmin,
    HistoryAdmin,
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
)
from core.text import thousands
from producers.models import Listing, Platform, Producer, Product, ProductPrice
from shops.admin import PlacedAdminMixin


class ListingInline(admin.TabularInline):
    model = Listing
    extra = 0
    fields = ["platform", "product", "url", "is_active", "clicks"]
    readonly_fields = ["clicks"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this producer's own products can be linked from its page.
        products = formset.form.base_fields.get("product")
        if products is not None:
            products.queryset = Product.objects.filter(producer=obj) if obj else Product.objects.none()
        return formset


class ProductListingInline(admin.TabularInline):
    model = Listing
    fk_name = "product"
    extra = 0
    fields = ["platform", "url", "is_active", "clicks"]
    readonly_fields = ["clicks"]


class ProductPriceInline(admin.TabularInline):
    """A product's prices, newest first; reached only through a product the user may edit."""

    model = ProductPrice
    extra = 1
    fields = ["observed_on", "price", "unit", "source", "source_note"]


class ProductInline(admin.StackedInline):
    model = Product
    extra = 0
    show_change_link = True
    fields = [
        ("name", "status"),
        ("category", "ocop_stars"),
        "unit",
        "harvest_months",
        "description",
        ("photo", "photo_alt"),
    ]


@admin.register(Producer)
class ProducerAdmin(
    PlacedAdminMixin, ContactAdminMixin, ScopedAdminMixin, SpreadsheetAdminMixin, DirectoryAdmin
):
    importer_key = "co-so-san-xuat"
    list_display = [
        "name", "kind", "district", "commune", "phone_number", "product_count", "status", "verified_on"
    ]  # fmt: skip
    list_filter = ["status", "district", "kind", "listings__platform"]
    list_select_related = ["district", "commune"]
    inlines = [ProductInline, ListingInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "verified_on"]}),
        (
            _("Địa chỉ và liên hệ"),
            {
                "fields": [
                    "representative",
                    "district",
                    "commune",
                    "commune_name",
                    "address",
                    "phone",
                    "extra_phones",
                    "zalo",
                ]
            },
        ),
        (_("Giới thiệu"), {"fields": ["description", "photo", "photo_alt"]}),
        (_("Khác"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        # Ordered explicitly: with the count's GROUP BY the model's default ordering no longer
        # applies, and autocomplete pages need an ordered list.
        queryset = super().get_queryset(request).annotate(product_total=Count("products", distinct=True))
        return queryset.order_by(*Producer._meta.ordering)

    @admin.display(description=_("số sản phẩm"), ordering="product_total")
    def product_count(self, obj):
        return obj.product_total


def price_summary(price) -> str:
    """ "35.000 đ / kg, 12/11/2026" for a list column."""
    unit = f" / {price.unit_label}" if price.unit_label else ""
    return f"{thousands(price.price)} đ{unit}, {format_date(price.observed_on, 'd/m/Y')}"


@admin.register(Product)
class ProductAdmin(ScopedAdminMixin, DirectoryAdmin):
    list_display = ["name", "producer", "category", "ocop_stars", "current_price", "status"]
    list_filter = ["status", "ocop_stars", "category", "producer__district"]
    list_select_related = ["producer", "category"]
    autocomplete_fields = ["producer"]
    inlines = [ProductPriceInline, ProductListingInline]
    fields = [
        "name",
        "slug",
        "producer",
        "status",
        "verified_on",
        "category",
        "ocop_stars",
        "harvest_months",
        "unit",
        "description",
        ("photo", "photo_alt"),
        ("created_at", "updated_at"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_recent_prices()

    @admin.display(description=_("giá tham khảo mới nhất"))
    def current_price(self, obj):
        return price_summary(obj.latest_price) if obj.latest_price else "—"

    def save_formset(self, request, form, formset, change):
        if formset.model is not Listing:
            return super().save_formset(request, form, formset, change)
        # A product's listing always belongs to the product's producer.
        for listing in formset.save(commit=False):
            listing.producer = form.instance.producer
            listing.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(ProductPrice)
class ProductPriceAdmin(ScopedAdminMixin, HistoryAdmin):
    """Every price, to look over by source or date; entered on its product's page."""

    list_display = ["product", "price_display", "observed_on", "source", "source_note"]
    list_filter = ["source", "observed_on", "product__producer__district"]
    list_select_related = ["product", "product__producer"]
    search_fields = ["product__name", "product__producer__name", "source_note"]
    autocomplete_fields = ["product"]
    date_hierarchy = "observed_on"
    fields = [
        "product",
        "observed_on",
        "price",
        "unit",
        "source",
        "source_note",
        ("created_at", "updated_at"),
    ]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description=_("giá"), ordering="price")
    def price_display(self, obj):
        return price_summary(obj)


@admin.register(Platform)
class PlatformAdmin(HistoryAdmin):
    list_display = ["name", "operator", "domain", "position", "is_active", "clicks"]
    list_editable = ["position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["clicks"]


@admin.register(Listing)
class ListingAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ["__str__", "platform", "producer", "product", "is_active", "clicks"]
    list_filter = ["platform", "is_active", "producer__district"]
    list_select_related = ["platform", "producer", "product"]
    search_fields = ["url", "producer__name", "product__name"]
    autocomplete_fields = ["producer", "product"]
    readonly_fields = ["clicks"]
