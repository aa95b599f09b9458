"""The onboarding funnel view: counts, conversions and median days per place or company,
the households to call, the downloads, and who sees what."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from openpyxl import load_workbook

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import staff_user
from campaigns import funnel
from producers.models import Onboarding, Producer
from producers.services import move_onboarding, withdraw_consent
from producers.tests.factories import ProducerFactory, platform
from shops.models import Commune

pytestmark = pytest.mark.django_db
Stage = Onboarding.Stage
ONBOARDING = "/quan-tri/ke-hoach/dua-len-san/"


def ago(days):
    return timezone.localdate() - timedelta(days=days)


def household(district, path, *, commune=None, on=None, name=None):
    """A household in `district` whose record went through `path`: (stage, days ago) pairs."""
    producer = ProducerFactory(
        district=district, commune=commune, kind=Producer.Kind.HOUSEHOLD, **({"name": name} if name else {})
    )
    onboarding = Onboarding(producer=producer, platform=platform(on) if on else None)
    for stage, days in path:
        shop = f"https://{platform(on).domain}/cua-hang/{producer.slug}" if stage == Stage.SHOP_OPEN else ""
        move_onboarding(
            onboarding, stage, user=None, day=ago(days), reason="Chưa có sản lượng.", shop_url=shop
        )
    return onboarding


@pytest.fixture
def ways(districts):
    """Four households of Hà Trung (two communes, and one not placed yet) and one of Nga Sơn."""
    ha_trung, nga_son = districts["ha-trung"], districts["nga-son"]
    first, second = Commune.objects.in_district(ha_trung).order_by("name")[:2]
    P, C, T, S, F = Stage.PROPOSED, Stage.CONTACTED, Stage.TRAINED, Stage.SHOP_OPEN, Stage.FIRST_ORDER
    D = Stage.DECLINED
    household(ha_trung, [(P, 100), (C, 90), (T, 80), (S, 70), (F, 60)], commune=first, on="voso")
    household(ha_trung, [(P, 100), (C, 96), (T, 90), (S, 40)], commune=first, on="voso")
    household(ha_trung, [(P, 50), (C, 45), (D, 44)], commune=second, on="postmart")
    household(ha_trung, [(P, 10)])
    household(nga_son, [(P, 60), (C, 40)], on="postmart")
    return first, second


def rows_of(result):
    return {row.label: row for row in result.rows}


def test_counts_conversions_and_medians_per_former_district(ways, admin_user):
    result = funnel.funnel(admin_user, funnel.DISTRICT)
    assert [row.label for row in result.rows] == ["Huyện Hà Trung", "Huyện Nga Sơn"]
    ha_trung = rows_of(result)["Huyện Hà Trung"]
    # A household that reached a later stage reached every earlier one; the declined one
    # counts as proposed and contacted, and as declined.
    assert ha_trung.counts == [4, 3, 2, 2, 1] and ha_trung.declined == 1
    assert (ha_trung.shop_rate, ha_trung.order_rate) == (50, 50)
    # Proposed → contacted: 10, 4 and 5 days; contacted → trained: 10 and 6; trained →
    # shop: 10 and 50; shop → first order: 10.
    assert ha_trung.medians == [5, 8, 30, 10]
    overall = result.overall
    assert overall.counts == [5, 4, 2, 2, 1] and overall.declined == 1
    assert overall.shop_rate == 40 and overall.medians == [7.5, 8, 30, 10]
    nga_son = rows_of(result)["Huyện Nga Sơn"]
    assert (nga_son.shop_rate, nga_son.order_rate, nga_son.medians) == (0, None, [20, None, None, None])


def test_a_household_proposed_again_is_measured_from_its_latest_proposal(districts, admin_user):
    P, C, D = Stage.PROPOSED, Stage.CONTACTED, Stage.DECLINED
    household(districts["ha-trung"], [(P, 100), (D, 90), (P, 50), (C, 47)])
    [row] = funnel.funnel(admin_user).rows
    assert row.counts == [1, 1, 0, 0, 0] and row.declined == 0 and row.medians[0] == 3


def test_grouped_by_todays_commune_and_by_postal_company(ways, admin_user):
    first, second = ways
    communes = rows_of(funnel.funnel(admin_user, funnel.COMMUNE))
    assert communes[first.name].counts == [2, 2, 2, 2, 1]
    assert communes[second.name].counts == [1, 1, 0, 0, 0] and communes[second.name].declined == 1
    assert communes["Chưa xác định xã, phường"].counts == [2, 1, 0, 0, 0]  # one in Hà Trung, one in Nga Sơn

    companies = funnel.funnel(admin_user, funnel.COMPANY)
    voso, postmart = platform("voso"), platform("postmart")
    by_company = rows_of(companies)
    assert by_company[f"{voso.operator} ({voso.name})"].counts == [2, 2, 2, 2, 1]
    assert by_company[f"{postmart.operator} ({postmart.name})"].counts == [2, 2, 0, 0, 0]
    assert companies.rows[-1].label == "Chưa chọn (một trong hai doanh nghiệp)"
    assert companies.rows[-1].counts == [1, 0, 0, 0, 0]


def funnel_table(client, query=""):
    html = client.get(ONBOARDING + query).content.decode()
    return html.split('id="pheu"', 1)[1].split("</table>", 1)[0]


def test_the_page_shows_the_grouping_asked_for(admin_client, ways):
    first, _second = ways
    ha_trung = '<th scope="row">Huyện Hà Trung</th>'
    by_district = funnel_table(admin_client)
    assert ha_trung in by_district and first.name not in by_district
    by_commune = funnel_table(admin_client, "?theo=xa")
    assert f'<th scope="row">{first.name}</th>' in by_commune and ha_trung not in by_commune
    by_company = funnel_table(admin_client, "?theo=doanh-nghiep")
    assert f"({platform('postmart').name})</th>" in by_company and ha_trung not in by_company
    assert ha_trung in funnel_table(admin_client, "?theo=xyz")  # unknown: the former districts


def test_a_district_editor_sees_only_their_districts_households(client, districts, ways):
    household(districts["nga-son"], [(Stage.PROPOSED, 45)], name="Hộ chờ ở Nga Sơn")
    household(districts["ha-trung"], [(Stage.PROPOSED, 45)], name="Hộ chờ ở Hà Trung")
    editor = staff_user(DISTRICT_EDITORS, districts["ha-trung"])
    # The roles are set elsewhere: the permission the page asks for is given here.
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="producers", codename="view_onboarding")
    )
    editor = type(editor).objects.get(pk=editor.pk)  # permissions are cached per instance
    client.force_login(editor)

    html = client.get(ONBOARDING).content.decode()
    assert '<th scope="row">Huyện Hà Trung</th>' in html and "Huyện Nga Sơn" not in html
    assert "Hộ chờ ở Hà Trung" in html and "Hộ chờ ở Nga Sơn" not in html
    result = funnel.funnel(editor)
    assert [row.label for row in result.rows] == ["Huyện Hà Trung"] and result.overall.total == 5
    exported = client.get(ONBOARDING + "?xuat=csv&bang=can-theo-doi").content.decode("utf-8-sig")
    assert "Hộ chờ ở Hà Trung" in exported and "Hộ chờ ở Nga Sơn" not in exported


def test_households_without_a_move_for_30_days_are_listed_oldest_first(admin_client, admin_user, districts):
    ha_trung = districts["ha-trung"]
    P, C, T, S, F = Stage.PROPOSED, Stage.CONTACTED, Stage.TRAINED, Stage.SHOP_OPEN, Stage.FIRST_ORDER
    late = household(ha_trung, [(P, 40), (C, 31)], name="Hộ chờ 31 ngày")
    later = household(ha_trung, [(P, 60)], name="Hộ chờ 60 ngày")
    household(ha_trung, [(P, 40), (C, 29)], name="Hộ chờ 29 ngày")
    household(ha_trung, [(P, 90), (C, 80), (T, 70), (S, 60), (F, 50)], name="Hộ đã có đơn", on="voso")
    household(ha_trung, [(P, 90), (Stage.DECLINED, 80)], name="Hộ đã từ chối")
    withdrawn = household(ha_trung, [(P, 90)], name="Hộ rút đồng ý")
    withdraw_consent(withdrawn, user=None)

    stale, count = funnel.follow_up(admin_user, timezone.localdate())
    assert [o.producer.name for o in stale] == ["Hộ chờ 60 ngày", "Hộ chờ 31 ngày"] and count == 2

    html = admin_client.get(ONBOARDING).content.decode()
    section = html.split('id="can-theo-doi"', 1)[1]
    assert "2 hộ không chuyển bước quá 30 ngày" in section
    assert section.index("Hộ chờ 60 ngày") < section.index("Hộ chờ 31 ngày")
    assert f'href="/quan-tri/producers/onboarding/{later.pk}/change/"' in section
    assert f'href="/quan-tri/producers/onboarding/{late.pk}/change/"' in section
    for name in ("Hộ chờ 29 ngày", "Hộ đã có đơn", "Hộ đã từ chối", "Hộ rút đồng ý", "Hộ đã rút đồng ý"):
        assert name not in section


def test_the_follow_up_list_is_limited_and_counted(admin_user, districts):
    for _ in range(3):
        household(districts["ha-trung"], [(Stage.PROPOSED, 45)])
    stale, count = funnel.follow_up(admin_user, timezone.localdate(), limit=2)
    assert len(stale) == 2 and count == 3


def test_the_funnel_downloads_as_csv_and_xlsx_with_the_grouping_kept(admin_client, ways):
    first, _second = ways
    html = admin_client.get(ONBOARDING + "?theo=xa").content.decode()
    assert 'href="?theo=xa&amp;xuat=csv"' in html and 'href="?theo=xa&amp;xuat=xlsx"' in html

    response = admin_client.get(ONBOARDING + "?theo=xa&xuat=csv")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Xã, phường hiện nay", "Đề xuất", "Đã liên hệ"]
    assert rows[1][:6] == [first.name, "2", "2", "2", "2", "1"]
    assert rows[-1][:2] == ["Tổng cộng", "5"]

    response = admin_client.get(ONBOARDING + "?xuat=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][:9] == ["Huyện Hà Trung", 4, 3, 2, 2, 1, 1, 50, 50]
    assert values[1][9:] == [5, 8, 30, 10]
    assert values[-1][0] == "Tổng cộng"


def test_a_name_a_spreadsheet_would_run_is_downloaded_as_text(admin_client, districts):
    name = '=HYPERLINK("https://evil.example","Bấm")'
    household(districts["ha-trung"], [(Stage.PROPOSED, 45)], name=name)
    text = admin_client.get(ONBOARDING + "?xuat=csv&bang=can-theo-doi").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'" + name
    response = admin_client.get(ONBOARDING + "?xuat=xlsx&bang=can-theo-doi")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == "'" + name
    assert sheet.cell(row=2, column=6).value == 45
