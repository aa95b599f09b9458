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
        from core.contributions import admin_list_page, contribute, view_page

        contribute(
            # Page numbers (core.pagination) and the search form.
            query_parameters=("page", *SearchForm.base_fields),
            pages=(
                view_page(
                    staff.verification_queue,
                    "can-xac-minh/",
                    _("Cửa hàng, cơ sở cần xác minh lại"),
                    _("đang công bố, chưa xác minh trong 90 ngày, hoặc có người dân báo thông tin chưa đúng"),
                ),
                admin_list_page(
                    ErrorReport,
                    "open_error_reports",
                    _("Người dân báo thông tin chưa đúng"),
                    _("báo cáo đang chờ xử lý, trong phạm vi bạn phụ trách"),
                    query="?state__exact=open",
                    count=lambda user: ErrorReport.objects.for_user(user).open().count(),
                ),
            ),
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin, with the portal's own site (camnang.sites.PortalAdminSite)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "camnang.sites.PortalAdminSite"
