from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CamnangConfig(AppConfig):
    name = "camnang"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from camnang import staff
        from camnang.models import ErrorReport
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
                summary=_(
                    "đang công bố, chưa xác minh trong 90 ngày, hoặc có người dân báo thông tin chưa đúng"
                ),
            ),
            staff_pages.StaffPage(
                name="open_error_reports",
                url_name="admin:camnang_errorreport_changelist",
                query="?state__exact=open",
                title=_("Người dân báo thông tin chưa đúng"),
                summary=_("báo cáo đang chờ xử lý, trong phạm vi bạn phụ trách"),
                permission="camnang.view_errorreport",
                count=lambda user: ErrorReport.objects.for_user(user).open().count(),
            ),
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin, with the portal's own site (camnang.sites.PortalAdminSite)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "camnang.sites.PortalAdminSite"
