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
