"""Citizens report wrong information on a shop, producer or product page (camnang.reports)."""

import pytest
from django.urls import reverse

from camnang.models import ErrorReport
from camnang.reports import REPORT_LIMIT
from core.models import Status
from producers.tests.factories import ProducerFactory, ProductFactory
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

VALID = {"problem": "wrong_phone", "note": "  Số đúng là 0237 3852 000.  ", "website": ""}


@pytest.fixture
def records(districts):
    ha_trung = districts["ha-trung"]
    producer = ProducerFactory(name="HTX Hà Lĩnh", district=ha_trung)
    return {
        "cua-hang": ShopFactory(name="Tạp hóa Minh Hằng", district=ha_trung),
        "co-so-san-xuat": producer,
        "san-pham": ProductFactory(name="Gạo nếp cái hoa vàng", producer=producer),
    }


def report_url(kind, record) -> str:
    return reverse("report_error", kwargs={"kind": kind, "slug": record.slug})


@pytest.mark.parametrize("kind", ["cua-hang", "co-so-san-xuat", "san-pham"])
def test_every_record_page_links_to_its_report_form_and_a_report_is_stored(client, records, kind):
    record = records[kind]
    page = client.get(record.get_absolute_url()).content.decode()
    url = report_url(kind, record)
    assert f'href="{url}" rel="nofollow">Báo thông tin chưa đúng</a>' in page

    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Số điện thoại không đúng" in html and 'type="radio"' in html and "<textarea" in html
    assert "csrfmiddlewaretoken" in html
    # A page with a CSRF token is kept by no cache, shared or not.
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]

    response = client.post(url, VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("report_error_sent", kwargs={"kind": kind, "slug": record.slug})
    report = ErrorReport.objects.get()
    assert report.record == record
    assert report.problem == "wrong_phone" and report.note == "Số đúng là 0237 3852 000."
    assert report.state == ErrorReport.State.OPEN
    thanks = client.get(response["Location"])
    assert "Cảm ơn bạn!" in thanks.content.decode()


def test_nothing_about_the_person_reporting_is_stored(client, records):
    client.post(report_url("cua-hang", records["cua-hang"]), VALID, REMOTE_ADDR="203.0.113.7")
    report = ErrorReport.objects.values().get()
    assert set(report) == {
        "id",
        "content_type_id",
        "object_id",
        "problem",
        "note",
        "created_at",
        "state",
        "outcome",
        "outcome_note",
        "closed_by_id",
        "closed_at",
    }
    assert "203.0.113.7" not in str(report)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"problem": "hacked", "note": ""}, "Xin chọn một trong các điều chưa đúng được liệt kê."),
        ({"note": "Không chọn gì"}, "Xin chọn điều chưa đúng."),
        ({"problem": "other", "note": "x" * 501}, "Ghi chú dài quá: tối đa 500 ký tự (đang có 501)."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_stores_nothing(client, records, data, message):
    response = client.post(report_url("cua-hang", records["cua-hang"]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_a_filled_in_honeypot_stores_nothing(client, records):
    url = report_url("cua-hang", records["cua-hang"])
    page = client.get(url).content.decode()
    assert '<p class="trap" aria-hidden="true">' in page and 'name="website"' in page
    response = client.post(url, {**VALID, "website": "https://spam.example/"})
    assert response.status_code == 200
    assert "Không gửi được. Xin tải lại trang và thử lại." in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_one_address_may_send_a_few_reports_an_hour(client, records):
    url = report_url("cua-hang", records["cua-hang"])
    for _ in range(REPORT_LIMIT):
        assert client.post(url, VALID, REMOTE_ADDR="203.0.113.7").status_code == 302
    response = client.post(url, VALID, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert (
        "Bạn đã gửi nhiều báo cáo trong một giờ qua. Báo cáo này chưa được lưu" in response.content.decode()
    )
    assert ErrorReport.objects.count() == REPORT_LIMIT
    # Another address is not held back.
    assert client.post(url, VALID, REMOTE_ADDR="203.0.113.8").status_code == 302
    assert ErrorReport.objects.count() == REPORT_LIMIT + 1


@pytest.mark.parametrize("kind", ["cua-hang", "co-so-san-xuat", "san-pham"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.HIDDEN])
def test_records_citizens_cannot_see_cannot_be_reported(client, records, kind, status):
    record = records[kind]
    record.status = status
    record.save()
    url = report_url(kind, record)
    assert client.get(url).status_code == 404
    assert client.post(url, VALID).status_code == 404
    assert not ErrorReport.objects.exists()


def test_a_product_of_a_hidden_producer_cannot_be_reported(client, records):
    records["co-so-san-xuat"].status = Status.HIDDEN
    records["co-so-san-xuat"].save()
    assert client.post(report_url("san-pham", records["san-pham"]), VALID).status_code == 404
    assert not ErrorReport.objects.exists()


def test_an_unknown_kind_is_not_found(client, records):
    assert client.get(report_url("nong-san", records["cua-hang"])).status_code == 404


def test_report_forms_are_kept_out_of_search_engines(client):
    assert "Disallow: /bao-thong-tin-sai/" in client.get("/robots.txt").content.decode()


# --- The staff queue ---------------------------------------------------------------


def report(record, problem="wrong_phone", note=""):
    return ErrorReport.objects.create(record=record, problem=problem, note=note)


def report_permissions(*actions):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="camnang", codename__in=[f"{a}_errorreport" for a in actions]
    )


def with_report_permissions(user, *actions):
    user.user_permissions.add(*report_permissions(*actions))
    return user


def district_editor_without_reports(districts):
    """A Hà Trung editor whose role has been given no report permission."""
    from camnang.roles import DISTRICT_EDITORS
    from camnang.tests.utils import staff_user

    user = staff_user(DISTRICT_EDITORS, districts["ha-trung"])
    user.groups.get().permissions.remove(*report_permissions("view", "change"))
    return user


@pytest.fixture
def editor(districts):
    """A Hà Trung editor: the role sees and closes the reports on its records."""
    from camnang.roles import DISTRICT_EDITORS
    from camnang.tests.utils import staff_user

    return staff_user(DISTRICT_EDITORS, districts["ha-trung"])


def changelist(client, query=""):
    return client.get(reverse("admin:camnang_errorreport_changelist") + query)


def test_district_editors_see_the_reports_on_their_records_only(client, districts, records, editor):
    nga_son = ShopFactory(name="Tạp hóa Nga Sơn", district=districts["nga-son"])
    mine = [report(record) for record in records.values()]
    theirs = report(nga_son)
    client.force_login(editor)
    response = changelist(client)
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert shown == set(mine)
    assert "Tạp hóa Nga Sơn" not in response.content.decode()
    assert client.get(reverse("admin:camnang_errorreport_change", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("admin:camnang_errorreport_change", args=[theirs.pk]),
        {"outcome": "confirmed", "close_all": "on"},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == ErrorReport.State.OPEN
    # The admin's home lists the queue with the number waiting.
    home = client.get(reverse("admin:index")).content.decode()
    assert "Người dân báo thông tin chưa đúng" in home and "?state__exact=open" in home


def test_commune_editors_see_the_reports_of_their_communes(client, districts, records):
    from camnang.roles import COMMUNE_EDITORS
    from camnang.tests.utils import staff_user
    from shops.models import Commune

    ha_trung = Commune.objects.get(slug="xa-ha-trung")
    placed = ShopFactory(name="Tạp hóa xã Hà Trung", district=districts["ha-trung"], commune=ha_trung)
    mine = report(placed)
    report(records["cua-hang"])  # in the district, not in the commune
    user = with_report_permissions(staff_user(COMMUNE_EDITORS, username="bientap-xa"), "view", "change")
    user.communes.set([ha_trung])
    client.force_login(user)
    assert list(changelist(client).context["cl"].result_list) == [mine]


def test_staff_without_the_permission_are_refused(client, districts, records):

    item = report(records["cua-hang"])
    client.force_login(district_editor_without_reports(districts))
    assert changelist(client).status_code == 403
    assert client.get(reverse("admin:camnang_errorreport_change", args=[item.pk])).status_code == 403
    home = client.get(reverse("admin:index")).content.decode()
    assert "Người dân báo thông tin chưa đúng" not in home


def test_reports_of_one_record_are_grouped_most_reported_first(client, records, editor):
    shop, producer = records["cua-hang"], records["co-so-san-xuat"]
    first = report(shop)
    lone = report(producer)
    second = report(shop, "closed")
    client.force_login(editor)
    cl = changelist(client, "?state__exact=open").context["cl"]
    assert list(cl.result_list) == [second, first, lone]
    assert [r.open_on_record for r in cl.result_list] == [2, 2, 1]


def test_a_report_page_shows_the_record_as_it_is_and_closes_every_open_report_on_it(client, records, editor):
    from django.utils import timezone

    shop = records["cua-hang"]
    shop.phone, shop.address, shop.verified_on = "030 111 2222", "Thôn Đông", None
    shop.save()
    phone_report = report(shop, "wrong_phone", "Số đúng là 0301 112 223")
    closed_report = report(shop, "closed")
    other_record = report(records["co-so-san-xuat"])
    client.force_login(editor)
    url = reverse("admin:camnang_errorreport_change", args=[phone_report.pk])
    html = client.get(url).content.decode()
    assert "Tạp hóa Minh Hằng" in html and "0301 112 222" in html and "Thôn Đông" in html
    assert "Số đúng là 0301 112 223" in html and "Đã đóng cửa, ngừng bán" in html  # both reports
    assert reverse("admin:shops_shop_change", args=[shop.pk]) in html

    # The outcome is required.
    response = client.post(url, {"outcome": "", "close_all": "on", "verified_today": "on"})
    assert response.status_code == 200 and "Xin chọn kết quả xử lý." in response.content.decode()
    assert ErrorReport.objects.open().count() == 3

    response = client.post(
        url,
        {
            "outcome": "corrected",
            "outcome_note": "Đã gọi, sửa số.",
            "close_all": "on",
            "verified_today": "on",
        },
    )
    assert response.status_code == 302
    for item in (phone_report, closed_report):
        item.refresh_from_db()
        assert item.state == ErrorReport.State.CLOSED and item.outcome == "corrected"
        assert item.outcome_note == "Đã gọi, sửa số." and item.closed_by == editor and item.closed_at
    other_record.refresh_from_db()
    assert other_record.state == ErrorReport.State.OPEN
    shop.refresh_from_db()
    assert shop.verified_on == timezone.localdate()
    assert shop.history.first().history_user == editor  # through the service that records who
    # A closed report is only read.
    assert client.post(url, {"outcome": "rejected"}).status_code == 403


def test_closing_one_report_can_leave_the_others_and_the_verified_date(client, records, editor):
    shop = records["cua-hang"]
    shop.verified_on = None
    shop.save()
    one, other = report(shop), report(shop, "other")
    client.force_login(editor)
    url = reverse("admin:camnang_errorreport_change", args=[one.pk])
    assert client.post(url, {"outcome": "rejected"}).status_code == 302
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.outcome == "rejected" and other.state == ErrorReport.State.OPEN
    shop.refresh_from_db()
    assert shop.verified_on is None


def test_view_only_staff_cannot_close_a_report(client, districts, records):

    item = report(records["cua-hang"])
    user = with_report_permissions(district_editor_without_reports(districts), "view")
    client.force_login(user)
    url = reverse("admin:camnang_errorreport_change", args=[item.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"outcome": "confirmed", "close_all": "on"}).status_code == 403
    item.refresh_from_db()
    assert item.state == ErrorReport.State.OPEN


def test_records_with_open_reports_come_first_in_the_verification_queue(client, districts, records, editor):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    never = ShopFactory(name="Chưa xác minh", district=districts["ha-trung"], verified_on=None)
    shop, producer = records["cua-hang"], records["co-so-san-xuat"]
    shop.verified_on = producer.verified_on = today - timedelta(days=5)  # recently checked
    shop.save()
    producer.save()
    report(producer)
    report(shop)
    report(shop, "closed")
    closed = report(never)
    closed.state = ErrorReport.State.CLOSED
    closed.save()
    client.force_login(editor)
    response = client.get(reverse("admin:verification_queue"))
    items = list(response.context["page_obj"])
    assert [(i["record"].name, i["reports"]) for i in items] == [
        ("Tạp hóa Minh Hằng", 2),
        ("HTX Hà Lĩnh", 1),
        ("Chưa xác minh", 0),
    ]
    html = response.content.decode()
    assert "2 báo cáo đang mở" in html
    # The count links to the record's open reports.
    link = reverse("admin:camnang_errorreport_changelist") + "?" + items[0]["reports_query"]
    assert link.replace("&", "&amp;") in html
    assert list(client.get(link).context["cl"].result_list) == list(ErrorReport.objects.open().about(shop))


def test_only_staff_who_may_edit_the_record_can_record_its_verified_date(client, records):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    shop = records["cua-hang"]
    shop.verified_on = None
    shop.save()
    item = report(shop)
    user = get_user_model().objects.create_user(
        "xem-cua-hang", password="mat-khau-thu-nghiem-2024", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_shop", "all_districts", "all_shop_kinds"])
    )
    client.force_login(with_report_permissions(user, "view", "change"))
    url = reverse("admin:camnang_errorreport_change", args=[item.pk])
    response = client.post(url, {"outcome": "confirmed", "verified_today": "on"})
    assert response.status_code == 200
    assert "Bạn không được sửa mục này nên không ghi được ngày xác minh." in response.content.decode()
    item.refresh_from_db()
    shop.refresh_from_db()
    assert item.state == ErrorReport.State.OPEN and shop.verified_on is None
    assert client.post(url, {"outcome": "confirmed"}).status_code == 302
    item.refresh_from_db()
    assert item.outcome == "confirmed"
