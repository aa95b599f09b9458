"""Journeys a person makes, in a real browser: Debian's Chromium driven by Playwright.

Screenshots at 360 px (a cheap phone) and 1280 px are saved under artifacts/screenshots/.
Skipped where /usr/bin/chromium is missing; CI installs it. `make test` runs these in a
pytest process of their own: the live server needs committed data (transactional
tests, which empty the database afterwards), and Playwright's event loop must not
share a process with the rest of the suite's database connections.
"""

import importlib
import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from camnang.tests.test_sharing import decode_qr_image
from producers.tests.factories import ListingFactory, ProducerFactory, ProductFactory
from shops.tests.factories import ShopFactory

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium package is not installed"),
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests still talk to
    # the database synchronously, which is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="vi-VN")
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def both_widths(browser, url: str, name: str) -> None:
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        page.goto(url)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, (name, viewport)
        screenshot(page, name)
        context.close()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Categories and platforms, as the data migrations load them (each test starts empty)."""
    from django.apps import apps

    for module in ("shops.migrations.0002_categories", "producers.migrations.0002_platforms"):
        importlib.import_module(module).forwards(apps, None)


@pytest.fixture
def ha_trung(districts):
    return districts["ha-trung"]


def test_citizen_finds_a_shop_without_accents_and_taps_call(live_server, phone, ha_trung, browser):
    shop = ShopFactory(name="Tạp hóa Minh Hằng", district=ha_trung, phone="030 111 2222", home_delivery=True)
    ShopFactory(name="Nhà thuốc Phúc An", district=ha_trung, kind="pharmacy")

    phone.goto(live_server.url + "/")
    phone.fill("#q", "tap hoa ha trung")
    phone.press("#q", "Enter")
    phone.wait_for_url(re.compile(r"/tim-kiem/\?q=tap\+hoa\+ha\+trung"))
    screenshot(phone, "search-results")
    phone.get_by_role("link", name="Tạp hóa Minh Hằng", exact=True).tap()
    phone.wait_for_url(live_server.url + shop.get_absolute_url())

    call = phone.locator("a.btn-call").first
    assert call.get_attribute("href") == "tel:+84301112222"
    assert call.inner_text() == "Gọi 0301 112 222"
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb-sized target
    screenshot(phone, "shop")
    call.tap()  # hands the number to the phone's dialer; the page stays usable
    assert phone.locator("h1").inner_text() == "Tạp hóa Minh Hằng"
    both_widths(browser, live_server.url + shop.get_absolute_url(), "shop")
    both_widths(browser, live_server.url + "/", "home")
    both_widths(browser, live_server.url + ha_trung.get_absolute_url(), "district")


def test_citizen_opens_a_producer_and_follows_the_voso_link(live_server, phone, ha_trung, browser):
    producer = ProducerFactory(name="HTX Nông nghiệp Hà Lĩnh", district=ha_trung)
    ProductFactory(producer=producer, name="Gạo nếp cái hoa vàng", ocop_stars=3)
    listing = ListingFactory(producer=producer, url="https://voso.vn/cua-hang/htx-ha-linh")
    phone.goto(live_server.url + ha_trung.get_absolute_url())
    phone.get_by_role("link", name="HTX Nông nghiệp Hà Lĩnh", exact=True).tap()
    phone.wait_for_url(live_server.url + producer.get_absolute_url())
    screenshot(phone, "producer")
    # The machine has no Internet: seeing the browser set off for voso.vn is the proof.
    with phone.expect_request("https://voso.vn/cua-hang/htx-ha-linh") as request_info:
        phone.get_by_role("link", name="Mua trên voso.vn").tap()
    assert request_info.value.is_navigation_request()
    assert request_info.value.redirected_from.url == f"{live_server.url}/go/{listing.pk}/"
    listing.refresh_from_db()
    assert listing.clicks == 1
    both_widths(browser, live_server.url + producer.get_absolute_url(), "producer")


def test_district_list_prints_on_a4_and_its_qr_code_opens_the_district_page(live_server, browser, ha_trung):
    for i in range(30):
        ShopFactory(name=f"Cửa hàng số {i:02d}", district=ha_trung, home_delivery=bool(i % 2))
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + ha_trung.get_absolute_url())
    page.get_by_role("link", name="In danh sách cửa hàng (A4)").click()
    page.wait_for_url(re.compile(r"/dia-ban/ha-trung/in/"))

    page.emulate_media(media="print")
    # The printable width of A4 with the page margins: 190 mm at 96 dpi.
    page.set_viewport_size({"width": 718, "height": 1000})
    assert page.evaluate("document.documentElement.scrollWidth <= 718")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
    (ARTIFACTS / "district-print.pdf").write_bytes(pdf)
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    assert page.locator(".screen-only").is_hidden()

    qr_png = ARTIFACTS / "district-qr.png"
    page.locator(".qr svg").screenshot(path=str(qr_png))
    target = decode_qr_image(Image.open(qr_png))
    assert target == live_server.url + ha_trung.get_absolute_url()
    page.emulate_media(media="screen")
    response = page.goto(target)
    assert response.status == 200
    assert page.locator("h1").inner_text().startswith("Huyện Hà Trung")  # "(khu vực huyện cũ)"
    context.close()


def test_partner_copies_a_banner_snippet_with_one_click(live_server, browser):
    from campaigns.tests.factories import BannerFactory

    BannerFactory(slug="cam-nang")
    context = browser.new_context(
        viewport=DESKTOP, locale="vi-VN", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    blocked = []
    page.on(
        "console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.goto(live_server.url + "/banner/")
    page.get_by_role("button", name="Sao chép mã nhúng 728×90").click()
    # A locator's wait, not wait_for_function: polling a string predicate needs eval, which
    # the site's CSP forbids.
    status = page.locator("#snippet-cam-nang-728x90 + p.copy [role=status]")
    status.filter(has_text="Đã sao chép").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value("#snippet-cam-nang-728x90")
    assert copied.startswith('<a href="') and "728x90.png" in copied
    assert not blocked
    context.close()


def test_staff_member_adds_and_publishes_a_shop_that_citizens_then_see(live_server, browser, ha_trung):
    context, page, blocked = staff_page(browser, live_server)
    page.goto(live_server.url + "/quan-tri/shops/shop/add/")
    page.fill("#id_name", "Tạp hóa Mới Mở Hà Trung")
    page.select_option("#id_kind", "household")
    page.select_option("#id_status", "draft")
    page.select_option("#id_district", str(ha_trung.pk))
    page.fill("#id_commune_name", "Xã Hà Lĩnh")  # today's commune follows from it
    page.fill("#id_address", "Thôn 7")
    page.fill("#id_phone", "030 999 8888 / (0237) 3852 000")
    page.check("#id_home_delivery")
    screenshot(page, "admin-add-shop")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/shops/shop/$"))

    # A draft is not public yet; the list action publishes it.
    public = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    public.goto(live_server.url + ha_trung.get_absolute_url())
    assert "Tạp hóa Mới Mở Hà Trung" not in public.content()
    page.locator("tr", has_text="Tạp hóa Mới Mở Hà Trung").locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_load_state()
    assert "Đã công bố 1" in page.content()

    public.goto(live_server.url + ha_trung.get_absolute_url())
    assert "Tạp hóa Mới Mở Hà Trung" in public.content()
    public.get_by_role("link", name="Tạp hóa Mới Mở Hà Trung", exact=True).click()
    assert public.locator("a.btn-call").first.get_attribute("href") == "tel:+84309998888"
    assert public.locator("a[href='tel:+842373852000']").inner_text() == "0237 3852 000"  # "Số khác"
    screenshot(public, "published-shop")
    assert not blocked, blocked
    context.close()


AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def key_pages(ha_trung):
    """The pages citizens use most, with enough content to be representative."""
    from django.core.management import call_command

    from campaigns.models import Banner, HandbookChapter

    call_command("load_campaigns", stdout=io.StringIO())
    shop = ShopFactory(
        name="Tạp hóa Minh Hằng", district=ha_trung, home_delivery=True, website="https://example.vn"
    )
    ShopFactory.create_batch(3, district=ha_trung, pickup=True)
    producer = ProducerFactory(
        name="HTX Nông nghiệp Hà Lĩnh", district=ha_trung, description="Trồng lúa nếp."
    )
    ProductFactory(producer=producer, name="Gạo nếp cái hoa vàng", ocop_stars=4, price=35000, unit="kg")
    ListingFactory(producer=producer)
    return {
        "home": "/",
        "district": ha_trung.get_absolute_url(),
        "shop": shop.get_absolute_url(),
        "producer": producer.get_absolute_url(),
        "search": "/tim-kiem/?q=ha+trung",
        "chapter": HandbookChapter.objects.published().first().get_absolute_url(),
        "banner kit": Banner.objects.first().get_absolute_url().split("#")[0],
        "home (English)": "/en/",
    }


def accessibility_problems(browser, live_server, pages: dict) -> dict:
    """axe's serious and critical findings on each page, at phone and desktop widths."""
    # axe is injected as a script the page did not ship; the page's CSP would refuse it.
    problems = {}
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport, bypass_csp=True, locale="vi-VN")
        page = context.new_page()
        for name, path in pages.items():
            page.goto(live_server.url + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if serious:
                problems[f"{name} at {viewport['width']} px"] = serious
        context.close()
    return problems


def staff_page(browser, live_server, **options):
    """A superuser logged in to the admin in a new desktop browser; (context, page, blocked),
    where `blocked` collects what the Content-Security-Policy refused."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("canbo", "canbo@camnang.invalid", "mat-khau-rat-dai-2026")
    return logged_in_page(browser, live_server, "canbo", "mat-khau-rat-dai-2026", **options)


def logged_in_page(browser, live_server, username, password, **options):
    """(context, page, blocked) of `username` logged in to the admin in a new desktop browser."""
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", **options)
    page = context.new_page()
    blocked = []
    page.on(
        "console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.goto(live_server.url + "/quan-tri/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/quan-tri/")
    return context, page, blocked


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by npm (make test does it)")
def test_key_pages_have_no_serious_accessibility_violations(live_server, browser, key_pages):
    # axe is injected as a script the page did not ship; the page's CSP would refuse it.
    problems = accessibility_problems(browser, live_server, key_pages)
    assert not problems, "\n".join(
        f"{page}: {issue}" for page, issues in problems.items() for issue in issues
    )


def test_staff_import_a_kept_list_choose_a_column_fix_the_refused_rows_and_confirm(
    live_server, browser, ha_trung
):
    """The mapping step and the refused rows' spreadsheet, as a staff member uses them."""
    from openpyxl import load_workbook

    from core.tests.sheetfiles import xlsx
    from shops.models import Shop

    rows = [
        ["UBND HUYỆN HÀ TRUNG"],
        ["DANH SÁCH CÁC ĐIỂM BÁN HÀNG THIẾT YẾU"],
        ["STT", "Tên điểm bán", "Số máy", "Huyện", "Xã/TT"],
        [1, "Tạp hóa Bình Minh", "0912 345 678", "Hà Trung", "Hà Lĩnh"],
        [2, "Quầy thuốc Hồng Nhung", "gọi sau", "Hà Trung", "Hà Đông"],
        ["Tổng cộng", None, None, None, 2],
    ]
    upload = Path(settings.BASE_DIR) / "artifacts" / "danh-sach-diem-ban.xlsx"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(xlsx(("Danh sách", rows)))
    context, page, blocked = staff_page(browser, live_server, accept_downloads=True)
    page.get_by_role("link", name="Nhập dữ liệu từ Excel, CSV").click()
    page.get_by_role("link", name="Danh sách cửa hàng").click()
    page.set_input_files("input[type=file]", str(upload))
    page.click("input[type=submit]")

    # The mapping: "Số máy" means nothing to the portal; the staff member says it is the phone.
    assert "Dòng tiêu đề của bảng: dòng 3" in page.content()
    phone_column = page.get_by_label("Mục cho cột Số máy")
    assert phone_column.input_value() == ""
    phone_column.select_option("phone")
    screenshot(page, "import-mapping")
    page.get_by_role("button", name="Kiểm tra tệp").click()

    # One refused row, named with its row, column, value and reason; nothing to confirm yet.
    problems = page.locator("table.import-problems tbody tr")
    assert problems.count() == 1
    assert problems.first.inner_text().split("\t")[:3] == ["5", "Số máy", "gọi sau"]
    assert page.get_by_role("button", name="Xác nhận ghi vào danh mục").count() == 0
    screenshot(page, "import-refused")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Tải các dòng bị từ chối")).click()
    refused = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    sheet = refused.active
    assert [cell.value for cell in sheet[1]][-1] == "Lỗi"
    assert sheet.cell(row=2, column=2).value == "Quầy thuốc Hồng Nhung"

    # Fixed in the spreadsheet and uploaded again; the mapping is remembered.
    sheet.cell(row=2, column=3).value = "0912 000 222"
    sheet.delete_cols(sheet.max_column)
    fixed = upload.with_name("da-sua.xlsx")
    refused.save(fixed)
    page.goto(live_server.url + "/quan-tri/nhap-du-lieu/cua-hang/")
    page.set_input_files("input[type=file]", str(fixed))
    page.click("input[type=submit]")
    assert page.get_by_label("Mục cho cột Số máy").input_value() == "phone"
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.get_by_role("button", name="Xác nhận ghi vào danh mục").click()
    assert "Hoàn tất" in page.content() and "Đã nhập xong: 1 mục mới" in page.content()
    assert Shop.objects.get().phone == "+84912000222"
    assert not blocked, blocked
    context.close()


def test_citizen_reports_a_wrong_phone_and_staff_close_it_as_checked(live_server, browser, phone, ha_trung):
    from django.contrib.auth.models import Permission
    from django.utils import timezone

    from camnang.roles import DISTRICT_EDITORS
    from camnang.tests.utils import staff_user

    shop = ShopFactory(name="Tạp hóa Minh Hằng", district=ha_trung, phone="030 111 2222", verified_on=None)
    phone.goto(live_server.url + shop.get_absolute_url())
    assert "Xác minh lần cuối" not in phone.content()
    phone.get_by_role("link", name="Báo thông tin chưa đúng").tap()
    phone.get_by_label("Số điện thoại không đúng").check()
    phone.get_by_label("Ghi chú thêm (không bắt buộc)").fill("Gọi không được, số mới là 0301 112 223.")
    assert phone.locator(".trap").bounding_box()["x"] < 0  # the honeypot: off-screen for people
    screenshot(phone, "report-error")
    phone.get_by_role("button", name="Gửi báo cáo").tap()
    phone.wait_for_url(re.compile(r"/bao-thong-tin-sai/cua-hang/.+/da-gui/$"))
    assert "Cảm ơn bạn!" in phone.content()

    # The district's editor, allowed to view and close reports, logs in.
    editor = staff_user(DISTRICT_EDITORS, ha_trung, username="bientap-hatrung")
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_errorreport", "change_errorreport"])
    )
    context, page, blocked = logged_in_page(
        browser, live_server, "bientap-hatrung", "mat-khau-thu-nghiem-2024"
    )
    page.get_by_role("link", name="Người dân báo thông tin chưa đúng").click()
    row = page.locator("#result_list tbody tr", has_text="Tạp hóa Minh Hằng")
    assert "Số điện thoại không đúng" in row.inner_text()
    row.locator("a").first.click()
    values = page.locator("table.record-values")
    assert "0301 112 222" in values.inner_text()  # the current number, beside the report
    assert "Gọi không được, số mới là 0301 112 223." in page.content()
    page.select_option("#id_outcome", "corrected")
    page.fill("#id_outcome_note", "Đã gọi cửa hàng, sửa số.")
    page.check("#id_verified_today")
    screenshot(page, "admin-close-report")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/camnang/errorreport/"))
    assert "Đã đóng 1 báo cáo." in page.content()
    assert not blocked, blocked
    context.close()

    phone.goto(live_server.url + shop.get_absolute_url())
    verified = phone.locator("dt", has_text="Xác minh lần cuối").locator("xpath=following-sibling::dd[1]")
    assert verified.inner_text() == timezone.localdate().strftime("%d/%m/%Y")
