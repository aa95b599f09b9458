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
        from core.contributions import contribute, view_page
        from core.staff_pages import StaffPage

        contribute(
            # The banner kit's "with my partner tag" choice.
            query_parameters=(BANNER_PARTNER_PARAMETER,),
            # What public pages show; the plan tracker's records and the referral counters are staff-only.
            watched=(Campaign, HandbookChapter, Banner, PartnerSite, Organisation, NewsPost),
            sitemaps={"handbook": ChapterSitemap, "news": NewsSitemap},
            public_rows={"news": NewsPost.objects.public},
            pages=(
                view_page(
                    staff_views.plan_dashboard,
                    "ke-hoach/",
                    _("Kế hoạch truyền thông: chỉ tiêu và báo cáo"),
                    _("hoạt động theo từng kỳ, hạn nộp báo cáo"),
                    permission="campaigns.view_activity",
                ),
                view_page(
                    staff_views.producer_onboarding,
                    "ke-hoach/dua-len-san/",
                    staff_views.ONBOARDING_TITLE,
                    _("số hộ qua từng bước theo địa bàn, doanh nghiệp; hộ cần theo dõi"),
                    permission="producers.view_onboarding",
                ),
                StaffPage(
                    name="banner_kit",
                    url_name="campaigns:banners",
                    title=_("Bộ banner cho trang đối tác"),
                    summary=_("ảnh các cỡ, mã nhúng"),
                ),
            ),
        )

        # The referral middleware caches partners' tags and hosts; drop it when they change.
        post_save.connect(forget_partner_map, sender=PartnerSite, dispatch_uid="campaigns-partner-saved")
        post_delete.connect(forget_partner_map, sender=PartnerSite, dispatch_uid="campaigns-partner-deleted")
