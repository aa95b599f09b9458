from django.urls import path

from shops import views
from shops.models import Commune

app_name = "shops"
urlpatterns = [
    path("dia-ban/", views.DistrictListView.as_view(), name="districts"),
    path("dia-ban/<slug:slug>/", views.DistrictDetailView.as_view(), name="district"),
    path("dia-ban/<slug:slug>/in/", views.DistrictPrintView.as_view(), name="district_print"),
    path("dia-ban/<slug:slug>/qr.svg", views.place_qr, name="district_qr"),
    path("xa-phuong/<slug:slug>/", views.CommuneDetailView.as_view(), name="commune"),
    path("xa-phuong/<slug:slug>/in/", views.CommunePrintView.as_view(), name="commune_print"),
    path("xa-phuong/<slug:slug>/qr.svg", views.place_qr, {"model": Commune}, name="commune_qr"),
    path("doi-dia-chi/", views.address_lookup, name="address_lookup"),
    path("doi-dia-chi.json", views.address_lookup_json, name="address_lookup_json"),
    path("cua-hang/<slug:slug>/", views.ShopDetailView.as_view(), name="shop"),
    path("cua-hang/<slug:slug>/qr.svg", views.shop_qr, name="shop_qr"),
]
