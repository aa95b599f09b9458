from django.urls import path

from producers import views

app_name = "producers"
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
    path("dang-ky-ho-tro-ban-hang/", views.help_request, name="help_request"),
    path("dang-ky-ho-tro-ban-hang/da-gui/", views.help_request_done, name="help_request_done"),
    path("go/<int:pk>/", views.go_listing, name="go"),
    path("go/san/<slug:slug>/", views.go_platform, name="go_platform"),
]
