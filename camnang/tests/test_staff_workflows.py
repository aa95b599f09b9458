"""History, verification and login protection, as staff meet them in the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from camnang.models import Status
from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import staff_user
from producers.tests.factories import ProducerFactory
from shops.models import Shop
from shops.tests.factories import ShopFactory
from shops.tests.test_admin import shop_form

pytestmark = pytest.mark.django_db


def test_history_page_shows_who_changed_which_field_from_what_to_what(client, admin_user, districts):
    client.force_login(admin_user)
    shop = ShopFactory(name="Tạp hóa Hoa Mai", district=districts["ha-trung"], phone="030 555 6666")
    form = shop_form(districts["ha-trung"], slug=shop.slug, phone="030 777 8888", status="hidden")
    assert client.post(reverse("admin:shops_shop_change", args=[shop.pk]), form).status_code == 302
    html = client.get(reverse("admin:shops_shop_history", args=[shop.pk])).content.decode()
    assert "Lịch sử thay đổi: Tạp hóa Hoa Mai" in html
    assert admin_user.username in html
    assert "Điện thoại:</strong> 030 555 6666 &rarr; 030 777 8888" in html
    assert "Trạng thái:</strong> Đã công bố &rarr; Tạm ẩn" in html  # labels, not codes


def test_actions_record_who_did_them_in_the_history(client, admin_user, districts):
    client.force_login(admin_user)
    shops = ShopFactory.create_batch(2, district=districts["ha-trung"], status=Status.DRAFT)
    ids = [s.pk for s in shops]
    url = reverse("admin:shops_shop_changelist")
    client.post(url, {"action": "publish", "_selected_action": ids})
    client.post(url, {"action": "mark_verified", "_selected_action": ids})
    for shop in Shop.objects.all():
        verified, published = shop.history.all()[:2]
        assert verified.history_user == admin_user and verified.history_change_reason == "Xác minh"
        assert verified.verified_on == timezone.localdate()
        assert published.history_change_reason == "Công bố" and published.status == Status.PUBLISHED


def test_verification_queue_lists_stale_records_oldest_first_and_verifies_in_one_click(client, districts):
    today = timezone.localdate()
    ha_trung, nga_son = districts["ha-trung"], districts["nga-son"]
    never = ShopFactory(name="Chưa xác minh", district=ha_trung, verified_on=None)
    old = ProducerFactory(name="HTX Xác minh lâu", district=ha_trung, verified_on=today - timedelta(days=200))
    ShopFactory(name="Mới xác minh", district=ha_trung, verified_on=today - timedelta(days=10))
    ShopFactory(name="Bản nháp cũ", district=ha_trung, verified_on=None, status=Status.DRAFT)
    ShopFactory(name="Huyện khác", district=nga_son, verified_on=None)
    editor = staff_user(DISTRICT_EDITORS, ha_trung)
    client.force_login(editor)

    assert "can-xac-minh" in client.get(reverse("admin:index")).content.decode()
    response = client.get(reverse("verification_queue"))
    assert response.status_code == 200
    names = [item["record"].name for item in response.context["page_obj"]]
    assert names == ["Chưa xác minh", "HTX Xác minh lâu"]

    response = client.post(reverse("verification_queue"), {"loai": "cua-hang", "id": never.pk})
    assert response.status_code == 302
    never.refresh_from_db()
    assert never.verified_on == today
    assert never.history.first().history_user == editor
    other = Shop.objects.get(name="Huyện khác")
    assert client.post(reverse("verification_queue"), {"loai": "cua-hang", "id": other.pk}).status_code == 404
    assert [i["record"] for i in client.get(reverse("verification_queue")).context["page_obj"]] == [old]


def test_verification_queue_needs_staff_login(client):
    response = client.get(reverse("verification_queue"))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


def test_login_locks_out_after_five_failures(client, settings, admin_user):
    settings.AXES_ENABLED = True
    url = reverse("admin:login")
    statuses = [
        client.post(url, {"username": admin_user.username, "password": "sai-mat-khau"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account out
    # Even the right password is refused during the lockout.
    response = client.post(url, {"username": admin_user.username, "password": "password"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html and "30 phút" in html
    # Another user from the same address is not locked out by someone else's failures.
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("canbo2", password="mat-khau-rieng-2024", is_staff=True)
    response = client.post(url, {"username": "canbo2", "password": "mat-khau-rieng-2024"})
    assert response.status_code == 302


def test_sessions_expire(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert len(settings.AUTH_PASSWORD_VALIDATORS) == 4
