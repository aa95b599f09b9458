"""Units change over time: their dates and successors, the 2025 reference data, records
kept under the unit of their day, the dashboard and the admin."""

import csv
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns import dashboard
from campaigns.models import Activity, ActivityRecord, Organisation, PartnerSite
from campaigns.tests.factories import ActivityFactory, OrganisationFactory, RecordFactory
from shops.models import Commune, District

pytestmark = pytest.mark.django_db

DASHBOARD = "/quan-tri/ke-hoach/"


def load() -> str:
    out = io.StringIO()
    call_command("load_campaigns", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(districts):
    load()
    return {o.slug: o for o in Organisation.objects.all()}


def record_form(activity, organisation, day, **extra) -> dict:
    return {
        "activity": activity.pk,
        "organisation": organisation.pk,
        "date": day.isoformat(),
        "title": "Bản tin hướng dẫn mua bán online",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **extra,
    }


# --- The model's rules ----------------------------------------------------------------------


def test_current_units_on_a_date():
    always = OrganisationFactory(name="Bưu điện tỉnh")
    merged = OrganisationFactory(name="Sở cũ", valid_until=date(2025, 2, 28))
    founded = OrganisationFactory(name="Sở mới", valid_from=date(2025, 3, 1))
    names = lambda qs: set(qs.values_list("name", flat=True))  # noqa: E731

    assert names(Organisation.objects.current(date(2025, 2, 28))) == {"Bưu điện tỉnh", "Sở cũ"}
    assert names(Organisation.objects.current(date(2025, 3, 1))) == {"Bưu điện tỉnh", "Sở mới"}
    assert names(Organisation.objects.current()) == {"Bưu điện tỉnh", "Sở mới"}  # today
    assert names(Organisation.objects.ceased(date(2025, 3, 1))) == {"Sở cũ"}
    assert (always.exists_on(date(2021, 1, 1)), merged.exists_on(date(2025, 3, 1))) == (True, False)
    assert founded.exists_on(date(2025, 2, 28)) is False


def test_the_unit_that_stands_for_another_follows_successors():
    newest = OrganisationFactory(name="Đơn vị 2025", valid_from=date(2025, 6, 1))
    middle = OrganisationFactory(
        name="Đơn vị 3/2025", valid_from=date(2025, 3, 1), valid_until=date(2025, 5, 31), successor=newest
    )
    oldest = OrganisationFactory(name="Đơn vị 2021", valid_until=date(2025, 2, 28), successor=middle)
    dissolved = OrganisationFactory(name="Đơn vị giải thể", valid_until=date(2025, 6, 30))

    assert oldest.successor_on(date(2024, 5, 1)) == oldest
    assert oldest.successor_on(date(2025, 4, 1)) == middle
    assert oldest.successor_on(date(2026, 1, 1)) == newest
    assert newest.successor_on(date(2024, 5, 1)) is None  # not founded yet: no one stands in
    assert dissolved.successor_on(date(2026, 1, 1)) is None
    # A loop entered by mistake ends instead of running for ever.
    Organisation.objects.filter(pk=newest.pk).update(valid_until=date(2025, 12, 31), successor=oldest)
    newest.refresh_from_db()
    assert oldest.successor_on(date(2026, 1, 1)) is None


def test_organisation_dates_and_successor_are_checked():
    other = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        OrganisationFactory.build(valid_from=date(2025, 3, 1), valid_until=date(2025, 2, 1)).full_clean()
    assert "valid_until" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        OrganisationFactory.build(successor=other).full_clean()
    assert error.value.message_dict["successor"] == [
        "Chỉ ghi đơn vị kế thừa khi đã có ngày hoạt động cuối cùng."
    ]
    unit = OrganisationFactory(valid_until=date(2025, 2, 28), successor=other)
    other.valid_until, other.successor = date(2025, 6, 30), unit
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "successor" in error.value.message_dict


def test_a_record_must_go_to_a_unit_that_existed_on_its_date():
    new = OrganisationFactory(name="Sở Khoa học và Công nghệ", valid_from=date(2025, 3, 1))
    old = OrganisationFactory(
        name="Sở Thông tin và Truyền thông", valid_until=date(2025, 2, 28), successor=new
    )
    activity = ActivityFactory()

    ActivityRecord(activity=activity, organisation=old, date=date(2024, 5, 2), title="Tin 2024").full_clean()
    ActivityRecord(activity=activity, organisation=new, date=date(2025, 3, 1), title="Tin 2025").full_clean()

    with pytest.raises(ValidationError) as error:
        ActivityRecord(activity=activity, organisation=old, date=date(2025, 3, 1), title="Muộn").full_clean()
    assert error.value.message_dict["organisation"] == [
        "Sở Thông tin và Truyền thông chỉ hoạt động đến ngày 28/02/2025. Kết quả ngày 01/03/2025 hãy ghi "
        "cho đơn vị nay phụ trách: Sở Khoa học và Công nghệ."
    ]
    with pytest.raises(ValidationError) as error:
        ActivityRecord(activity=activity, organisation=new, date=date(2024, 5, 2), title="Sớm").full_clean()
    assert error.value.message_dict["organisation"] == [
        "Sở Khoa học và Công nghệ bắt đầu hoạt động từ ngày 01/03/2025. Kết quả ngày 02/05/2024 hãy ghi "
        "cho đơn vị lúc đó: Sở Thông tin và Truyền thông."
    ]


def test_a_district_committees_work_goes_to_its_communes(loaded):
    ha_trung = loaded["ubnd-ha-trung"]
    activity = ActivityFactory()
    with pytest.raises(ValidationError) as error:
        ActivityRecord(
            activity=activity, organisation=ha_trung, date=date(2025, 7, 1), title="Bản tin"
        ).full_clean()
    [message] = error.value.message_dict["organisation"]
    communes = Commune.objects.filter(districts__slug="ha-trung")
    assert communes.exists()
    assert message.startswith("UBND huyện Hà Trung chỉ hoạt động đến ngày 30/06/2025.")
    for commune in communes:
        assert f"UBND {commune.name[:1].lower()}{commune.name[1:]}" in message


# --- The reference data -----------------------------------------------------------------------


def test_2021_units_keep_their_names_and_say_what_they_became(loaded):
    names = {slug: o.name for slug, o in loaded.items()}
    assert names["so-tttt"] == "Sở Thông tin và Truyền thông"
    assert names["so-nn-ptnt"] == "Sở Nông nghiệp và Phát triển nông thôn"
    became = {
        slug: (o.valid_until, o.successor and o.successor.slug)
        for slug, o in loaded.items()
        if slug in {"so-tttt", "so-nn-ptnt", "bao-thanh-hoa", "dai-pt-th", "so-cong-thuong", "so-tai-chinh"}
    }
    assert became == {
        "so-tttt": (date(2025, 2, 28), "so-khcn"),
        "so-nn-ptnt": (date(2025, 2, 28), "so-nn-mt"),
        "bao-thanh-hoa": (date(2025, 5, 31), "bao-va-dai-pt-th"),
        "dai-pt-th": (date(2025, 5, 31), "bao-va-dai-pt-th"),
        "so-cong-thuong": (None, None),
        "so-tai-chinh": (None, None),
    }
    successors = [loaded[slug] for slug in ("so-khcn", "so-nn-mt", "bao-va-dai-pt-th")]
    assert [(o.name, o.valid_from) for o in successors] == [
        ("Sở Khoa học và Công nghệ", date(2025, 3, 1)),
        ("Sở Nông nghiệp và Môi trường", date(2025, 3, 1)),
        ("Báo và Đài Phát thanh – Truyền hình Thanh Hóa", date(2025, 6, 1)),
    ]
    for organisation in successors:
        assert "https://" in organisation.source, organisation
    for slug in ("so-tttt", "so-cong-thuong", "so-nn-ptnt", "so-tai-chinh", "bao-thanh-hoa", "viettel-post"):
        assert "003 Kế hoạch 241/KH-UBND" in loaded[slug].source, slug

    committees = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT)
    assert committees.count() == 27
    assert set(committees.values_list("valid_until", flat=True)) == {date(2025, 6, 30)}
    assert list(committees.exclude(successor=None).values_list("slug", "successor__slug")) == [
        ("ubnd-dong-son", "ubnd-thanh-hoa")  # merged into the city before 2025, date still to check
    ]
    assert all("203/2025/QH15" in source for source in committees.values_list("source", flat=True))
    # The units of today carry on the plan's activities: the department that took over, and
    # the communes' and wards' committees that took over the district committees' work.
    radio = Activity.objects.get(slug="truyen-thanh-co-so")
    today = set(radio.lead_organisations.current(date(2026, 1, 5)).values_list("slug", flat=True))
    communes = set(Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).values_list("slug", flat=True))
    assert len(communes) == 166 and today == {"so-khcn", *communes}


def test_one_committee_and_one_partner_site_per_commune(loaded):
    communes = list(Commune.objects.all())
    assert len(communes) == 166
    committees = Organisation.objects.filter(kind=Organisation.Kind.COMMUNE)
    assert committees.count() == len(communes)
    for commune in communes:
        committee = commune.committee
        assert committee.valid_from == date(2025, 7, 1) and committee.valid_until is None
        assert committee.name == f"UBND {commune.name[:1].lower()}{commune.name[1:]}"
        assert "1686/NQ-UBTVQH15" in committee.source
        partner = PartnerSite.objects.get(referral_tag=f"ubnd-{commune.slug}")
        assert (partner.organisation, partner.website, partner.name) == (committee, "", committee.name)
    assert loaded["so-khcn"].partner_sites.get().website == ""


def test_no_commune_committees_before_the_communes_are_loaded(db):
    from shops.models import Commune, FormerCommune

    # A database where only the former districts are known yet.
    FormerCommune.objects.all().delete()
    Commune.objects.all().delete()
    District.objects.exclude(slug="ha-trung").delete()
    load()
    assert not Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).exists()
    assert Organisation.objects.get(slug="ubnd-ha-trung").valid_until == date(2025, 6, 30)


def test_loading_again_creates_nothing_and_keeps_staff_edits(loaded):
    so_tttt = loaded["so-tttt"]
    so_tttt.valid_until, so_tttt.source = date(2025, 3, 14), "Quyết định của UBND tỉnh, cán bộ đã đối chiếu."
    so_tttt.save()
    dong_son = loaded["ubnd-dong-son"]
    dong_son.valid_until = date(2024, 11, 30)
    dong_son.save()
    commune = Commune.objects.order_by("code").first()
    partner = PartnerSite.objects.get(referral_tag=f"ubnd-{commune.slug}")
    partner.website = "https://xa.thanhhoa.gov.vn/"
    partner.save()
    counts = (Organisation.objects.count(), PartnerSite.objects.count())

    assert "0 organisations, 0 partner sites, 0 activities" in load()
    assert (Organisation.objects.count(), PartnerSite.objects.count()) == counts
    so_tttt.refresh_from_db()
    assert (so_tttt.valid_until, so_tttt.source) == (
        date(2025, 3, 14),
        "Quyết định của UBND tỉnh, cán bộ đã đối chiếu.",
    )
    assert Organisation.objects.get(slug="ubnd-dong-son").valid_until == date(2024, 11, 30)
    assert PartnerSite.objects.get(pk=partner.pk).website == "https://xa.thanhhoa.gov.vn/"


def test_units_loaded_before_get_their_dates_successors_and_the_new_committees(loaded):
    # As the reference data stood before units had dates: no successors, no commune committees.
    Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).delete()
    Organisation.objects.filter(slug__in=["so-khcn", "so-nn-mt", "bao-va-dai-pt-th"]).delete()
    PartnerSite.objects.filter(organisation=None).delete()
    Organisation.objects.update(valid_until=None, successor=None, source="")

    load()
    so_tttt = Organisation.objects.get(slug="so-tttt")
    assert (so_tttt.valid_until, so_tttt.successor.slug) == (date(2025, 2, 28), "so-khcn")
    assert "003 Kế hoạch 241/KH-UBND" in so_tttt.source
    assert Organisation.objects.get(slug="ubnd-ha-trung").valid_until == date(2025, 6, 30)
    assert Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).count() == 166
    assert PartnerSite.objects.filter(organisation__kind=Organisation.Kind.COMMUNE).count() == 166
    press = Activity.objects.get(slug="bao-chi-truyen-hinh")
    assert "bao-va-dai-pt-th" in press.lead_organisations.values_list("slug", flat=True)
    # Once joined, a successor staff take off an activity stays off.
    press.lead_organisations.remove(Organisation.objects.get(slug="bao-va-dai-pt-th"))
    load()
    assert "bao-va-dai-pt-th" not in press.lead_organisations.values_list("slug", flat=True)


# --- The dashboard ------------------------------------------------------------------------------


def test_a_row_stops_when_its_unit_ceased():
    new = OrganisationFactory(name="Sở mới", short_name="Sở mới", valid_from=date(2025, 3, 1))
    old = OrganisationFactory(name="Sở cũ", short_name="Sở cũ", valid_until=date(2025, 2, 28), successor=new)
    gone = OrganisationFactory(name="Đã giải thể", valid_until=date(2024, 12, 31))
    activity = ActivityFactory(target_period="month", start_date=date(2024, 11, 1), leads=[old, new, gone])
    RecordFactory(activity=activity, organisation=old, date=date(2025, 2, 10))
    RecordFactory(activity=activity, organisation=new, date=date(2025, 3, 10))

    [board] = dashboard.activity_boards(today=date(2025, 4, 15), count=4)
    assert [c.label for c in board.columns] == [
        "Tháng 01/2025",
        "Tháng 02/2025",
        "Tháng 03/2025",
        "Tháng 04/2025",
    ]
    rows = {row.organisation.name: row for row in board.rows}
    assert set(rows) == {"Sở cũ", "Sở mới"}  # dissolved before the first month shown: no row
    assert [c.state for c in rows["Sở cũ"].cells] == ["missed", "met", "inactive", "inactive"]
    assert [c.state for c in rows["Sở mới"].cells] == ["inactive", "inactive", "met", "open"]
    assert (rows["Sở cũ"].met, rows["Sở cũ"].judged) == (1, 2)


def test_dashboard_and_csv_show_no_target_for_a_unit_that_ceased(admin_client):
    ceased_on = timezone.localdate() - timedelta(days=21)
    old = OrganisationFactory(name="Sở cũ", short_name="Sở cũ", valid_until=ceased_on)
    activity = ActivityFactory(target_period="week", start_date=date(2021, 11, 1), leads=[old])
    RecordFactory(activity=activity, organisation=old, date=ceased_on)

    html = admin_client.get(DASHBOARD, {"hoat_dong": activity.slug, "so_ky": "8"}).content.decode()
    row = html.split('<th scope="row">Sở cũ</th>', 1)[1].split("</tr>", 1)[0]
    states = re.findall(r'data-state="(\w+)"', row)
    first_gone = states.index("inactive")
    assert first_gone > 0 and set(states[first_gone:]) == {"inactive"}  # nothing "missed" after it ceased
    assert f'<td class="num">1/{first_gone}</td>' in row

    response = admin_client.get(DASHBOARD, {"hoat_dong": activity.slug, "so_ky": "8", "xuat": "csv"})
    lines = [
        line for line in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) if line[1] == "Sở cũ"
    ]
    assert len(lines) == first_gone
    assert all(datetime.strptime(line[3], "%d/%m/%Y").date() <= ceased_on for line in lines)


# --- The admin ----------------------------------------------------------------------------------


def test_admin_lists_current_or_ceased_units_and_searches_them(admin_client, loaded):
    url = reverse("admin:campaigns_organisation_changelist")
    current = admin_client.get(url, {"tinh-trang": "dang-hoat-dong"}).context["cl"].result_list
    ceased = admin_client.get(url, {"tinh-trang": "da-giai-the"}).context["cl"].result_list
    assert {"so-khcn", "ubnd-xa-ha-trung", "so-cong-thuong"} <= {o.slug for o in current}
    assert not {"so-tttt", "ubnd-ha-trung"} & {o.slug for o in current}
    assert {o.slug for o in ceased} == {"so-tttt", "so-nn-ptnt", "bao-thanh-hoa", "dai-pt-th"} | {
        o.slug for o in Organisation.objects.filter(kind=Organisation.Kind.DISTRICT)
    }
    found = admin_client.get(url, {"q": "KH&CN"}).context["cl"].result_list
    assert [o.slug for o in found] == ["so-khcn"]
    found = admin_client.get(url, {"q": "4043-QĐ/TU"}).context["cl"].result_list  # in the source
    assert {o.slug for o in found} == {"bao-thanh-hoa", "dai-pt-th", "bao-va-dai-pt-th"}
    assert admin_client.get(url, {"tinh-trang": "<script>"}).status_code == 200


def test_admin_shows_staff_the_source_and_who_took_over(admin_client, loaded):
    page = admin_client.get(reverse("admin:campaigns_organisation_change", args=[loaded["so-khcn"].pk]))
    html = page.content.decode()
    assert "https://ictvietnam.vn/print/69097.html" in html  # the source, in its field
    assert "Sở Thông tin và Truyền thông</a>" in html  # "trước đây là"
    page = admin_client.get(reverse("admin:campaigns_organisation_change", args=[loaded["ubnd-ha-trung"].pk]))
    html = page.content.decode()
    for commune in Commune.objects.filter(districts__slug="ha-trung"):
        assert f"{commune.committee.name}</a>" in html


def test_admin_refuses_a_new_record_for_a_unit_that_ceased(admin_client, loaded):
    activity = Activity.objects.get(slug="truyen-thanh-co-so")
    url = reverse("admin:campaigns_activityrecord_add")
    today = timezone.localdate()

    response = admin_client.post(url, record_form(activity, loaded["so-tttt"], today))
    assert response.status_code == 200
    assert not ActivityRecord.objects.exists()
    assert "Sở Thông tin và Truyền thông chỉ hoạt động đến ngày 28/02/2025." in response.content.decode()
    assert "hãy ghi cho đơn vị nay phụ trách: Sở Khoa học và Công nghệ." in response.content.decode()

    assert admin_client.post(url, record_form(activity, loaded["so-khcn"], today)).status_code == 302
    # Work of its own time is still recorded under the old unit, and such a record stays editable.
    assert (
        admin_client.post(url, record_form(activity, loaded["so-tttt"], date(2024, 5, 2))).status_code == 302
    )
    old = ActivityRecord.objects.get(organisation=loaded["so-tttt"])
    change = reverse("admin:campaigns_activityrecord_change", args=[old.pk])
    form = record_form(activity, loaded["so-tttt"], old.date, notes="Bổ sung ghi chú")
    assert admin_client.post(change, form).status_code == 302
    assert ActivityRecord.objects.get(pk=old.pk).organisation == loaded["so-tttt"]


def test_record_autocomplete_offers_only_units_of_today(admin_client, loaded):
    def found(model_name, field_name, term):
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {"app_label": "campaigns", "model_name": model_name, "field_name": field_name, "term": term},
        )
        return {item["text"] for item in response.json()["results"]}

    offered = found("activityrecord", "organisation", "Sở")
    assert "Sở KH&CN" in offered and "Sở Công Thương" in offered
    assert "Sở TT&TT" not in offered and "Sở NN&PTNT" not in offered
    assert "UBND Hà Trung" not in found("activityrecord", "organisation", "Hà Trung")
    # Elsewhere (a news post's author, a unit's successor) every unit can still be chosen.
    assert "Sở TT&TT" in found("newspost", "author_unit", "Sở")
