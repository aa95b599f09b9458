from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ContactAdminMixin,
    DirectoryAdmin,
    HistoryAdmin,
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
)
from producers.models import Listing, Platform, Producer, Product
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


class ProductInline(admin.StackedInline):
    model = Product
    extra = 0
    show_change_link = True
    fields = [
        ("name", "status"),
        ("category", "ocop_stars"),
        ("unit", "price"),
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


@admin.register(Product)
class ProductAdmin(ScopedAdminMixin, DirectoryAdmin):
    list_display = ["name", "producer", "category", "ocop_stars", "price", "status"]
    list_filter = ["status", "ocop_stars", "category", "producer__district"]
    list_select_related = ["producer", "category"]
    autocomplete_fields = ["producer"]
    inlines = [ProductListingInline]
    fields = [
        "name",
        "slug",
        "producer",
        "status",
        "verified_on",
        "category",
        "ocop_stars",
        "harvest_months",
        ("unit", "price"),
        "description",
        ("photo", "photo_alt"),
        ("created_at", "updated_at"),
    ]

    def save_formset(self, request, form, formset, change):
        # A product's listing always belongs to the product's producer.
        for listing in formset.save(commit=False):
            listing.producer = form.instance.producer
            listing.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


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
