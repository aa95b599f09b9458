"""Every staff list, add page and staff page, opened as each role, against the role table
of the README ("Roles"): what a role may open answers 200, everything else 403.

The table below is written out by hand from the README, not computed from
camnang/roles.py, so a change to either that the other does not follow fails here.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from camnang import roles
from camnang.tests.utils import staff_user

pytestmark = pytest.mark.django_db

ALL = {"view", "add"}
VIEW = {"view"}
# The local directory work of district and commune editors (README: Roles).
LOCAL = {
    "shops.shop": ALL,
    "shops.commune": VIEW,
    "producers.producer": ALL,
    "producers.product": ALL,
    "producers.productprice": ALL,
    "producers.listing": ALL,
    "producers.onboarding": ALL,
    "camnang.errorreport": VIEW,
    "campaigns.activity": VIEW,
    "campaigns.organisation": VIEW,
    "campaigns.activityrecord": ALL,
}
TABLE = {
    roles.PROVINCIAL_EDITORS: {
        **{
            label: ALL
            for label in (
                "shops.district",
                "shops.commune",
                "shops.formercommune",
                "shops.category",
                "shops.goodsword",
                "shops.shop",
                "producers.producer",
                "producers.product",
                "producers.productprice",
                "producers.platform",
                "producers.listing",
                "producers.onboarding",
                "campaigns.campaign",
                "campaigns.handbookchapter",
                "campaigns.banner",
                "campaigns.partnersite",
                "campaigns.referralcount",
                "campaigns.organisation",
                "campaigns.activity",
                "campaigns.activityrecord",
                "campaigns.reportsubmission",
                "campaigns.newspost",
            )
        },
        "camnang.errorreport": VIEW,
    },
    roles.DISTRICT_EDITORS: LOCAL,
    roles.COMMUNE_EDITORS: LOCAL,
    roles.POSTAL_STAFF: {
        "shops.shop": ALL,
        "shops.commune": VIEW,
        "producers.producer": ALL,
        "producers.product": ALL,
        "producers.productprice": ALL,
        "producers.listing": ALL,
        "producers.platform": VIEW,
        "producers.onboarding": VIEW,
        "camnang.errorreport": VIEW,
        "campaigns.activity": VIEW,
        "campaigns.organisation": VIEW,
        "campaigns.activityrecord": ALL,
    },
}
# Staff pages outside the model lists, and the roles that may open them.
STAFF_PAGES = {
    "admin:plan_dashboard": {
        roles.PROVINCIAL_EDITORS,
        roles.DISTRICT_EDITORS,
        roles.COMMUNE_EDITORS,
        roles.POSTAL_STAFF,
    },
    "admin:producer_onboarding": {
        roles.PROVINCIAL_EDITORS,
        roles.DISTRICT_EDITORS,
        roles.COMMUNE_EDITORS,
        roles.POSTAL_STAFF,
    },
}


def admin_pages():
    """(model label, action, URL) of every registered admin's list and add page."""
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        yield model._meta.label_lower, "view", reverse("admin:{}_{}_changelist".format(*info))
        yield model._meta.label_lower, "add", reverse("admin:{}_{}_add".format(*info))


@pytest.mark.parametrize("role", list(TABLE))
def test_every_staff_page_answers_each_role_as_the_role_table_says(role, districts, admin_client):
    user = staff_user(role, districts["ha-trung"], username="vaitro")
    client = Client()
    client.force_login(user)
    wrong = []
    for label, action, url in admin_pages():
        if admin_client.get(url).status_code == 403:
            continue  # nobody adds these rows in the admin (counters, reports from citizens)
        expected = 200 if action in TABLE[role].get(label, set()) else 403
        status = client.get(url).status_code
        if status != expected:
            wrong.append(f"{action} {label}: {status}, expected {expected}")
    for name, allowed in STAFF_PAGES.items():
        expected = 200 if role in allowed else 403
        status = client.get(reverse(name)).status_code
        if status != expected:
            wrong.append(f"{name}: {status}, expected {expected}")
    assert not wrong, f"{role}:\n  " + "\n  ".join(wrong)


def test_the_table_names_only_admins_that_exist():
    labels = {model._meta.label_lower for model in admin.site._registry}
    for access in TABLE.values():
        assert set(access) <= labels, set(access) - labels
