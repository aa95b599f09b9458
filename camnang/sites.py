"""The staff site: the admin under /quan-tri/ with its Vietnamese titles and the staff
pages the apps register (core.staff_pages), listed on its home page."""

from django.contrib import admin
from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core import staff_pages


class PortalAdminSite(admin.AdminSite):
    site_header = _("Quản trị Cẩm nang mua bán hàng online")
    site_title = _("Quản trị Cẩm nang")
    index_title = _("Danh mục quản lý")

    def get_urls(self):
        pages = [
            path(page.route, self.admin_view(self.guarded(page), cacheable=page.cacheable), name=page.name)
            for page in staff_pages.PAGES
            if page.view is not None
        ]
        return [*pages, *super().get_urls()]

    @staticmethod
    def guarded(page):
        """The page's view behind its permission: 403 for staff without it."""
        if not page.permission:
            return page.view
        return permission_required(page.permission, raise_exception=True)(page.view)

    def index(self, request, extra_context=None):
        links = [
            {
                "title": page.title,
                "summary": page.summary,
                "url": reverse(page.url_name or f"{self.name}:{page.name}") + page.query,
                "count": page.count(request.user) if page.count else None,
            }
            for page in staff_pages.listed_for(request.user)
        ]
        return super().index(request, {"staff_pages": links, **(extra_context or {})})
