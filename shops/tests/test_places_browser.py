"""Today's map in a real browser: the place pages and the lookup on a 360 px phone, their
accessibility, and a commune's A4 list with a QR code that opens the commune's page.

Run with the other browser journeys (`pytest -m browser`, see camnang/tests/test_browser.py).
"""

import os
import re

import pytest
from PIL import Image

from camnang.tests import test_browser as journeys
from camnang.tests.test_browser import ARTIFACTS, AXE, CHROMIUM, DESKTOP, PHONE, both_widths
from camnang.tests.test_sharing import decode_qr_image
from producers.tests.factories import ProducerFactory
from shops.models import Commune
from shops.tests.factories import ShopFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium package is not installed"),
    pytest.mark.django_db(transaction=True),
]

# The browser journeys' fixtures: one Chromium per module, and the reference data each test needs.
browser = journeys.browser
reference_data = journeys.reference_data


@pytest.fixture
def place_pages(districts):
    ha_trung = districts["ha-trung"]
    hoat_giang = Commune.objects.get(name="Xã Hoạt Giang")
    for i in range(4):
        ShopFactory(
            name=f"Tạp hóa Yên Dương số {i}",
            district=ha_trung,
            commune=hoat_giang,
            commune_name="Xã Yên Dương",
            address=f"Thôn {i}, đường liên xã Hoạt Giang – Hà Bình",
            home_delivery=True,
        )
    ProducerFactory(name="HTX Rau sạch Hoạt Giang", district=ha_trung, commune=hoat_giang)
    return {
        "districts": "/dia-ban/",
        "district": "/dia-ban/ha-trung/",
        "commune": hoat_giang.get_absolute_url(),
        "lookup-divided": "/doi-dia-chi/?xa=Th%E1%BB%8B+tr%E1%BA%A5n+H%C3%A0+Trung",
        "lookup-error": "/doi-dia-chi/?xa=Ph%C6%B0%E1%BB%9Dng+B%E1%BA%BFn+Ngh%C3%A9&huyen=Qu%E1%BA%ADn+1",
        "lookup-english": "/en/doi-dia-chi/?xa=ha+vinh",
    }


def test_place_pages_fit_a_phone_and_have_no_serious_accessibility_violations(
    live_server, browser, place_pages
):
    for name, path in place_pages.items():
        both_widths(browser, live_server.url + path, f"places-{name}")
    if not AXE.exists():
        pytest.skip("axe-core is installed by npm (make test does it)")
    problems = journeys.accessibility_problems(browser, live_server, place_pages)
    assert not problems, problems


def test_the_districts_index_keeps_commune_links_in_the_text_on_a_phone(live_server, browser, place_pages):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + place_pages["districts"])
    # Each district is one card; the communes it became are links in a line of text, not cards.
    assert page.locator(".district-list > li").count() == 27
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.district-communes a')).display") == "inline"
    )
    card = page.locator(".district-list > li").first.bounding_box()
    assert card["height"] < 260, card
    context.close()


def test_a_citizen_looks_up_an_old_address_and_opens_the_commune(live_server, browser, place_pages):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/doi-dia-chi/")
    page.get_by_label("Xã, phường, thị trấn (tên cũ hoặc mới)").fill("xa yen duong, huyen ha trung")
    page.get_by_role("button", name="Tra cứu").click()
    result = page.locator(".lookup-result")
    assert "Xã Yên Dương (huyện Hà Trung) nay thuộc Xã Hoạt Giang, tỉnh Thanh Hóa." in result.inner_text()
    result.get_by_role("link", name="Xã Hoạt Giang").click()
    page.wait_for_url(re.compile(r"/xa-phuong/xa-hoat-giang/$"))
    assert page.locator("h1").inner_text() == "Xã Hoạt Giang"
    assert page.locator(".card").count() >= 4
    context.close()


def test_commune_list_prints_on_a4_and_its_qr_code_opens_the_commune_page(live_server, browser, place_pages):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + place_pages["commune"])
    page.get_by_role("link", name="In danh sách cửa hàng và cơ sở sản xuất (A4)").click()
    page.wait_for_url(re.compile(r"/xa-phuong/xa-hoat-giang/in/"))
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less the margins, at 96 dpi
    assert page.evaluate("document.documentElement.scrollWidth <= 718")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
    (ARTIFACTS / "commune-print.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    qr_png = ARTIFACTS / "commune-qr.png"
    page.locator(".qr svg").screenshot(path=str(qr_png))
    target = decode_qr_image(Image.open(qr_png))
    assert target == live_server.url + place_pages["commune"]
    page.emulate_media(media="screen")
    assert page.goto(target).status == 200
    assert page.locator("h1").inner_text() == "Xã Hoạt Giang"
    context.close()
