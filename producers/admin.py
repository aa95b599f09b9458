from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    ContactAdminMixin,
    DirectoryAdmin,
    HistoryAdmin,
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
)
from core.text import thousands
from producers import services
from producers.models import Listing, Onboarding, OnboardingStep, Platform, Producer, Product, ProductPrice
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


# --- Onboarding ---------------------------------------------------------------------


class OnboardingStepInline(admin.TabularInline):
    """The record's history, read-only: steps are written by moving the record (below)."""

    model = OnboardingStep
    extra = 0
    fields = ["stage", "day", "by", "reason", "note", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the record sees its steps (the parent admin checks the scope).
        return request.user.has_perm("producers.view_onboarding") or super().has_view_permission(request, obj)


class OnboardingForm(forms.ModelForm):
    """The record's fields, and the next move (producers.services.move_onboarding)."""

    move_to = forms.ChoiceField(label=_("Chuyển sang bước"), required=False)
    move_day = forms.DateField(
        label=_("Ngày của bước mới"), required=False, help_text=_("Để trống là hôm nay.")
    )
    move_reason = forms.CharField(label=_("Lý do từ chối"), required=False, max_length=255)
    shop_url = forms.URLField(
        label=_("Địa chỉ gian hàng trên sàn"),
        required=False,
        max_length=500,
        help_text=_("Khi chuyển sang “Đã mở gian hàng”: địa chỉ gian hàng của hộ, thuộc tên miền của sàn."),
    )
    move_note = forms.CharField(
        label=_("Ghi chú của bước"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Onboarding
        fields = ["producer", "platform", "assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "move_to" in self.fields:
            stages = dict(Onboarding.Stage.choices)
            self.fields["move_to"].choices = [("", "—")] + [
                (stage, stages[stage]) for stage in services.allowed_stages(self.instance)
            ]
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = get_user_model().objects.filter(is_staff=True, is_active=True)

    def clean(self):
        data = super().clean()
        stage = data.get("move_to")
        if stage and not self.errors:
            if "platform" in data:
                self.instance.platform = data["platform"]
            try:
                services.check_move(
                    self.instance,
                    stage,
                    day=data.get("move_day") or timezone.localdate(),
                    reason=data.get("move_reason", ""),
                    shop_url=data.get("shop_url", ""),
                )
            except ValidationError as error:
                self.add_error("move_to", error)
        return data


@admin.action(description=_("Rút đồng ý: xóa thông tin cá nhân"), permissions=["change"])
def withdraw_consent(modeladmin, request, queryset):
    count = 0
    for onboarding in queryset.filter(withdrawn_on=None).select_related("producer"):
        services.withdraw_consent(onboarding, user=request.user)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("Đã xóa thông tin cá nhân của %d hộ.", "Đã xóa thông tin cá nhân của %d hộ.", count) % count,
        level=messages.WARNING,
    )


@admin.register(Onboarding)
class OnboardingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Households on their way onto the platforms, scoped by their producers' places."""

    form = OnboardingForm
    list_display = [
        "producer", "district", "commune", "stage", "stage_on", "platform", "assignee", "self_registered",
        "withdrawn_on",
    ]  # fmt: skip
    list_filter = ["stage", "platform", "self_registered", "producer__district"]
    list_select_related = ["producer", "producer__district", "producer__commune", "platform", "assignee"]
    search_fields = ["producer__name", "producer__commune__name", "producer__commune_name"]
    autocomplete_fields = ["producer"]
    date_hierarchy = "stage_on"
    actions = [withdraw_consent]
    inlines = [OnboardingStepInline]
    readonly_fields = [
        "stage", "stage_on", "listing_link", "decline_reason", "self_registered", "consent_at",
        "withdrawn_on", "created_at", "updated_at",
    ]  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        record = [
            "producer", "platform", "assignee", ("stage", "stage_on"), "decline_reason", "listing_link",
            ("self_registered", "consent_at", "withdrawn_on"), ("created_at", "updated_at"),
        ]  # fmt: skip
        if obj is None:
            return [(None, {"fields": ["producer", "platform", "assignee"]})]
        fieldsets = [(None, {"fields": record})]
        if self.has_change_permission(request, obj) and services.allowed_stages(obj):
            move = ["move_to", "move_day", "move_reason", "shop_url", "move_note"]
            fieldsets.append((_("Chuyển bước"), {"fields": move}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "producer"]
        return self.readonly_fields

    @admin.display(description=_("khu vực huyện cũ"), ordering="producer__district")
    def district(self, obj):
        return obj.producer.district

    @admin.display(description=_("xã, phường hiện nay"), ordering="producer__commune")
    def commune(self, obj):
        return obj.producer.commune_label

    @admin.display(description=_("gian hàng trên sàn"))
    def listing_link(self, obj):
        if obj.listing_id is None:
            return "—"
        return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', obj.listing.url)

    def save_model(self, request, obj, form, change):
        if not self.in_scope(request, obj):
            raise PermissionDenied
        data = form.cleaned_data
        with transaction.atomic():
            if not change:
                services.move_onboarding(obj, Onboarding.Stage.PROPOSED, user=request.user)
                return
            obj.save()
            if data.get("move_to"):
                services.move_onboarding(
                    obj,
                    data["move_to"],
                    user=request.user,
                    day=data.get("move_day"),
                    note=data.get("move_note", ""),
                    reason=data.get("move_reason", ""),
                    shop_url=data.get("shop_url", ""),
                )
