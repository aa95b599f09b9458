"""Every staff URL, posted to by each restricted role, changes nothing that role may not change.

The test walks the URL patterns themselves: the admin site's own, every model admin's
(list and actions, add, edit, delete, history and each old version, import and its
confirmation, export, the import template) and the staff pages under /quan-tri/. A
page added later is walked too, and a URL parameter the test cannot fill makes it fail.

For each URL the page is first opened as a superuser, and the forms a browser would
post from it (for an old version, also the record's edit form; for the import
confirmation, a file the superuser just checked) are posted by:

- a user holding every view permission and nothing else (with the province-wide
  scope, so that they reach every record);
- postal staff, who may only view platforms (their own producers, products, prices,
  listings and onboarding records, and the verification of producers, are theirs to
  change and left out);
- a district editor of Hà Trung, against records that are all in another district
  (one of them used to be in Hà Trung).

Every row of every table (history and admin log included, sessions aside) must be the
same afterwards, and no request may fail with a server error.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from camnang import roles
from camnang.tests.utils import staff_user, upload_sheet, xlsx_upload
from core.models import Status
from shops.models import Commune, FormerCommune, GoodsWord, PostalStaffMember, Shop

pytestmark = pytest.mark.django_db

# Tables whose rows are not data anyone edits.
UNWATCHED_APPS = {"sessions"}


# --- The forms a page offers ---------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page that post back to it, as a browser would fill them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            own = a.get("method", "get").lower() == "post" and not a.get("action")
            self._form = {"fields": [], "texts": [], "selectable": [], "options": {}} if own else None
            if own:
                self.forms.append(self._form)
            return
        if tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["selected"].append(a.get("value", ""))
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind == "checkbox" and name == "_selected_action":
                self._form["selectable"].append(a.get("value", "on"))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
            else:
                self._form["fields"].append((name, a.get("value", "")))
                if kind == "text":
                    self._form["texts"].append(name)
        elif tag == "select":
            self._select = {"name": name, "multiple": "multiple" in a, "options": [], "selected": []}
        elif tag == "textarea":
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            select = self._select
            values = select["selected"] or ([] if select["multiple"] else select["options"][:1])
            self._form["fields"] += [(select["name"], value) for value in values]
            self._form["options"][select["name"]] = select["options"]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = self._textarea["text"]
            self._form["fields"].append((self._textarea["name"], text.removeprefix("\n")))
            self._form["texts"].insert(0, self._textarea["name"])
            self._textarea = None


def _as_data(fields) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def page_posts(client, url) -> list[dict]:
    """What a superuser's browser would post from `url`: each form as shown, and with a field edited."""
    response = client.get(url)
    assert response.status_code < 500, f"GET {url} as a superuser: {response.status_code}"
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode())
    posts = []
    for form in parser.forms:
        data = _as_data(form["fields"])
        if form["selectable"]:  # a change list: each action on every row shown, and the list's own save
            for action in filter(None, form["options"].get("action", [])):
                selected = {"action": [action], "index": ["0"], "_selected_action": form["selectable"]}
                # "post" is the confirmation step of the delete action.
                posts.append({**data, **selected, "post": ["yes"]})
            if "form-TOTAL_FORMS" in data:
                posts.append({**data, "_save": ["Lưu"]})
            continue
        posts.append(data)
        if form["texts"]:
            edited = form["texts"][0]
            posts.append({**data, edited: [value + " (đã sửa)" for value in data[edited]]})
    return posts


# --- The URL patterns ---------------------------------------------------------------


def staff_patterns():
    """(namespace, route prefix, pattern, model admin or None) for every pattern under /quan-tri/."""
    registry = {f"{m._meta.app_label}/{m._meta.model_name}/": ma for m, ma in admin.site._registry.items()}
    found = []
    for top in get_resolver().url_patterns:
        route = str(top.pattern)
        if not route.startswith("quan-tri/"):
            continue
        if not isinstance(top, URLResolver):
            found.append((None, "", top, None))
            continue
        for inner in top.url_patterns:
            if isinstance(inner, URLResolver):  # one model admin's URLs
                model_admin = registry[str(inner.pattern)]
                prefix = route + str(inner.pattern)
                found += [(top.namespace, prefix, pattern, model_admin) for pattern in inner.url_patterns]
            else:
                found.append((top.namespace, route, inner, None))
    return found


def concrete_url(namespace, prefix, pattern, values) -> str:
    """The pattern's URL with every parameter filled from `values` (a KeyError names a missing one)."""
    if isinstance(pattern.pattern, RoutePattern):
        names = list(pattern.pattern.converters)
        args, kwargs = [], {name: values[name] for name in names}
    else:
        regex = pattern.pattern.regex
        kwargs = {name: values[name] for name in regex.groupindex}
        args = [values["object_id"], values["version_id"]][: regex.groups] if not kwargs else []
    if pattern.name:
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        return reverse(name, args=args, kwargs=kwargs)
    if isinstance(pattern.pattern, RoutePattern):
        route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), str(pattern.pattern))
        return "/" + prefix + route
    return "/" + prefix + str(kwargs.get("url", ""))


# --- The data ---------------------------------------------------------------------


def snapshot() -> dict[str, list[tuple]]:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in UNWATCHED_APPS or meta.proxy or not meta.managed:
            continue
        rows[meta.label] = list(model._base_manager.order_by("pk").values_list())
    return rows


def differences(before, after) -> list[str]:
    return [
        f"{label}: {len(before[label])} → {len(after[label])} rows"
        + ("" if len(before[label]) != len(after[label]) else " (values changed)")
        for label in before
        if before[label] != after[label]
    ]


@pytest.fixture
def walk(districts):
    """A superuser, the three restricted users, and one record of every admin's model."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from camnang.models import ErrorReport
    from campaigns.models import ReferralCount, ReportSubmission
    from campaigns.tests.factories import (
        ActivityFactory,
        BannerFactory,
        ChapterFactory,
        NewsFactory,
        OrganisationFactory,
        PartnerFactory,
        RecordFactory,
    )
    from producers.models import Onboarding, Platform
    from producers.services import move_onboarding
    from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory, ProductPriceFactory
    from shops.models import Category
    from shops.tests.factories import ShopFactory

    ha_trung, nga_son = districts["ha-trung"], districts["nga-son"]
    viewer = get_user_model().objects.create_user(
        "chixem", password="mat-khau-thu-nghiem-2024", is_staff=True
    )
    viewer.user_permissions.set(
        Permission.objects.filter(codename__startswith="view_")
        | Permission.objects.filter(codename__in=["all_districts", "all_shop_kinds"])
    )
    users = {
        "viewer": viewer,
        "postal": staff_user(roles.POSTAL_STAFF, username="buudien"),
        "district_editor": staff_user(roles.DISTRICT_EDITORS, ha_trung, username="bientap-hatrung"),
        "commune_editor": staff_user(roles.COMMUNE_EDITORS, username="bientap-xa"),
    }
    # Postal staff keep their own company's sale points only: the walk's shop is not one.
    PostalStaffMember.objects.create(user=users["postal"], company="viettelpost")
    # The commune editor works on one commune of today, in the former Hà Trung district.
    users["commune_editor"].communes.set([Commune.objects.get(slug="xa-ha-trung")])
    superuser = get_user_model().objects.create_superuser("quantri-thu", password="mat-khau-thu-nghiem-2024")

    # The shop used to be in Hà Trung: its first version is in the district editor's district.
    shop = ShopFactory(name="Tạp hóa Hoa Mai", district=ha_trung, categories=Category.objects.all()[:1])
    shop.district = nga_son
    shop.save()
    producer = ProducerFactory(name="HTX Nga Sơn", district=nga_son)
    product = ProductFactory(name="Cói Nga Sơn", producer=producer)
    listing = ListingFactory(producer=producer, product=product)
    price = ProductPriceFactory(product=product, source_note="Số 15/TB-UBND")
    onboarding = Onboarding(producer=producer, platform=Platform.objects.get(slug="postmart"))
    move_onboarding(onboarding, Onboarding.Stage.PROPOSED, user=superuser)
    platform = Platform.objects.get(slug="voso")
    platform.summary = "Sàn của Viettel Post."
    platform.save()
    nga_son.note = "Huyện ven biển."
    nga_son.save()
    organisation = OrganisationFactory()
    partner = PartnerFactory(organisation=organisation, website="https://doitac.example.vn/")
    activity = ActivityFactory(leads=[organisation])
    targets = {
        **{m: m.objects.first() for m in (Category, GoodsWord, Group)},
        get_user_model(): superuser,
        Shop: shop,
        type(producer): producer,
        type(product): product,
        type(listing): listing,
        type(price): price,
        Onboarding: onboarding,
        Platform: platform,
        type(nga_son): nga_son,
        type(partner): partner,
        Commune: Commune.objects.get(slug="xa-nga-son"),  # outside every restricted user's place
        FormerCommune: FormerCommune.objects.filter(district=nga_son).first(),
        type(activity): activity,
        type(organisation): organisation,
    }
    for record in (
        ChapterFactory(status=Status.DRAFT, campaign=activity.campaign),
        NewsFactory(status=Status.DRAFT),
        BannerFactory(campaign=activity.campaign),
        RecordFactory(activity=activity, organisation=organisation),
        ReferralCount.objects.create(partner=partner, month=date(2021, 11, 1), visits=12),
        ReportSubmission.objects.create(organisation=organisation, kind="month", period=date(2021, 11, 1)),
        AccessAttempt.objects.create(
            username="ai-do", ip_address="203.0.113.9", failures_since_start=2, get_data="", post_data=""
        ),
        AccessLog.objects.create(username="quantri", ip_address="203.0.113.10"),
        ErrorReport.objects.create(record=producer, problem="wrong_phone", note="Số không liên lạc được."),
        AccessFailureLog.objects.create(username="ai-do", ip_address="203.0.113.9"),
    ):
        targets[type(record)] = record
    targets[type(activity.campaign)] = activity.campaign
    missing = [m._meta.label for m in admin.site._registry if m not in targets]
    assert not missing, f"no record to walk for {missing}"

    files = {
        "cua-hang": lambda: xlsx_upload(*_shop_sheet()),
        "co-so-san-xuat": lambda: xlsx_upload(*_producer_sheet()),
    }
    # A job of the superuser's: its pages answer 404 to everyone else.
    superuser_client = Client()
    superuser_client.force_login(superuser)
    job = upload_sheet(superuser_client, "cua-hang", files["cua-hang"]())
    return {"superuser": superuser, "users": users, "targets": targets, "files": files, "job": job}


def _shop_sheet():
    from shops.tests.test_importing import HEADERS, shop_row

    return HEADERS, [shop_row(1, district="Nga Sơn")]


def _producer_sheet():
    from producers.tests.test_importing import HEADERS, ROWS

    district = HEADERS.index("Quận, huyện")
    return HEADERS, [[*row[:district], "Nga Sơn", *row[district + 1 :]] for row in ROWS]


def name_of(pattern) -> str:
    return pattern.name or ""


def may_change(role, name, model_admin, data, user=None, target="") -> bool:
    """What the role may rightly change: their own work, left out of the walk."""
    if name == "logout":
        return True  # ends the session; changes no data
    if name in ("import_start", "import_job"):
        from core.registry import importers

        # A job of their own, for a list they may import (rows outside their places are
        # refused by the check: shops/tests/test_importing.py).
        return importers.get(target).may_import(user)
    if role == "postal":
        own = model_admin is not None and model_admin.opts.label in (
            "producers.Producer",
            "producers.Product",
            "producers.ProductPrice",
            "producers.Listing",
            "producers.Onboarding",
        )
        if own and not name.endswith("_simple_history"):
            return True
        if name == "verification_queue" and data.get("loai") == ["co-so"]:
            return True
    return False


@pytest.mark.parametrize("role", ["viewer", "postal", "district_editor", "commune_editor"])
def test_no_staff_url_changes_what_the_role_may_not_change(walk, role):
    superuser_client = Client(raise_request_exception=False)
    superuser_client.force_login(walk["superuser"])
    client = Client(raise_request_exception=False)
    client.force_login(walk["users"][role])
    before = snapshot()
    failures, walked = [], 0

    for namespace, prefix, pattern, model_admin in staff_patterns():
        target = walk["targets"][model_admin.model if model_admin else Shop]
        values = {
            "object_id": target.pk,
            "id": target.pk,  # a user's password page
            "content_type_id": ContentType.objects.get_for_model(target).pk,
            "app_label": "producers",
            "url": "khong-co-trang-nay/",
            "target": "cua-hang",
            "pk": walk["job"].pk,
        }
        if name_of(pattern) == "private_file":  # a staff-only file of the plan tracker
            record = next(
                r for model, r in walk["targets"].items() if model._meta.model_name == "activityrecord"
            )
            values.update(
                app_label="campaigns", model_name="activityrecord", pk=record.pk, field_name="evidence"
            )
        history = getattr(type(target), "history", None)
        if history is not None:  # the record's first version
            versions = history.filter(**{target._meta.pk.attname: target.pk})
            values["version_id"] = versions.earliest("history_id").history_id
        try:
            url = concrete_url(namespace, prefix, pattern, values)
        except KeyError as missing:
            pytest.fail(f"no value for the parameter {missing} of {prefix}{pattern.pattern}")
        name = name_of(pattern)
        with transaction.atomic():
            posts = plausible_posts(superuser_client, url, name, target, walk)
            for data in posts:
                if may_change(role, name, model_admin, data, walk["users"][role], values["target"]):
                    continue
                walked += 1
                response = client.post(url, data)
                if response.status_code >= 500:
                    failures.append(f"POST {url}: {response.status_code}")
            changed = differences(before, snapshot())
            if changed:
                failures.append(f"POST {url} changed {changed}")
            transaction.set_rollback(True)

    assert walked > 200
    assert not failures, f"{role}:\n" + "\n".join(failures)


def plausible_posts(superuser_client, url, name, target, walk) -> list[dict]:
    """The forms a superuser's browser would post to `url`, and an empty post."""
    posts = [{}, *page_posts(superuser_client, url)]
    if name.endswith("_simple_history"):
        # The record's own edit form, posted to the old version's address.
        opts = target._meta
        posts += page_posts(
            superuser_client, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
        )
    elif name == "import_start":
        posts.append({"file": walk["files"]["cua-hang"]()})
    elif name == "import_job":
        # Each step of the superuser's job, as its page offers them.
        posts += [{"action": action} for action in ("map", "confirm", "recheck", "cancel", "sheet")]
    return posts


def test_every_history_admin_is_the_read_only_one():
    from simple_history.admin import SimpleHistoryAdmin

    from core.admin import HistoryAdmin

    loose = [
        m._meta.label
        for m, ma in admin.site._registry.items()
        if isinstance(ma, SimpleHistoryAdmin) and not isinstance(ma, HistoryAdmin)
    ]
    assert not loose


def test_view_only_users_are_offered_no_action_that_changes_rows(rf, walk):
    request = rf.get("/quan-tri/")
    request.user = walk["users"]["viewer"]
    offered = {
        f"{model._meta.label}: {name}"
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
        if name != "export_admin_action"  # reading, not writing
    }
    assert not offered
