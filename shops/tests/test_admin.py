import pytest
from django.urls import reverse

from core.models import Status
from shops.models import Category, Shop
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def shop_form(district, **overrides):
    data = {
        "name": "Tạp hóa Hoa Mai",
        "slug": "",
        "kind": "household",
        "status": "published",
        "verified_on": "",
        "district": district.pk,
        "commune_name": "Xã Hà Lĩnh",
        "address": "Thôn 5",
        "phone": "030 555 6666",
        "zalo": "",
        "website": "",
        "facebook": "",
        "categories": [Category.objects.get(slug="luong-thuc").pk],
        "order_by_phone": "on",
        "home_delivery": "on",
        "delivery_area": "",
        "opening_hours": "7:00 – 20:00",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_admin_is_in_vietnamese(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị Cẩm nang" in html
    assert "Cửa hàng" in html
    assert "Cơ sở sản xuất" in html


def test_staff_adds_a_shop_that_appears_on_the_public_page(staff_client, client, districts):
    ha_trung = districts["ha-trung"]
    response = staff_client.post(reverse("admin:shops_shop_add"), shop_form(ha_trung))
    assert response.status_code == 302, response.context["adminform"].form.errors
    shop = Shop.objects.get(name="Tạp hóa Hoa Mai")
    assert shop.slug == "tap-hoa-hoa-mai"
    assert "luong thuc" in shop.search_text  # categories saved after the shop
    assert "Tạp hóa Hoa Mai" in client.get(ha_trung.get_absolute_url()).content.decode()


def test_bad_phone_is_refused_with_a_vietnamese_message(staff_client, districts):
    response = staff_client.post(
        reverse("admin:shops_shop_add"), shop_form(districts["ha-trung"], phone="12ab")
    )
    assert response.status_code == 200
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    assert not Shop.objects.exists()


def test_list_filters_and_accent_free_search(staff_client, districts):
    ShopFactory(name="Nhà thuốc Phúc An", district=districts["ha-trung"], kind="pharmacy")
    ShopFactory(name="Siêu thị Đông Sơn", district=districts["dong-son"], kind="supermarket")
    url = reverse("admin:shops_shop_changelist")
    html = staff_client.get(url, {"q": "nha thuoc"}).content.decode()
    assert "Nhà thuốc Phúc An" in html and "Siêu thị Đông Sơn" not in html
    html = staff_client.get(url, {"district__id__exact": districts["dong-son"].pk}).content.decode()
    assert "Siêu thị Đông Sơn" in html and "Nhà thuốc Phúc An" not in html
    html = staff_client.get(url, {"kind__exact": "pharmacy", "status__exact": "published"}).content.decode()
    assert "Nhà thuốc Phúc An" in html


def test_publish_unpublish_and_verify_actions(staff_client, districts):
    shops = ShopFactory.create_batch(3, district=districts["ha-trung"], status=Status.DRAFT)
    url = reverse("admin:shops_shop_changelist")
    ids = [s.pk for s in shops[:2]]
    staff_client.post(url, {"action": "publish", "_selected_action": ids})
    assert Shop.objects.published().count() == 2
    staff_client.post(url, {"action": "mark_verified", "_selected_action": ids})
    assert Shop.objects.filter(verified_on__isnull=False).count() == 2
    staff_client.post(url, {"action": "unpublish", "_selected_action": ids[:1]})
    assert Shop.objects.get(pk=ids[0]).status == Status.HIDDEN


def test_staff_edits_a_district(staff_client, districts):
    ha_trung = districts["ha-trung"]
    url = reverse("admin:shops_district_change", args=[ha_trung.pk])
    form = {
        "name": "Huyện Hà Trung",
        "short_name": "Hà Trung",
        "slug": "ha-trung",
        "code": 392,
        "kind": "rural",
        "province_code": 38,
        "position": 1,
        "is_active": "on",
        "note": "Đầu mối: Phòng Văn hóa – Thông tin huyện.",
    }
    assert staff_client.post(url, form).status_code == 302
    ha_trung.refresh_from_db()
    assert ha_trung.note.startswith("Đầu mối")


def test_search_text_follows_what_staff_change_in_the_admin(admin_client, districts):
    """Renaming a district or category, or changing a shop's categories, in the admin is
    searchable at once: the admin rebuilds every search text that quotes the names."""
    from core.text import fold
    from producers.tests.factories import ProducerFactory, ProductFactory
    from shops.models import Category
    from shops.tests.factories import ShopFactory

    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Tìm Được", district=ha_trung)
    product = ProductFactory(producer=ProducerFactory(district=ha_trung), name="Chiếu cói")
    category = Category.objects.first()

    data = admin_client.get(reverse("admin:shops_district_change", args=[ha_trung.pk])).context["adminform"]
    values = {name: data.form.initial.get(name) for name in data.form.fields}
    values.update(name="Huyện Hà Trung Mới", editors=[])
    response = admin_client.post(
        reverse("admin:shops_district_change", args=[ha_trung.pk]),
        {k: v for k, v in values.items() if v is not None},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shop.refresh_from_db()
    product.refresh_from_db()
    assert fold("Huyện Hà Trung Mới") in shop.search_text
    assert fold("Huyện Hà Trung Mới") in product.search_text

    response = admin_client.post(
        reverse("admin:shops_category_change", args=[category.pk]),
        {"name": "Nhóm hàng đổi tên", "slug": category.slug, "position": 0},
    )
    assert response.status_code == 302
    shop.categories.set([category])
    shop.refresh_from_db()
    change = admin_client.get(reverse("admin:shops_shop_change", args=[shop.pk])).context["adminform"].form
    posted = {name: value for name, value in change.initial.items() if value not in (None, "")}
    posted.update(categories=[category.pk], district=ha_trung.pk, verified_on="")
    admin_client.post(reverse("admin:shops_shop_change", args=[shop.pk]), posted)
    shop.refresh_from_db()
    assert fold("Nhóm hàng đổi tên") in shop.search_text
