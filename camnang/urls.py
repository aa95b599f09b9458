from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.static import serve

from camnang import opendata, staff, views
from camnang.sitemaps import SITEMAPS
from core import private_files

admin.site.site_header = _("Quản trị Cẩm nang mua bán hàng online")
admin.site.site_title = _("Quản trị Cẩm nang")
admin.site.index_title = _("Danh mục quản lý")

opendata_patterns = [
    path("", opendata.open_data_index, name="index"),
    path("<slug:dataset>.csv", opendata.dataset_csv, name="csv"),
    path("<slug:dataset>.json", opendata.dataset_json, name="json"),
    path("<slug:district>/<slug:dataset>.csv", opendata.dataset_csv, name="district_csv"),
    path("<slug:district>/<slug:dataset>.json", opendata.dataset_json, name="district_json"),
]

# Pages citizens read: Vietnamese at the root, English under /en/.
public_patterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("du-lieu-mo/", include((opendata_patterns, "opendata"))),
    path("", include("shops.urls")),
    path("", include("producers.urls")),
    path("", include("campaigns.urls")),
]

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # Staff work in Vietnamese, outside the language prefix.
    path(
        "quan-tri/can-xac-minh/", admin.site.admin_view(staff.verification_queue), name="verification_queue"
    ),
    path("quan-tri/ke-hoach/", include("campaigns.staff_urls")),
    # Staff-only files, after a permission check; the view sets its own Cache-Control.
    path(
        "quan-tri/tep-noi-bo/<str:app_label>/<str:model_name>/<int:pk>/<str:field_name>/",
        admin.site.admin_view(private_files.private_file, cacheable=True),
        name="private_file",
    ),
    path("quan-tri/", admin.site.urls),
    *i18n_patterns(*public_patterns, prefix_default_language=False),
]

# Public uploads only: staff-only files live outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT).
if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            cache_control(public=True, max_age=7 * 24 * 3600)(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    )
