"""The public help request: a draft household, never shown, and its onboarding record."""

import json

import pytest

from producers.models import Onboarding, Producer
from shops.models import Commune

pytestmark = pytest.mark.django_db
URL = "/dang-ky-ho-tro-ban-hang/"


@pytest.fixture
def commune(districts):
    return Commune.objects.public().filter(districts=districts["ha-trung"]).order_by("code").first()


def request_data(commune, **changes):
    data = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "commune": commune.pk,
        "produce": "Gạo nếp cái hoa vàng, mật ong",
        "platform": "voso",
        "consent": "on",
        "website": "",
    }
    return {**data, **changes}


def test_the_form_shows_its_purpose_and_hides_the_honeypot(client, districts):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng ký hỗ trợ bán hàng trên postmart.vn / voso.vn" in page
    assert "12 tháng" in page and "Rút đồng ý" in page
    assert 'class="trap" aria-hidden="true"' in page and 'name="website"' in page
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_request_makes_a_draft_household_proposed_to_the_chosen_company(client, commune):
    response = client.post(URL, request_data(commune))
    assert response.status_code == 302
    assert response["Location"] == "/dang-ky-ho-tro-ban-hang/da-gui/?san=voso"

    producer = Producer.objects.get()
    assert producer.status == "draft" and producer.kind == Producer.Kind.HOUSEHOLD
    assert (producer.name, producer.phone, producer.commune) == ("Nguyễn Thị Lan", "+84912345678", commune)
    assert producer.district in commune.districts.all()
    onboarding = producer.onboarding
    assert onboarding.stage == Onboarding.Stage.PROPOSED and onboarding.platform.slug == "voso"
    assert onboarding.consent_at is not None and onboarding.self_registered
    assert list(onboarding.steps.values_list("stage", flat=True)) == [Onboarding.Stage.PROPOSED]

    done = client.get(response["Location"])
    assert "Tổng công ty Cổ phần Bưu chính Viettel" in done.content.decode()
    assert "/dia-ban/" in done.content.decode()


def test_the_household_is_shown_nowhere(client, commune):
    client.post(URL, request_data(commune, name="Hộ Thử Nghiệm Riêng Tư"))
    producer = Producer.objects.get()
    assert not Producer.objects.public().exists()
    assert client.get(producer.get_absolute_url()).status_code == 404
    for page in ("/nong-san/", "/tim-kiem/?q=Hộ+Thử+Nghiệm+Riêng+Tư", "/du-lieu-mo/co-so-san-xuat.csv"):
        body = client.get(page).content.decode()
        assert (
            producer.slug not in body and "0912345678" not in body and "Gạo nếp cái hoa vàng" not in body
        ), page
    rows = json.loads(client.get("/du-lieu-mo/co-so-san-xuat.json").content)["results"]
    assert producer.pk not in {row["id"] for row in rows}


def test_either_platform_leaves_the_company_to_staff(client, commune):
    response = client.post(URL, request_data(commune, platform="ca-hai"))
    assert response["Location"] == "/dang-ky-ho-tro-ban-hang/da-gui/"
    assert Onboarding.objects.get().platform is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12345"}, "số điện thoại"),
        ({"consent": ""}, "Cần đánh dấu đồng ý"),
        ({"website": "http://spam.example"}, "Không gửi được"),
        ({"name": "   "}, "bắt buộc"),
        ({"platform": "shopee"}, "Lựa chọn"),
    ],
)
def test_bad_input_stores_nothing_and_says_why_in_vietnamese(client, commune, changes, message):
    response = client.post(URL, request_data(commune, **changes))
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not Producer.objects.exists() and not Onboarding.objects.exists()


def test_over_the_daily_limit_nothing_is_stored(client, commune):
    for n in range(3):
        assert client.post(URL, request_data(commune, phone=f"091234567{n}")).status_code == 302
    response = client.post(URL, request_data(commune, phone="0987654321"))
    assert response.status_code == 429
    assert "nhiều đăng ký trong hôm nay" in response.content.decode()
    assert Producer.objects.count() == 3


def test_the_form_page_is_never_kept_by_the_page_cache(districts, settings):
    from camnang.tests.utils import wsgi_get

    assert any(URL.startswith(prefix) for prefix in settings.FORM_URLS)
    for _ in range(2):
        response = wsgi_get(URL)
        assert response.status_code == 200 and "X-Cache" not in response


def test_the_platform_and_product_pages_link_to_the_form(client, districts):
    for page in ("/san-thuong-mai/", "/nong-san/"):
        assert f'href="{URL}"' in client.get(page).content.decode(), page
