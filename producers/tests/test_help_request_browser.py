"""A farmer asks for help on a phone; a staff member then finds the household in the admin."""

import os
import re

import pytest

from camnang.tests import test_browser as journeys

# The browser journeys' fixtures and helpers, shared.
browser, phone, ha_trung = journeys.browser, journeys.phone, journeys.ha_trung
reference_data = journeys.reference_data
CHROMIUM, screenshot, staff_page = journeys.CHROMIUM, journeys.screenshot, journeys.staff_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium package is not installed"),
    pytest.mark.django_db(transaction=True),
]


def test_a_farmer_asks_for_help_and_staff_find_the_proposed_household(
    live_server,
    phone,
    browser,
    ha_trung,
):
    from shops.models import Commune

    commune = Commune.objects.public().filter(districts=ha_trung).order_by("code").first()
    phone.goto(live_server.url + "/san-thuong-mai/")
    phone.get_by_role("link", name="Đăng ký hỗ trợ bán hàng trên postmart.vn / voso.vn").click()
    phone.wait_for_url(re.compile(r"/dang-ky-ho-tro-ban-hang/$"))
    # The honeypot is out of sight: a one-pixel box far off the screen.
    honeypot = phone.locator("p.trap", has=phone.locator("#id_website")).bounding_box()
    assert honeypot["x"] + honeypot["width"] < 0 and honeypot["height"] <= 1
    phone.get_by_label("Họ và tên chủ hộ").fill("Lê Thị Mai")
    phone.get_by_label("Số điện thoại").fill("0912 345 678")
    phone.get_by_label("Xã, phường nơi hộ sản xuất").select_option(str(commune.pk))
    phone.get_by_label("Hộ trồng, nuôi hoặc làm ra sản phẩm gì?").fill("Nếp cái hoa vàng")
    phone.get_by_label(re.compile(r"voso\.vn –")).check()
    screenshot(phone, "help-request")
    phone.get_by_role("button", name="Gửi đăng ký").click()
    phone.wait_for_load_state()
    assert "Cần đánh dấu đồng ý" in phone.content()  # consent is required: nothing sent yet
    phone.get_by_label(re.compile("^Tôi đồng ý")).check()
    phone.get_by_role("button", name="Gửi đăng ký").click()
    phone.wait_for_url(re.compile(r"/dang-ky-ho-tro-ban-hang/da-gui/"))
    assert "Tiếp theo sẽ thế nào" in phone.content()
    assert "Viettel" in phone.content()
    screenshot(phone, "help-request-done")

    context, page, blocked = staff_page(browser, live_server)
    page.goto(live_server.url + "/quan-tri/producers/onboarding/?stage__exact=proposed")
    page.get_by_role("link", name="Lê Thị Mai").click()
    page.wait_for_url(re.compile(r"/quan-tri/producers/onboarding/\d+/change/"))
    content = page.content()
    assert "Đề xuất" in content and "voso" in content.lower()
    screenshot(page, "admin-onboarding")
    assert not blocked, blocked
    context.close()
