"""The interface in English as well as Vietnamese."""

import pytest
from django.urls import reverse

from camnang.tests.utils import h1_count
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_vietnamese_at_the_root_english_under_en(client, districts):
    vi = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert '<html lang="vi">' in vi and "Chọn huyện, thị xã, thành phố của bạn" in vi
    assert '<html lang="en">' in en and "Choose your district, town or city" in en
    assert "Chọn huyện" not in en


def test_every_public_page_exists_in_english(client, districts):
    shop = ShopFactory(name="Tạp hóa Minh Hằng", district=districts["ha-trung"])
    for path in [
        "/",
        "/dia-ban/",
        "/dia-ban/ha-trung/",
        shop.get_absolute_url(),
        "/nong-san/",
        "/san-thuong-mai/",
        "/tim-kiem/?q=minh+hang",
        "/cam-nang/",
        "/banner/",
        "/tin-tuc/",
        "/du-lieu-mo/",
    ]:
        response = client.get("/en" + path)
        assert response.status_code == 200, path
        assert h1_count(response) == 1, path
        assert '<html lang="en">' in response.content.decode(), path


def test_content_stays_in_vietnamese_where_staff_did_not_translate_it(client, districts):
    shop = ShopFactory(name="Tạp hóa Minh Hằng", district=districts["ha-trung"], kind="pharmacy")
    html = client.get("/en" + shop.get_absolute_url()).content.decode()
    assert "Tạp hóa Minh Hằng" in html  # the shop's own name
    assert "Pharmacy" in html  # the interface's label for its kind
    assert 'href="tel:+84301234567"' in html


def test_language_switcher_and_alternate_links(client, districts):
    vi = client.get("/dia-ban/ha-trung/").content.decode()
    assert '<a href="http://testserver/en/dia-ban/ha-trung/" hreflang="en" lang="en">English</a>' in vi
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/dia-ban/ha-trung/">' in vi
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/dia-ban/ha-trung/">' in vi
    en = client.get("/en/dia-ban/ha-trung/").content.decode()
    assert '<a href="http://testserver/dia-ban/ha-trung/" hreflang="vi" lang="vi">Tiếng Việt</a>' in en
    assert '<link rel="canonical" href="http://testserver/en/dia-ban/ha-trung/">' in en


def test_links_on_english_pages_stay_in_english(client, districts):
    html = client.get("/en/").content.decode()
    assert 'href="/en/dia-ban/ha-trung/"' in html
    assert 'href="/en/tim-kiem/"' in html or 'action="/en/tim-kiem/"' in html


def test_staff_pages_stay_in_vietnamese(admin_client):
    html = admin_client.get(reverse("admin:index"), headers={"accept-language": "en"}).content.decode()
    assert "Quản trị Cẩm nang" in html
    assert admin_client.get("/en/quan-tri/").status_code == 404


def test_the_admin_is_vietnamese_down_to_third_party_screens(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Access attempts" not in html and "lần đăng nhập" in html.lower()
    widgets = admin_client.get("/quan-tri/jsi18n/").content.decode()
    assert "Choose all %s" in widgets  # the message ids of the two-box selector ...
    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3" in widgets or "Chọn tất cả" in widgets  # ... in Vietnamese
