"""Staff pages, mounted under the admin's prefix (camnang/urls.py)."""

from django.urls import path

from campaigns import staff_views

app_name = "campaigns_staff"
urlpatterns = [
    path("", staff_views.plan_dashboard, name="dashboard"),
    path("dua-len-san/", staff_views.producer_onboarding, name="onboarding"),
]
