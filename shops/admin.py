from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ContactAdminMixin,
    DirectoryAdmin,
    FoldedSearchMixin,
    HistoryAdmin,
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
)
from core.contributions import admin_list_page
from core.list_filters import ChoiceFilter
from shops import services
from shops.models import (
    Category,
    Commune,
    District,
    FormerCommune,
    GoodsWord,
    PostalStaffMember,
    Shop,
    Succession,
    shop_kinds_for,
)


class UnplacedFilter(ChoiceFilter):
    """Records whose current commune is not known yet: staff place them by hand."""

    title = _("xã, phường hiện nay")
    parameter_name = "xa_hien_nay"
    narrowings = {
        "chua": (_("Chưa xác định"), lambda rows: rows.filter(commune__isnull=True)),
        "da": (_("Đã xác định"), lambda rows: rows.filter(commune__isnull=False)),
    }


def unplaced_records_page(model, name: str, title: str, summary: str):
    """The staff page linking to the admin list of a model's records still to be placed
    (UnplacedFilter), with how many of them the user may see."""
    return admin_list_page(
        model,
        name,
        title,
        summary,
        query=f"?{UnplacedFilter.parameter_name}=chua",
        count=lambda user: model.objects.for_user(user).filter(commune__isnull=True).count(),
    )


def out_of_scope(user, rule) -> str:
    return gettext(
        "Bạn chỉ làm việc với dữ liệu của địa bàn mình phụ trách (%(places)s): hãy chọn xã, phường "
        "hiện nay thuộc địa bàn đó."
    ) % {"places": rule.describe_scope(user) or gettext("chưa được phân công địa bàn nào")}


class PlacedAdminMixin:
    """Admin of a record with a place: today's commune chosen from a list, or found from the
    commune as written when that is certain (a divided former commune is left to staff)."""

    autocomplete_fields = ["commune"]

    def get_list_filter(self, request):
        return [UnplacedFilter, *super().get_list_filter(request)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        user, rule = request.user, self.model._default_manager.all()

        class PlacedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                # Today's commune follows from the commune as written when it is certain; the
                # place, so completed, must be one the user works on.
                services.assign_commune(self.instance)
                if self.instance.district_id and not rule.admits_place(user, self.instance):
                    self.add_error(None, gettext("%(message)s") % {"message": out_of_scope(user, rule)})

        return form_class if not user.is_authenticated else PlacedForm

    def save_model(self, request, obj, form, change):
        services.assign_commune(obj)
        super().save_model(request, obj, form, change)


# What identifies an administrative unit, first on its page.
UNIT_FIELDS = ["name", "short_name", "slug", "code", "kind", "province_code"]


@admin.register(District)
class DistrictAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["name", "code", "kind", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["kind", "is_active"]
    ordering = ["position", "code"]
    fields = [*UNIT_FIELDS, "position", "is_active", "note", "editors"]
    filter_horizontal = ["editors"]


@admin.register(Commune)
class CommuneAdmin(ScopedAdminMixin, FoldedSearchMixin, HistoryAdmin):
    """Today's communes and wards (official reference data from `load_places`)."""

    list_display = ["name", "code", "kind", "former_districts", "is_active"]
    list_filter = ["kind", "is_active", "districts"]
    search_help_text = _("Tìm theo tên xã, phường hiện nay hoặc tên xã cũ; có dấu hay không dấu đều được.")
    fields = [*UNIT_FIELDS, "is_active", "districts", "editors"]
    readonly_fields = ["code", "kind", "province_code", "districts"]
    filter_horizontal = ["editors"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("districts")

    def has_add_permission(self, request):
        return False  # official units come from `manage.py load_places`

    @admin.display(description=_("khu vực huyện cũ"))
    def former_districts(self, obj):
        return ", ".join(district.short_name for district in obj.districts.all())


class SuccessionInline(admin.TabularInline):
    model = Succession
    extra = 0
    fields = ["current", "is_default"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("Nay thuộc")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FormerCommune)
class FormerCommuneAdmin(admin.ModelAdmin):
    """The communes as they stood until 30 June 2025 and the crosswalk: read only."""

    list_display = ["name", "code", "district", "successor_names"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name", "key"]
    inlines = [SuccessionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("successors")

    @admin.display(description=_("nay thuộc"))
    def successor_names(self, obj):
        return ", ".join(commune.name for commune in obj.successors.all())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(GoodsWord)
class GoodsWordAdmin(admin.ModelAdmin):
    """What people type for a thing, and the categories and shop kinds it also finds."""

    list_display = ["words", "finds"]
    search_fields = ["words", "finds", "key"]
    fields = ["words", "finds"]


@admin.register(Shop)
class ShopAdmin(PlacedAdminMixin, ContactAdminMixin, ScopedAdminMixin, SpreadsheetAdminMixin, DirectoryAdmin):
    importer_key = "cua-hang"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # A postal company's staff member keeps their company's sale points: only that kind.
        kinds = shop_kinds_for(request.user)
        if db_field.name == "kind" and kinds is not None:
            kwargs["choices"] = [(value, label) for value, label in db_field.choices if value in kinds]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kinds = shop_kinds_for(request.user)
        if kinds:
            initial.setdefault("kind", kinds[0])
        return initial

    list_display = [
        "name", "kind", "district", "commune", "phone_number", "status", "verified_on", "updated_at"
    ]  # fmt: skip
    list_filter = ["status", "district", "kind", "categories", "home_delivery", "pickup"]
    list_select_related = ["district", "commune"]
    filter_horizontal = ["categories"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "verified_on"]}),
        (_("Địa chỉ"), {"fields": ["district", "commune", "commune_name", "address"]}),
        (_("Liên hệ"), {"fields": ["phone", "extra_phones", "zalo", "website", "facebook"]}),
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
    """The former districts a district editor works on, set from the user's page."""

    model = District.editors.through
    extra = 0
    verbose_name = _("khu vực huyện cũ phụ trách")
    verbose_name_plural = _(
        "Khu vực huyện cũ phụ trách (biên tập viên cấp huyện chỉ làm việc với dữ liệu của các huyện này)"
    )


class StaffCommuneInline(admin.TabularInline):
    """The current communes a commune editor works on, set from the user's page."""

    model = Commune.editors.through
    extra = 0
    autocomplete_fields = ["commune"]
    verbose_name = _("xã, phường phụ trách")
    verbose_name_plural = _(
        "Xã, phường phụ trách (biên tập viên cấp xã chỉ làm việc với dữ liệu của các xã này)"
    )


class PostalCompanyInline(admin.StackedInline):
    """The postal company a postal staff member works for, set from the user's page."""

    model = PostalStaffMember
    extra = 0
    max_num = 1
    can_delete = True
    verbose_name_plural = _(
        "Doanh nghiệp bưu chính (nhân viên bưu chính chỉ làm việc với điểm bán hàng thiết yếu của doanh "
        "nghiệp mình)"
    )


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffDistrictInline, StaffCommuneInline, PostalCompanyInline]
