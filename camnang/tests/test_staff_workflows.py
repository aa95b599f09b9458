"""History, verification and login protection, as staff meet them in the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from camnang.roles import DISTRICT_EDITORS, POSTAL_STAFF
from camnang.tests.utils import staff_user
from core.models import Status
from producers.tests.factories import ProducerFactory
from shops.models import Shop
from shops.tests.factories import ShopFactory
from shops.tests.test_admin import shop_form

pytestmark = pytest.mark.django_db


def test_history_page_shows_who_changed_which_field_from_what_to_what(client, admin_user, districts):
    client.force_login(admin_user)
    shop = ShopFactory(name="Tạp hóa Hoa Mai", district=districts["ha-trung"], phone="030 555 6666")
    form = shop_form(
        districts["ha-trung"], slug=shop.slug, phone="030.777.8888 / 0237 3852 000", status="hidden"
    )
    assert client.post(reverse("admin:shops_shop_change", args=[shop.pk]), form).status_code == 302
    html = client.get(reverse("admin:shops_shop_history", args=[shop.pk])).content.decode()
    assert "Lịch sử thay đổi: Tạp hóa Hoa Mai" in html
    assert admin_user.username in html
    # Numbers grouped for reading, as typed or not.
    assert "Điện thoại:</strong> 0305 556 666 &rarr; 0307 778 888" in html
    assert "Số khác:</strong> — &rarr; 0237 3852 000" in html
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


def platform_form(platform, **changes):
    data = {
        "name": platform.name,
        "slug": platform.slug,
        "operator": platform.operator,
        "domain": platform.domain,
        "home_url": platform.home_url,
        "position": platform.position,
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_old_versions_are_read_only_for_view_only_staff(client, districts):
    """Postal staff may only view platforms: an old version posted back changes nothing."""
    from producers.models import Platform

    voso = Platform.objects.get(slug="voso")
    voso.summary = "Sàn của Bưu điện Việt Nam."
    voso.save()
    version = voso.history.earliest()
    client.force_login(staff_user(POSTAL_STAFF))
    url = reverse("admin:producers_platform_simple_history", args=[voso.pk, version.history_id])
    page = client.get(url)
    assert page.status_code == 200
    form = page.content.decode().split('id="platform_form"')[1].split("</form>")[0]
    assert "Trang này chỉ để xem, không lưu được." in form and "voso.vn" in form
    assert form.count("<input") == 1  # the CSRF token, nothing to edit
    assert 'type="submit"' not in form and "<textarea" not in form and "<select" not in form
    before = voso.history.count()
    response = client.post(url, platform_form(voso, domain="evil.com", home_url="https://evil.com/"))
    assert response.status_code == 405
    voso.refresh_from_db()
    assert voso.domain == "voso.vn" and voso.history.count() == before
    assert client.get("/go/san/voso/")["Location"].startswith("https://voso.vn")


def test_old_versions_are_read_only_for_editors_too(client, admin_user, districts):
    shop = ShopFactory(name="Tạp hóa Hoa Mai", district=districts["ha-trung"])
    shop.name = "Tạp hóa Hoa Lan"
    shop.save()
    client.force_login(admin_user)
    old = shop.history.earliest()
    url = reverse("admin:shops_shop_simple_history", args=[shop.pk, old.history_id])
    html = client.get(url).content.decode()
    assert "Tạp hóa Hoa Mai" in html and 'name="name"' not in html
    assert client.post(url, shop_form(districts["ha-trung"], slug=shop.slug)).status_code == 405
    shop.refresh_from_db()
    assert shop.name == "Tạp hóa Hoa Lan" and shop.history.count() == 2
    # The history list links each version.
    assert url in client.get(reverse("admin:shops_shop_history", args=[shop.pk])).content.decode()


def test_history_is_judged_by_the_record_as_it_stands_now(client, districts):
    """A shop moved out of Hà Trung: its Hà Trung editor no longer sees or restores it."""
    shop = ShopFactory(name="Tạp hóa Hoa Mai", district=districts["ha-trung"])
    shop.district = districts["nga-son"]
    shop.save()
    old = shop.history.earliest()
    assert old.district_id == districts["ha-trung"].pk
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    version_url = reverse("admin:shops_shop_simple_history", args=[shop.pk, old.history_id])
    assert client.get(version_url).status_code == 404
    assert client.get(reverse("admin:shops_shop_history", args=[shop.pk])).status_code == 404
    response = client.post(version_url, shop_form(districts["ha-trung"], slug=shop.slug))
    assert response.status_code in (404, 405)
    shop.refresh_from_db()
    assert shop.district == districts["nga-son"] and shop.history.count() == 2


def test_history_of_a_record_moved_into_the_district_is_readable_there(client, districts):
    shop = ShopFactory(name="Tạp hóa Hoa Mai", district=districts["nga-son"])
    shop.district = districts["ha-trung"]
    shop.save()
    old = shop.history.earliest()
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    assert client.get(reverse("admin:shops_shop_history", args=[shop.pk])).status_code == 200
    page = client.get(reverse("admin:shops_shop_simple_history", args=[shop.pk, old.history_id]))
    assert page.status_code == 200 and "Huyện Nga Sơn" in page.content.decode()


def test_history_pages_need_view_permission_and_a_real_version(client, districts):
    from producers.models import Platform

    voso = Platform.objects.get(slug="voso")
    voso.save()
    version = voso.history.earliest()
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"]))
    url = reverse("admin:producers_platform_simple_history", args=[voso.pk, version.history_id])
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:producers_platform_history", args=[voso.pk])).status_code == 403
    client.force_login(staff_user(POSTAL_STAFF, username="buudien"))
    for bad in ([voso.pk, "abc"], [voso.pk, 999999], ["abc", version.history_id], [999999, 1]):
        assert client.get(reverse("admin:producers_platform_simple_history", args=bad)).status_code == 404


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
    response = client.get(reverse("admin:verification_queue"))
    assert response.status_code == 200
    names = [item["record"].name for item in response.context["page_obj"]]
    assert names == ["Chưa xác minh", "HTX Xác minh lâu"]

    response = client.post(reverse("admin:verification_queue"), {"loai": "cua-hang", "id": never.pk})
    assert response.status_code == 302
    never.refresh_from_db()
    assert never.verified_on == today
    assert never.history.first().history_user == editor
    other = Shop.objects.get(name="Huyện khác")
    assert (
        client.post(reverse("admin:verification_queue"), {"loai": "cua-hang", "id": other.pk}).status_code
        == 404
    )
    assert [i["record"] for i in client.get(reverse("admin:verification_queue")).context["page_obj"]] == [old]


def test_verification_queue_needs_staff_login(client):
    response = client.get(reverse("admin:verification_queue"))
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
