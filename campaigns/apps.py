from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Chiến dịch truyền thông")

    def ready(self):
        from campaigns import staff_views
        from campaigns.models import Banner, Campaign, HandbookChapter, NewsPost, Organisation, PartnerSite
        from campaigns.referrals import forget_partner_map
        from campaigns.sitemaps import ChapterSitemap, NewsSitemap
        from campaigns.views import BANNER_PARTNER_PARAMETER
        from core import cache, registry, staff_pages

        # What public pages show; the plan tracker's records and the referral counters are staff-only.
        cache.watch(Campaign, HandbookChapter, Banner, PartnerSite, Organisation, NewsPost)
        registry.sitemaps.register("handbook", ChapterSitemap)
        registry.public_rows.register("news", NewsPost.objects.public)
        registry.sitemaps.register("news", NewsSitemap)

        staff_pages.register(
            staff_pages.StaffPage(
                name="plan_dashboard",
                route="ke-hoach/",
                view=staff_views.plan_dashboard,
                title=_("Kế hoạch truyền thông: chỉ tiêu và báo cáo"),
                summary=_("hoạt động theo từng kỳ, hạn nộp báo cáo"),
                permission="campaigns.view_activity",
            ),
            staff_pages.StaffPage(
                name="producer_onboarding",
                route="ke-hoach/dua-len-san/",
                view=staff_views.producer_onboarding,
                title=_("Đưa hộ sản xuất lên sàn"),
                summary=_("số hộ qua từng bước theo địa bàn, doanh nghiệp; hộ cần theo dõi"),
                permission="producers.view_onboarding",
            ),
            staff_pages.StaffPage(
                name="banner_kit",
                url_name="campaigns:banners",
                title=_("Bộ banner cho trang đối tác"),
                summary=_("ảnh các cỡ, mã nhúng"),
            ),
        )
        # The banner kit's "with my partner tag" choice.
        cache.query_parameters.register(BANNER_PARTNER_PARAMETER)

        # The referral middleware caches partners' tags and hosts; drop it when they change.
        post_save.connect(forget_partner_map, sender=PartnerSite, dispatch_uid="campaigns-partner-saved")
        post_delete.connect(forget_partner_map, sender=PartnerSite, dispatch_uid="campaigns-partner-deleted")
