from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve

from camnang import opendata, reports, views
from camnang.sitemaps import all_sitemaps

SITEMAPS = all_sitemaps()

opendata_patterns = [
    path("", opendata.open_data_index, name="index"),
    path("<slug:dataset>.csv", opendata.dataset_csv, name="csv"),
    path("<slug:dataset>.json", opendata.dataset_json, name="json"),
    path("xa-phuong/<slug:commune>/<slug:dataset>.csv", opendata.dataset_csv, name="commune_csv"),
    path("xa-phuong/<slug:commune>/<slug:dataset>.json", opendata.dataset_json, name="commune_json"),
    path("<slug:district>/<slug:dataset>.csv", opendata.dataset_csv, name="district_csv"),
    path("<slug:district>/<slug:dataset>.json", opendata.dataset_json, name="district_json"),
]

report_patterns = [
    path("<slug:kind>/<slug:slug>/", reports.report_error, name="report_error"),
    path("<slug:kind>/<slug:slug>/da-gui/", reports.report_error_sent, name="report_error_sent"),
]

# Pages citizens read: Vietnamese at the root, English under /en/.
public_patterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("du-lieu-mo/", include((opendata_patterns, "opendata"))),
    path(settings.REPORT_URL.lstrip("/"), include(report_patterns)),
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
    # Staff work in Vietnamese, outside the language prefix; the staff pages the apps
    # register are mounted by the admin site (camnang.admin).
    path(settings.STAFF_URL.lstrip("/"), admin.site.urls),
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
