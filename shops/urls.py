from django.urls import path

from shops import views

app_name = "shops"
urlpatterns = [
    path("dia-ban/", views.DistrictListView.as_view(), name="districts"),
    path("dia-ban/<slug:slug>/", views.DistrictDetailView.as_view(), name="district"),
    path("dia-ban/<slug:slug>/in/", views.DistrictPrintView.as_view(), name="district_print"),
    path("dia-ban/<slug:slug>/qr.svg", views.district_qr, name="district_qr"),
    path("cua-hang/<slug:slug>/", views.ShopDetailView.as_view(), name="shop"),
    path("cua-hang/<slug:slug>/qr.svg", views.shop_qr, name="shop_qr"),
]
