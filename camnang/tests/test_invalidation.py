"""Every committed change citizens can see retires what the caches hold: whole pages,
rendered cards and the values kept per content version. The edits here are committed
(transactional tests), as in production, where the version moves only after the commit."""

import pytest
from django.test import override_settings

from camnang.tests.utils import wsgi_get
from campaigns.tests.factories import ChapterFactory, NewsFactory
from shops.tests.factories import CategoryFactory, ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fresh(url) -> str:
    """The page after a change: rendered again (a MISS), never the stored copy."""
    response = wsgi_get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "MISS", url
    return response.content.decode()


def cached(url) -> str:
    wsgi_get(url)
    response = wsgi_get(url)
    assert response["X-Cache"] == "HIT"
    return response.content.decode()


def test_a_deleted_shop_leaves_the_page_at_once(districts):
    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Sắp Đóng Cửa", district=ha_trung)
    assert "Tạp hóa Sắp Đóng Cửa" in cached(ha_trung.get_absolute_url())
    shop.delete()
    assert "Tạp hóa Sắp Đóng Cửa" not in fresh(ha_trung.get_absolute_url())


def test_changing_a_shops_categories_shows_at_once(districts):
    ha_trung = districts["ha-trung"]
    category = CategoryFactory(name="Lương thực thử", slug="luong-thuc-thu")
    shop = ShopFactory(name="Tạp hóa Thêm Gạo", district=ha_trung)
    url = f"{ha_trung.get_absolute_url()}?category={category.slug}"
    assert "Tạp hóa Thêm Gạo" not in cached(url)
    shop.categories.add(category)
    assert "Tạp hóa Thêm Gạo" in fresh(url)


def test_campaign_edits_retire_the_handbook_and_news_pages(db):
    chapter = ChapterFactory(title="Chương Trước Khi Sửa")
    post = NewsFactory(title="Tin Trước Khi Sửa")
    assert "Chương Trước Khi Sửa" in cached("/cam-nang/")
    assert "Tin Trước Khi Sửa" in cached("/tin-tuc/")
    chapter.title = "Chương Đã Sửa"
    chapter.save()
    post.title = "Tin Đã Sửa"
    post.save()
    assert "Chương Đã Sửa" in fresh("/cam-nang/")
    assert "Tin Đã Sửa" in fresh("/tin-tuc/")


@override_settings(PUBLIC_CACHE_SECONDS=0)  # the layers below the page cache on their own
def test_cards_and_values_kept_per_version_follow_a_committed_edit(districts):
    ha_trung = districts["ha-trung"]
    shop = ShopFactory(name="Tạp hóa Thẻ Cũ", district=ha_trung)
    ShopFactory(name="Tạp hóa Nháp", district=ha_trung, status="draft")
    url = ha_trung.get_absolute_url()
    assert "Tạp hóa Thẻ Cũ" in wsgi_get(url).content.decode()  # the card is kept
    listing = wsgi_get("/dia-ban/").content.decode()  # counts are kept
    shop.name = "Tạp hóa Thẻ Mới"
    shop.save()
    page = wsgi_get(url).content.decode()
    assert "Tạp hóa Thẻ Mới" in page and "Tạp hóa Thẻ Cũ" not in page
    draft = ha_trung.shops.get(name="Tạp hóa Nháp")
    draft.status = "published"
    draft.save()
    assert wsgi_get("/dia-ban/").content.decode() != listing
