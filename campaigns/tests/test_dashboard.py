"""The staff dashboard, its CSV export and report deadlines (the onboarding view: test_funnel)."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from camnang.tests.utils import count_queries
from campaigns import dashboard, periods
from campaigns.models import Activity, ActivityRecord, Organisation, ReportSubmission
from campaigns.tests.factories import ActivityFactory, OrganisationFactory, RecordFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/quan-tri/ke-hoach/"
ONBOARDING = "/quan-tri/ke-hoach/dua-len-san/"


@pytest.fixture
def plan(districts):
    call_command("load_campaigns", stdout=io.StringIO())
    return Activity.objects.get(slug="truyen-thanh-co-so")


def week_cell(html: str, activity_slug: str, organisation: str) -> str:
    """The state of the current (outlined) period's cell in the organisation's row."""
    board = html.split(f'id="hoat-dong-{activity_slug}"', 1)[1].split('<div class="module', 1)[0]
    headers = re.findall(r'<th scope="col" class="num( current)?"', board)
    current = next(i for i, h in enumerate(headers) if h)
    row = board.split(f'<th scope="row">{organisation}</th>', 1)[1].split("</tr>", 1)[0]
    return re.findall(r'data-state="(\w+)"', row)[current]


def test_staff_record_a_radio_broadcast_and_see_the_week_turn_green(admin_client, plan):
    department = Organisation.objects.get(slug="so-khcn")
    before = admin_client.get(DASHBOARD).content.decode()
    assert week_cell(before, plan.slug, "Sở KH&amp;CN") == "open"

    response = admin_client.post(
        reverse("admin:campaigns_activityrecord_add"),
        {
            "activity": plan.pk,
            "organisation": department.pk,
            "date": timezone.localdate().isoformat(),
            "title": "Bản tin hướng dẫn mua bán online an toàn",
            "link": "",
            "participants": "",
            "notes": "",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = ActivityRecord.objects.get()
    assert record.recorded_by.username == "admin"

    after = admin_client.get(DASHBOARD).content.decode()
    assert week_cell(after, plan.slug, "Sở KH&amp;CN") == "met"


def test_admin_refuses_a_record_in_the_future(admin_client, plan):
    response = admin_client.post(
        reverse("admin:campaigns_activityrecord_add"),
        {
            "activity": plan.pk,
            "organisation": Organisation.objects.get(slug="so-khcn").pk,
            "date": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "title": "Sai ngày",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not ActivityRecord.objects.exists()


def test_boards_count_per_period_and_judge_finished_ones():
    today = date(2022, 1, 5)  # a Wednesday
    org, other = OrganisationFactory(), OrganisationFactory()
    activity = ActivityFactory(
        target_count=2, target_period="week", start_date=date(2021, 12, 1), leads=[org, other]
    )
    for day in (date(2021, 12, 27), date(2022, 1, 2), date(2022, 1, 3)):  # two in the week spanning the year
        RecordFactory(activity=activity, organisation=org, date=day)
    RecordFactory(activity=activity, organisation=other, date=date(2022, 1, 4))
    [board] = dashboard.activity_boards(today=today, count=3)
    assert [c.label for c in board.columns] == ["Tuần 51/2021", "Tuần 52/2021", "Tuần 01/2022"]
    rows = {row.organisation: row for row in board.rows}
    assert [(c.count, c.state) for c in rows[org].cells] == [(0, "missed"), (2, "met"), (1, "open")]
    assert [(c.count, c.state) for c in rows[other].cells] == [(0, "missed"), (0, "missed"), (1, "open")]
    # The all-units row counts the units that met the target: one busy unit is not enough.
    overall = [(c.count, c.units_met, c.units, c.state) for c in board.overall.cells]
    assert overall == [(0, 0, 2, "missed"), (2, 1, 2, "missed"), (2, 0, 2, "open")]
    assert (rows[org].met, rows[org].total) == (1, 3)


def test_boards_start_at_the_activity_start_and_use_its_cadence():
    org = OrganisationFactory()
    activity = ActivityFactory(target_period="quarter", start_date=date(2021, 11, 10), leads=[org])
    RecordFactory(activity=activity, organisation=org, date=date(2021, 12, 31))
    RecordFactory(activity=activity, organisation=org, date=date(2022, 4, 1))
    [board] = dashboard.activity_boards(today=date(2022, 5, 1), count=8)
    assert [c.label for c in board.columns] == ["Quý IV/2021", "Quý I/2022", "Quý II/2022"]
    assert [c.state for c in board.rows[0].cells] == ["met", "missed", "met"]


def test_dashboard_period_selector_and_junk_parameters(admin_client, plan):
    html = admin_client.get(DASHBOARD, {"so_ky": "4", "hoat_dong": plan.slug}).content.decode()
    assert html.count('class="module plan-board"') == 1
    board = html.split(f'id="hoat-dong-{plan.slug}"', 1)[1]
    assert board.split("</thead>")[0].count("Tuần ") == 4
    for junk in ({"so_ky": "abc"}, {"den": "2021-02-30"}, {"hoat_dong": "<script>"}, {"so_ky": "100000"}):
        assert admin_client.get(DASHBOARD, junk).status_code == 200
    past = admin_client.get(DASHBOARD, {"den": "2021-12-31", "hoat_dong": plan.slug}).content.decode()
    assert "Tuần 52/2021" in past


def test_csv_export(admin_client, plan):
    department = Organisation.objects.get(slug="so-khcn")
    RecordFactory(activity=plan, organisation=department, date=timezone.localdate())
    response = admin_client.get(DASHBOARD, {"hoat_dong": plan.slug, "so_ky": "4", "xuat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Hoạt động", "Đơn vị"]
    body = rows[1:]
    # Units that no longer exist have no lines: nothing is expected of them.
    assert len(body) == 4 * (plan.lead_organisations.current().count() + 1)
    current = periods.label("week", timezone.localdate())
    mine = [r for r in body if r[1] == "Sở KH&CN" and r[2] == current]
    assert mine and mine[0][5:] == ["1", "1", "Đạt", ""]
    everyone = [r for r in body if r[1] == "Toàn kế hoạch" and r[2] == current]
    leads = plan.lead_organisations.current().count()
    assert everyone and everyone[0][8] == f"1/{leads}"


def test_report_deadlines_due_and_overdue():
    post = OrganisationFactory(name="Bưu điện tỉnh", submits_reports=True)
    OrganisationFactory(name="Không báo cáo", submits_reports=False)
    ActivityFactory(start_date=date(2021, 11, 1))
    today = date(2021, 11, 24)  # a Wednesday
    ReportSubmission.objects.create(
        organisation=post, kind="week", period=date(2021, 11, 3), submitted_on=date(2021, 11, 10)
    )
    ReportSubmission.objects.create(
        organisation=post, kind="week", period=date(2021, 11, 17), submitted_on=date(2021, 11, 22)
    )
    statuses = {s.kind: s for s in dashboard.report_statuses(today=today)}
    assert {s.organisation for s in statuses.values()} == {post}
    weekly = statuses["week"]
    # Week of 8 Nov was due before Thursday 18 Nov and never sent.
    assert [d.label for d in weekly.overdue] == ["Tuần 45/2021"]
    assert weekly.next_due.label == "Tuần 47/2021" and weekly.next_due.deadline == date(2021, 12, 2)
    monthly = statuses["month"]
    assert monthly.overdue == [] and monthly.next_due.deadline == date(2021, 11, 25)
    assert statuses["quarter"].next_due.deadline == date(2021, 12, 25)
    assert [d.label for d in statuses["year"].overdue] == ["Năm 2021"]
    assert statuses["year"].next_due.deadline == date(2022, 11, 15)


def test_dashboard_shows_reports_and_is_staff_only(client, admin_client, plan):
    html = admin_client.get(DASHBOARD).content.decode()
    assert "Bưu điện tỉnh" in html and "Quá hạn chưa nộp" in html
    assert client.get(DASHBOARD).status_code == 302
    clerk = User.objects.create_user("canbo", password="x", is_staff=True)
    client.force_login(clerk)
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(ONBOARDING).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="view_activity"))
    assert client.get(DASHBOARD).status_code == 200
    # The onboarding view needs its own permission, and is linked only for those who hold it.
    assert client.get(ONBOARDING).status_code == 403
    assert ONBOARDING not in client.get(DASHBOARD).content.decode()
    clerk.user_permissions.add(Permission.objects.get(codename="view_onboarding"))
    assert client.get(ONBOARDING).status_code == 200
    assert ONBOARDING in client.get(DASHBOARD).content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert 'href="/quan-tri/ke-hoach/"' in index


def test_dashboard_queries_do_not_grow_with_records(admin_client, plan):
    few = count_queries(admin_client, DASHBOARD)
    for org in Organisation.objects.filter(kind="district")[:10]:
        for days in range(0, 40, 6):
            RecordFactory(activity=plan, organisation=org, date=timezone.localdate() - timedelta(days=days))
    assert count_queries(admin_client, DASHBOARD) == few


def test_an_activity_without_a_target_is_counted_not_judged():
    org = OrganisationFactory()
    activity = ActivityFactory(target_count=None, target_period="quarter", leads=[org])
    RecordFactory(activity=activity, organisation=org, date=date(2022, 4, 1))
    [board] = dashboard.activity_boards(today=date(2022, 5, 1), count=2)
    assert [(c.count, c.state) for c in board.rows[0].cells] == [(0, "unset"), (1, "unset")]
    assert (board.rows[0].met, board.rows[0].judged, board.rows[0].total) == (0, 0, 1)
    assert str(activity.target_label) == "chưa có chỉ tiêu"


def test_plan_targets_the_plan_did_not_set_read_no_target(admin_client, plan):
    training = Activity.objects.get(slug="hoi-nghi-tap-huan")
    assert training.target_count is None
    html = admin_client.get(DASHBOARD, {"hoat_dong": training.slug}).content.decode()
    assert "chưa có chỉ tiêu" in html and "Kế hoạch không nêu số lượng" in html
    assert 'data-state="met"' not in html and 'data-state="missed"' not in html
    assert "do Sở đặt" not in html
    # The targets the plan sets name the section that sets them.
    assert "mục III" in plan.source and plan.target_count == 1


def test_staff_who_set_a_target_are_named_with_the_date(admin_client, admin_user, plan):
    training = Activity.objects.get(slug="hoi-nghi-tap-huan")
    url = reverse("admin:campaigns_activity_change", args=[training.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["lead_organisations"] = [o.pk for o in training.lead_organisations.all()]
    data["coordinating_organisations"] = [o.pk for o in training.coordinating_organisations.all()]
    data["target_count"] = "2"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    training.refresh_from_db()
    assert (training.target_count, training.target_set_by, training.target_set_on) == (
        2,
        admin_user,
        timezone.localdate(),
    )
    html = admin_client.get(DASHBOARD, {"hoat_dong": training.slug}).content.decode()
    assert f"Chỉ tiêu do {admin_user.username} đặt ngày {timezone.localdate():%d/%m/%Y}" in html


def test_reports_go_to_the_unit_that_took_over_the_department(admin_client, plan):
    html = admin_client.get(DASHBOARD).content.decode()
    assert "Báo cáo định kỳ về Sở Khoa học và Công nghệ" in html
    assert "Báo cáo định kỳ về Sở Thông tin và Truyền thông" not in html


def test_the_all_units_row_never_hides_a_unit_that_missed(admin_client, plan):
    """11 of the 28 leads (27 district committees and the department) recording their
    radio item in a week of 2024 is 11/28 for that week, not a green tick."""
    day = date(2024, 3, 6)  # a Wednesday, when the district committees still existed
    leads = list(plan.lead_organisations.current(day))
    assert len(leads) == 28
    for unit in leads[:11]:
        RecordFactory(activity=plan, organisation=unit, date=day - timedelta(days=7))
    html = admin_client.get(DASHBOARD, {"hoat_dong": plan.slug, "so_ky": "4", "den": day.isoformat()})
    overall = html.content.decode().split('<tr class="overall">', 1)[1].split("</tr>", 1)[0]
    assert 'data-units="11/28"' in overall
    assert 'data-state="met"' not in overall
    [board] = dashboard.activity_boards(today=day, count=2, activity_slug=plan.slug)
    assert (board.overall.cells[0].count, board.overall.cells[0].units_met) == (11, 11)
    assert board.overall.cells[0].state == "missed"


def test_a_commune_editor_records_their_committees_weekly_radio_item(client, plan):
    from camnang import roles
    from camnang.tests.utils import staff_user
    from shops.models import Commune

    ha_trung = Commune.objects.get(slug="xa-ha-trung")
    own = Organisation.objects.get(kind="commune", commune=ha_trung)
    other = Organisation.objects.filter(kind="commune").exclude(pk=own.pk).first()
    editor = staff_user(roles.COMMUNE_EDITORS, username="xa")
    editor.communes.set([ha_trung])
    client.force_login(editor)
    add = reverse("admin:campaigns_activityrecord_add")
    form = {
        "activity": plan.pk,
        "date": timezone.localdate().isoformat(),
        "title": "Bản tin phát thanh tuần này",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    # Another commune's committee is not theirs to record for.
    refused = client.post(add, {**form, "organisation": other.pk})
    assert refused.status_code == 200 and "organisation" in refused.context["adminform"].form.errors
    assert not ActivityRecord.objects.exists()
    assert client.post(add, {**form, "organisation": own.pk}).status_code == 302
    record = ActivityRecord.objects.get()
    assert (record.organisation, record.recorded_by) == (own, editor)

    # Their rows of the dashboard: their committee's, the current week met, nobody else's.
    RecordFactory(activity=plan, organisation=other, date=timezone.localdate())
    html = client.get(DASHBOARD, {"hoat_dong": plan.slug}).content.decode()
    assert week_cell(html, plan.slug, str(own)) == "met"
    assert f'<th scope="row">{other}</th>' not in html
    assert 'data-units="1/1"' in html
    # Another commune's record is not found for them.
    other_record = ActivityRecord.objects.exclude(pk=record.pk).get()
    change = reverse("admin:campaigns_activityrecord_change", args=[other_record.pk])
    assert client.get(change).status_code == 404


def test_postal_staff_record_their_companys_trainings_only(client, plan):
    from camnang import roles
    from camnang.tests.utils import staff_user
    from shops.models import PostalStaffMember

    training = Activity.objects.get(slug="hoi-nghi-tap-huan")
    viettel = Organisation.objects.get(slug="viettel-post")
    vnpost = Organisation.objects.get(slug="buu-dien-tinh")
    staff = staff_user(roles.POSTAL_STAFF, username="viettel")
    PostalStaffMember.objects.create(user=staff, company="viettelpost")
    client.force_login(staff)
    add = reverse("admin:campaigns_activityrecord_add")
    form = {
        "activity": training.pk,
        "date": timezone.localdate().isoformat(),
        "title": "Tập huấn mở gian hàng trên voso.vn",
        "participants": "30",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    refused = client.post(add, {**form, "organisation": vnpost.pk})
    assert refused.status_code == 200 and "organisation" in refused.context["adminform"].form.errors
    assert client.post(add, {**form, "organisation": viettel.pk}).status_code == 302
    assert ActivityRecord.objects.get().organisation == viettel
    # Another company's records are not theirs to see.
    other = RecordFactory(activity=training, organisation=vnpost, date=timezone.localdate())
    assert client.get(reverse("admin:campaigns_activityrecord_change", args=[other.pk])).status_code == 404
    html = client.get(DASHBOARD, {"hoat_dong": training.slug}).content.decode()
    assert f'<th scope="row">{viettel}</th>' in html and f'<th scope="row">{vnpost}</th>' not in html
