"""Public pages of the campaigns app: handbook, chapters, print, banner page, news, feeds."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from camnang.tests.utils import count_queries, h1_count
from campaigns.models import HandbookChapter
from campaigns.tests.factories import BannerFactory, ChapterFactory, NewsFactory, png_file
from core.models import Status

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def loaded(db):
    call_command("load_campaigns", stdout=io.StringIO())


def test_every_new_public_page_answers_with_one_h1(client, loaded):
    post = NewsFactory(cover=png_file(640, 360, name="bia.png"), cover_alt="Ảnh bìa")
    urls = [
        reverse("campaigns:handbook"),
        reverse("campaigns:handbook_print"),
        reverse("campaigns:banners"),
        reverse("campaigns:banners") + "?doi-tac=so-tttt",
        reverse("campaigns:news"),
        reverse("campaigns:news") + "?page=abc",
        post.get_absolute_url(),
        *[c.get_absolute_url() for c in HandbookChapter.objects.all()],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url
        assert '<html lang="vi">' in response.content.decode(), url


def test_handbook_lists_campaigns_and_chapters_by_audience(client, loaded):
    html = client.get(reverse("campaigns:handbook")).content.decode()
    assert "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số" in html
    buyers, sellers, contacts = (
        html.index(h) for h in ("Người mua", "Người bán và hộ sản xuất", ">Liên hệ<")
    )
    assert buyers < sellers < contacts
    for slug in (
        "mua-hang-online-an-toan",
        "giao-nhan-khong-tiep-xuc",
        "thanh-toan-truc-tuyen-an-toan",
        "nhan-biet-va-phong-tranh-lua-dao",
        "dang-ky-ban-hang-tren-postmart-va-voso",
        "mo-tai-khoan-thanh-toan-truc-tuyen",
        "dong-goi-va-ban-giao-cho-doanh-nghiep-buu-chinh",
        "lien-he-ho-tro",
    ):
        assert f'href="/cam-nang/{slug}/"' in html


def test_shipped_chapters_link_only_to_pages_that_exist(client, loaded):
    import re

    for chapter in HandbookChapter.objects.all():
        for href in re.findall(r'href="(/[^"#]*)"', chapter.body_html):
            assert client.get(href).status_code == 200, (chapter.slug, href)


def test_chapter_has_toc_anchors_and_previous_next(client, loaded):
    response = client.get("/cam-nang/thanh-toan-truc-tuyen-an-toan/")
    html = response.content.decode()
    assert 'href="#muc-giu-tai-khoan-an-toan"' in html and 'id="muc-giu-tai-khoan-an-toan"' in html
    assert 'rel="prev" href="/cam-nang/giao-nhan-khong-tiep-xuc/"' in html
    assert 'rel="next" href="/cam-nang/nhan-biet-va-phong-tranh-lua-dao/"' in html
    first = client.get("/cam-nang/mua-hang-online-an-toan/").content.decode()
    assert 'rel="prev"' not in first
    last = client.get("/cam-nang/lien-he-ho-tro/").content.decode()
    assert 'rel="next"' not in last


def test_contacts_name_todays_units_and_no_agency_number(client, loaded):
    html = client.get("/cam-nang/lien-he-ho-tro/").content.decode()
    for fact in (
        "Bưu điện tỉnh Thanh Hóa",
        "Chi nhánh Bưu chính Viettel Thanh Hóa",
        "Sở Nông nghiệp và Môi trường",
        "Sở Khoa học và Công nghệ",
        "UBND xã, phường",
    ):
        assert fact in html
    # The 2021 letter's number is the agencies' coordination contact, quoted on the banner page.
    assert "0915" not in html
    for chapter in HandbookChapter.objects.all():
        assert "0915" not in chapter.body, chapter.slug


def test_drafts_are_hidden_from_the_public_and_previewed_by_staff(client, admin_client):
    draft = ChapterFactory(status=Status.DRAFT, title="Bản nháp")
    assert client.get(draft.get_absolute_url()).status_code == 404
    preview = admin_client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Bản xem trước" in preview.content.decode()
    assert "Bản nháp" not in client.get(reverse("campaigns:handbook")).content.decode()


def permitted_user(*codenames, username="canbo"):
    """A staff account holding exactly these campaigns permissions."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username, password="mat-khau-thu-nghiem-2024", is_staff=True)
    permissions = Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
    user.user_permissions.set(permissions)
    return user


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control and "public" not in cache_control


def test_only_chapter_editors_preview_drafts_and_the_preview_is_never_cached(client, districts):
    from camnang.roles import POSTAL_STAFF
    from camnang.tests.utils import staff_user

    draft = ChapterFactory(status=Status.DRAFT, title="Bản nháp")
    published = ChapterFactory(title="Đã công bố")
    for user in (staff_user(POSTAL_STAFF), permitted_user("view_handbookchapter", username="chixem")):
        client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(permitted_user("change_handbookchapter", username="bientap"))
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Bản xem trước" in preview.content.decode()
    assert_private(preview)
    page = client.get(published.get_absolute_url())
    assert page.status_code == 200 and "no-store" not in page.get("Cache-Control", "")


def test_only_news_editors_preview_drafts_and_future_posts(client, districts):
    from camnang.roles import POSTAL_STAFF
    from camnang.tests.utils import staff_user

    draft = NewsFactory(title="Tin nháp", status=Status.DRAFT)
    future = NewsFactory(title="Tin hẹn giờ", published_on=timezone.localdate() + timedelta(days=3))
    for user in (staff_user(POSTAL_STAFF), permitted_user("view_newspost", username="chixem")):
        client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(future.get_absolute_url()).status_code == 404
    client.force_login(permitted_user("change_newspost", username="bientap"))
    for post in (draft, future):
        preview = client.get(post.get_absolute_url())
        assert preview.status_code == 200 and "Bản xem trước" in preview.content.decode()
        assert_private(preview)


def test_print_version_holds_every_chapter_with_demoted_headings(client, loaded):
    html = client.get(reverse("campaigns:handbook_print")).content.decode()
    assert html.count('class="print-chapter"') == HandbookChapter.objects.count()
    assert '<h4 id="muc-giu-tai-khoan-an-toan">' in html
    assert h1_count(client.get(reverse("campaigns:handbook_print"))) == 1


def test_chapter_body_is_rendered_and_cached_on_save():
    chapter = ChapterFactory(body="## Một\n\n<script>x()</script>Chữ")
    assert chapter.body_html.startswith('<h2 id="muc-mot">')
    assert "script" not in chapter.body_html
    assert chapter.toc[0]["id"] == "muc-mot"
    HandbookChapter.objects.filter(pk=chapter.pk).update(body_html="cached")
    chapter.refresh_from_db()
    assert chapter.body_html == "cached"  # pages read the stored HTML, not the Markdown


def test_reserved_slugs_are_refused():
    from django.core.exceptions import ValidationError

    chapter = ChapterFactory.build(slug="in")
    with pytest.raises(ValidationError):
        chapter.clean()


def test_handbook_pages_have_constant_queries(client, loaded):
    few = count_queries(client, "/cam-nang/mua-hang-online-an-toan/")
    ChapterFactory.create_batch(5)
    assert count_queries(client, "/cam-nang/mua-hang-online-an-toan/") == few
    index = count_queries(client, reverse("campaigns:handbook"))
    ChapterFactory.create_batch(5, audience=HandbookChapter.Audience.SELLERS)
    assert count_queries(client, reverse("campaigns:handbook")) == index


def test_news_list_detail_and_visibility(client):
    today = timezone.localdate()
    shown = NewsFactory(title="Tin đã đăng", published_on=today)
    NewsFactory(title="Tin hẹn giờ", published_on=today + timedelta(days=3))
    NewsFactory(title="Tin nháp", status=Status.DRAFT)
    NewsFactory(title="Tin mẫu", is_demo=True)
    html = client.get(reverse("campaigns:news")).content.decode()
    assert "Tin đã đăng" in html and "Tin mẫu" in html and "Bài minh họa" in html
    assert "Tin hẹn giờ" not in html and "Tin nháp" not in html
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(reverse("campaigns:news_detail", kwargs={"slug": "tin-nhap"})).status_code == 404


def test_news_is_paginated(client):
    for i in range(12):
        NewsFactory(title=f"Tin {i:02d}")
    first = client.get(reverse("campaigns:news")).content.decode()
    assert first.count('class="news-item"') == 10 and 'rel="next"' in first
    second = client.get(reverse("campaigns:news"), {"page": 2}).content.decode()
    assert second.count('class="news-item"') == 2
    assert client.get(reverse("campaigns:news"), {"page": "999"}).status_code == 200


def test_rss_feed_is_valid(client):
    NewsFactory(title="Tin một & hai", summary="Tóm <tắt>")
    response = client.get(reverse("campaigns:news_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert len(items) == 1
    assert items[0].findtext("title") == "Tin một & hai"
    assert items[0].findtext("description") == "Tóm <tắt>"
    assert items[0].findtext("link").startswith("http://testserver/tin-tuc/")
    assert root.find("./channel/language").text == "vi"


def test_atom_feed_is_valid(client):
    NewsFactory(title="Tin Atom")
    response = client.get(reverse("campaigns:news_atom"))
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Tin Atom"]
    assert entries[0].find(f"{ATOM}updated").text


def test_header_and_home_link_the_handbook_and_news(client, loaded):
    NewsFactory(title="Tin trang chủ")
    html = client.get(reverse("home")).content.decode()
    assert 'href="/cam-nang/"' in html and 'href="/tin-tuc/"' in html
    assert 'href="/cam-nang/mua-hang-online-an-toan/"' in html
    assert "Tin trang chủ" in html
    assert 'type="application/atom+xml"' in html


def test_banner_page_lists_banners_with_previews(client):
    banner = BannerFactory(slug="cam-nang", title="Banner cẩm nang")
    html = client.get(reverse("campaigns:banners")).content.decode()
    assert 'href="/banner/cam-nang.zip"' in html
    assert f'src="{banner.image_url(728, 90)}" width="728" height="90"' in html
