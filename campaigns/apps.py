from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Chiến dịch truyền thông")

    def ready(self):
        from campaigns.models import PartnerSite
        from campaigns.referrals import forget_partner_map
        from campaigns.views import BANNER_PARTNER_PARAMETER
        from core.cache import query_parameters

        # The banner kit's "with my partner tag" choice.
        query_parameters.register(BANNER_PARTNER_PARAMETER)

        # The referral middleware caches partners' tags and hosts; drop it when they change.
        post_save.connect(forget_partner_map, sender=PartnerSite, dispatch_uid="campaigns-partner-saved")
        post_delete.connect(forget_partner_map, sender=PartnerSite, dispatch_uid="campaigns-partner-deleted")
