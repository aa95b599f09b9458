from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import (
    DirectoryAdmin,
    FoldedSearchMixin,
    HistoryAdmin,
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
)
from shops.models import Category, District, Shop
from shops.resources import ShopResource


@admin.register(District)
class DistrictAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["name", "code", "kind", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["kind", "is_active"]
    ordering = ["position", "code"]
    fields = [
        "name",
        "short_name",
        "slug",
        "code",
        "kind",
        "province_code",
        "position",
        "is_active",
        "note",
        "editors",
    ]
    filter_horizontal = ["editors"]


@admin.register(Category)
class CategoryAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Shop)
class ShopAdmin(ScopedAdminMixin, SpreadsheetAdminMixin, DirectoryAdmin):
    resource_classes = [ShopResource]
    list_display = ["name", "kind", "district", "commune", "phone", "status", "verified_on", "updated_at"]
    list_filter = ["status", "district", "kind", "categories", "home_delivery", "pickup"]
    list_select_related = ["district", "commune"]
    filter_horizontal = ["categories"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "verified_on"]}),
        (_("Địa chỉ"), {"fields": ["district", "commune", "commune_name", "address"]}),
        (_("Liên hệ"), {"fields": ["phone", "zalo", "website", "facebook"]}),
        (_("Hàng hóa"), {"fields": ["categories"]}),
        (
            _("Đặt hàng và giao nhận"),
            {
                "fields": [
                    ("order_by_phone", "order_by_zalo", "order_by_website", "order_by_platform"),
                    ("home_delivery", "pickup"),
                    "delivery_area",
                    "opening_hours",
                ]
            },
        ),
        (_("Khác"), {"fields": ["notes", "created_at", "updated_at"]}),
    ]


class StaffDistrictInline(admin.TabularInline):
    """The districts a district editor works on, set from the user's page."""

    model = District.editors.through
    extra = 0
    verbose_name = _("địa bàn phụ trách")
    verbose_name_plural = _("Địa bàn phụ trách (biên tập viên cấp huyện chỉ làm việc với các huyện này)")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffDistrictInline]
