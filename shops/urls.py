from django.urls import path

from shops import views

app_name = "shops"
urlpatterns = [
    path("dia-ban/", views.DistrictListView.as_view(), name="districts"),
    path("dia-ban/<slug:slug>/", views.DistrictDetailView.as_view(), name="district"),
    path("cua-hang/<slug:slug>/", views.ShopDetailView.as_view(), name="shop"),
]
