from django.conf import settings
from django.urls import path

from producers import views

app_name = "producers"
# The page cache reads the same prefix from the settings (FORM_URLS).
HELP_REQUEST = settings.HELP_REQUEST_URL.lstrip("/")

urlpatterns = [
    path("nong-san/", views.ProductListView.as_view(), name="products"),
    path("nong-san/dang-vao-mua/", views.InSeasonView.as_view(), name="in_season"),
    path(
        "dia-ban/<slug:slug>/nong-san/", views.DistrictProducerListView.as_view(), name="district_producers"
    ),
    path(
        "dia-ban/<slug:slug>/nong-san/in/",
        views.DistrictProducerPrintView.as_view(),
        name="district_producers_print",
    ),
    path("co-so-san-xuat/<slug:slug>/", views.ProducerDetailView.as_view(), name="producer"),
    path("san-pham/<slug:slug>/", views.ProductDetailView.as_view(), name="product"),
    path("san-thuong-mai/", views.PlatformListView.as_view(), name="platforms"),
    path(HELP_REQUEST, views.help_request, name="help_request"),
    path(f"{HELP_REQUEST}da-gui/", views.help_request_done, name="help_request_done"),
    path("go/<int:pk>/", views.go_listing, name="go"),
    path("go/san/<slug:slug>/", views.go_platform, name="go_platform"),
]
