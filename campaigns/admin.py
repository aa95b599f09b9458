from datetime import date

from django.contrib import admin, messages
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns import periods, services
from campaigns.banners import SIZES
from campaigns.models import (
    Activity,
    ActivityPhoto,
    ActivityRecord,
    Banner,
    Campaign,
    HandbookChapter,
    NewsPost,
    Organisation,
    PartnerSite,
    ReferralCount,
    ReportSubmission,
)
from core.admin import ScopedAdminMixin, publish, unpublish
from core.list_filters import ChoiceFilter


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "message", "start_date", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name", "message"]
    prepopulated_fields = {"slug": ["name"]}


def _preview_link(obj):
    if not obj.pk:
        return "–"
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Xem trước")
    )


@admin.register(HandbookChapter)
class HandbookChapterAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "campaign", "position", "status", "updated_at", "preview"]
    list_editable = ["position"]
    list_filter = ["status", "audience", "campaign"]
    list_select_related = ["campaign"]
    search_fields = ["title", "summary", "body"]
    actions = [publish, unpublish]
    readonly_fields = ["preview", "rendered_toc", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "campaign", "audience", "position", "status", "preview"]}),
        (_("Nội dung"), {"fields": ["summary", "body", "rendered_toc"]}),
        (_("Khác"), {"fields": ["created_at", "updated_at"]}),
    ]
    save_on_top = True

    @admin.display(description=_("xem trên trang"))
    def preview(self, obj):
        return _preview_link(obj)

    @admin.display(description=_("mục lục tạo từ đề mục"))
    def rendered_toc(self, obj):
        if not obj.toc:
            return _("(chưa có đề mục ##)")
        return format_html_join(", ", "{}", ((entry["title"],) for entry in obj.toc))


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "thumbnail", "is_active", "position", "updated_at"]
    list_editable = ["is_active", "position"]
    list_filter = ["is_active", "campaign"]
    search_fields = ["title", "alt_text"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["generated_sizes", "created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "campaign",
        "alt_text",
        "master",
        "add_words",
        "background",
        "is_active",
        "position",
        "generated_sizes",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The sizes are files in MEDIA made from the master: rebuild them whenever it may have changed.
        if obj.master and not services.banner_files_current(obj):
            services.generate_banner_files(banner=obj)
            messages.info(request, _("Đã tạo lại các kích thước banner từ ảnh gốc."))

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        if not obj.master:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="150" height="79" style="object-fit:contain">',
            obj.image_url(1200, 630),
        )

    @admin.display(description=_("các kích thước"))
    def generated_sizes(self, obj):
        if not obj.pk or not obj.master:
            return _("Lưu với ảnh gốc để tạo các kích thước.")
        links = format_html_join(
            " · ",
            '<a href="{}">{}×{}</a>',
            ((obj.image_url(s.width, s.height), s.width, s.height) for s in SIZES),
        )
        return format_html('{} · <a href="{}">{}</a>', links, obj.zip_url(), _("tải tất cả (.zip)"))


class ReferralInline(admin.TabularInline):
    model = ReferralCount
    extra = 0
    fields = ["month", "visits"]
    readonly_fields = ["month", "visits"]
    can_delete = False
    max_num = 0
    ordering = ["-month"]


@admin.action(description=_("Đánh dấu đã thấy banner hôm nay"), permissions=["change"])
def mark_banner_seen(modeladmin, request, queryset):
    count = queryset.update(
        banner_installed=True, banner_seen_on=timezone.localdate(), updated_at=timezone.now()
    )
    modeladmin.message_user(
        request, ngettext("Đã cập nhật %d trang.", "Đã cập nhật %d trang.", count) % count
    )


@admin.register(PartnerSite)
class PartnerSiteAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "website_link",
        "referral_tag",
        "banner_installed",
        "banner_seen_on",
        "visits_total",
    ]
    list_filter = ["banner_installed", "organisation__kind"]
    search_fields = ["name", "website", "referral_tag", "contact_person"]
    prepopulated_fields = {"referral_tag": ["name"]}
    autocomplete_fields = ["organisation"]
    actions = [mark_banner_seen]
    inlines = [ReferralInline]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "website", "referral_tag", "position"]}),
        (_("Banner"), {"fields": ["banner_installed", "banner_seen_on", "snippet_link"]}),
        (_("Liên hệ"), {"fields": ["contact_person", "contact_email", "contact_phone", "notes"]}),
    ]
    readonly_fields = ["snippet_link"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(visit_sum=Sum("referrals__visits"))

    @admin.display(description=_("trang web"), ordering="website")
    def website_link(self, obj):
        if not obj.website:
            return "–"
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', obj.website, obj.website_host
        )

    @admin.display(description=_("tổng lượt truy cập"), ordering="visit_sum")
    def visits_total(self, obj):
        return obj.visit_sum or 0

    @admin.display(description=_("mã nhúng cho đơn vị"))
    def snippet_link(self, obj):
        if not obj.pk:
            return "–"
        url = reverse("campaigns:banners") + f"?doi-tac={obj.referral_tag}"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Mở bộ banner với mã của đơn vị")
        )


class MonthFilter(admin.SimpleListFilter):
    title = _("tháng")
    parameter_name = "thang"

    def lookups(self, request, model_admin):
        months = ReferralCount.objects.order_by("-month").values_list("month", flat=True).distinct()
        return [(m.isoformat(), f"{m:%m/%Y}") for m in months]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            month = date.fromisoformat(self.value())
        except ValueError:  # a malformed month in the URL shows nothing rather than an error
            return queryset.none()
        return queryset.filter(month=month)


@admin.register(ReferralCount)
class ReferralCountAdmin(admin.ModelAdmin):
    """Read-only report: visits per partner and month, with the total of what is shown."""

    list_display = ["partner", "month_label", "visits"]
    list_filter = [MonthFilter, "partner"]
    list_select_related = ["partner"]
    search_fields = ["partner__name", "partner__referral_tag"]
    change_list_template = "admin/campaigns/referralcount/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tháng"), ordering="month")
    def month_label(self, obj):
        return f"{obj.month:%m/%Y}"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            queryset = changelist.queryset
            response.context_data["visit_total"] = queryset.aggregate(total=Sum("visits"))["total"] or 0
            if queryset.filter(is_demo=True).exists():
                response.context_data["staff_demo_notice"] = _(
                    "Danh sách có số lượt minh họa (do lệnh nạp dữ liệu minh họa tạo ra), "
                    "không phải lượt thật."
                )
            response.context_data["partner_total"] = queryset.values("partner").distinct().count()
        return response


class ExistenceFilter(ChoiceFilter):
    title = _("tình trạng")
    parameter_name = "tinh-trang"
    narrowings = {
        "dang-hoat-dong": (_("Đang hoạt động"), lambda organisations: organisations.current()),
        "da-giai-the": (_("Đã giải thể, hợp nhất"), lambda organisations: organisations.ceased()),
    }


def _admin_links(organisations) -> str:
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("admin:campaigns_organisation_change", args=[o.pk]), o.name) for o in organisations),
    )


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "valid_from",
        "valid_until",
        "successor",
        "submits_reports",
        "position",
    ]
    list_editable = ["submits_reports", "position"]
    list_filter = [ExistenceFilter, "kind", "submits_reports"]
    list_select_related = ["successor"]
    search_fields = ["name", "short_name", "source", "district__name", "commune__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["successor"]
    readonly_fields = ["predecessor_list", "commune_committees"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "short_name",
                    "slug",
                    "kind",
                    "district",
                    "commune",
                    "submits_reports",
                    "position",
                ]
            },
        ),
        (
            _("Thời gian hoạt động"),
            {
                "fields": [
                    ("valid_from", "valid_until"),
                    "successor",
                    "predecessor_list",
                    "commune_committees",
                    "source",
                ]
            },
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (
            request.GET.get("model_name") == "activityrecord"
            and request.GET.get("field_name") == "organisation"
        ):
            # A record goes to a unit of today; ActivityRecord.clean() checks it against the record's date.
            queryset = queryset.current()
        return queryset, may_have_duplicates

    @admin.display(description=_("trước đây là"))
    def predecessor_list(self, obj):
        predecessors = obj.predecessors.order_by("position", "name") if obj.pk else []
        return _admin_links(predecessors) or "–"

    @admin.display(description=_("nhiệm vụ nay chuyển cho"))
    def commune_committees(self, obj):
        """A district committee has no single successor: its communes' committees took over."""
        if not obj.pk or not obj.district_id:
            return "–"
        committees = Organisation.objects.filter(commune__districts=obj.district_id).order_by("name")
        if not committees:
            return _("Chưa có UBND xã, phường nào được ghi cho địa bàn huyện cũ.")
        return format_html(
            "{}<br>{}",
            _("UBND các xã, phường trên địa bàn huyện cũ, từ 01/07/2025:"),
            _admin_links(committees),
        )


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "channel", "target", "start_date", "lead_count", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = ["channel", "campaign", "target_period", "is_active"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["lead_organisations", "coordinating_organisations"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "campaign", "channel", "start_date", "is_active", "position"]}),
        (
            _("Chỉ tiêu"),
            {
                "fields": [
                    ("target_count", "target_period"),
                    "target_note",
                    ("target_set_by", "target_set_on"),
                ]
            },
        ),
        (_("Đơn vị"), {"fields": ["lead_organisations", "coordinating_organisations"]}),
        (_("Nội dung"), {"fields": ["description", "source"]}),
    ]
    readonly_fields = ["target_set_by", "target_set_on"]

    def save_model(self, request, obj, form, change):
        if {"target_count", "target_period"} & set(form.changed_data):
            obj.set_target_by(request.user, timezone.localdate())
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(leads=Count("lead_organisations", distinct=True))

    @admin.display(description=_("chỉ tiêu"))
    def target(self, obj):
        return obj.target_label

    @admin.display(description=_("số đơn vị chủ trì"), ordering="leads")
    def lead_count(self, obj):
        return obj.leads


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 1
    fields = ["image", "caption"]


@admin.register(ActivityRecord)
class ActivityRecordAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "date",
        "title",
        "activity",
        "organisation",
        "evidence_kind",
        "participants",
        "photo_count",
    ]
    # Only units with records: the list of every unit of every period would be too long to use.
    list_filter = [
        "activity__channel",
        "activity",
        "organisation__kind",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["activity", "organisation"]
    search_fields = ["title", "notes", "organisation__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["organisation", "trained_producers"]
    inlines = [ActivityPhotoInline]
    readonly_fields = ["recorded_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["activity", "organisation", "date", "title"]}),
        (_("Minh chứng"), {"fields": ["link", "evidence"]}),
        (_("Tập huấn"), {"fields": ["participants", "trained_producers"], "classes": ["collapse"]}),
        (_("Khác"), {"fields": ["notes", "recorded_by", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photos_n=Count("photos"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("minh chứng"))
    def evidence_kind(self, obj):
        kinds = [label for present, label in ((obj.link, _("liên kết")), (obj.evidence, _("tệp"))) if present]
        return ", ".join(str(k) for k in kinds) or "–"

    @admin.display(description=_("ảnh"), ordering="photos_n")
    def photo_count(self, obj):
        return obj.photos_n


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "period_label", "deadline_label", "submitted_on", "on_time"]
    list_filter = ["kind", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name", "notes"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "submitted_on"

    @admin.display(description=_("kỳ"), ordering="period")
    def period_label(self, obj):
        return obj.period_label

    @admin.display(description=_("hạn nộp (trước ngày)"))
    def deadline_label(self, obj):
        return f"{obj.deadline:%d/%m/%Y}"

    @admin.display(description=_("đúng hạn"), boolean=True)
    def on_time(self, obj):
        return obj.submitted_on < periods.report_deadline(obj.kind, obj.period)


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "published_on",
        "status",
        "author_unit",
        "campaign",
        "is_demo",
        "preview",
    ]
    list_filter = ["status", "campaign", "author_unit__kind", "is_demo"]
    list_select_related = ["author_unit", "campaign"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["author_unit"]
    actions = [publish, unpublish]
    readonly_fields = ["preview", "is_demo", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "status",
                    "published_on",
                    "campaign",
                    "author_unit",
                    "is_demo",
                    "preview",
                ]
            },
        ),
        (_("Nội dung"), {"fields": ["summary", "body"]}),
        (_("Ảnh bìa"), {"fields": ["cover", "cover_alt"]}),
        (_("Khác"), {"fields": ["created_at", "updated_at"]}),
    ]
    save_on_top = True

    @admin.display(description=_("xem trên trang"))
    def preview(self, obj):
        return _preview_link(obj)
