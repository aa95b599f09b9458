from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CamnangConfig(AppConfig):
    name = "camnang"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from camnang import staff
        from camnang.views import SearchForm
        from core import staff_pages
        from core.cache import query_parameters

        # Page numbers (core.pagination) and the search form.
        query_parameters.register("page", *SearchForm.base_fields)
        staff_pages.register(
            staff_pages.StaffPage(
                name="verification_queue",
                route="can-xac-minh/",
                view=staff.verification_queue,
                title=_("Cửa hàng, cơ sở cần xác minh lại"),
                summary=_("đang công bố, chưa xác minh trong 90 ngày"),
            )
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin, with the portal's own site (camnang.sites.PortalAdminSite)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "camnang.sites.PortalAdminSite"
