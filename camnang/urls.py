from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from camnang import views

admin.site.site_header = _("Quản trị Cẩm nang mua bán hàng online")
admin.site.site_title = _("Quản trị Cẩm nang")
admin.site.index_title = _("Danh mục quản lý")

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("", include("shops.urls")),
    path("", include("producers.urls")),
    path("", include("campaigns.urls")),
    path("quan-tri/ke-hoach/", include("campaigns.staff_urls")),
    path("quan-tri/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
