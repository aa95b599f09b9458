"""Data migrations that correct what earlier releases loaded."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.models import Activity, ActivityRecord, Campaign, Organisation


@pytest.mark.django_db(transaction=True)  # the schema moves back and forth
def test_facts_without_a_source_are_dropped_and_demo_records_flagged(districts):
    before = ("campaigns", "0004_organisation_validity")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Campaign_ = old.get_model("campaigns", "Campaign")
    handbook = Campaign_.objects.create(
        slug="cam-nang-mua-ban-hang-online",
        name="Cẩm nang",
        message="Mua bán online, hạn chế tiếp xúc – an toàn phòng chống dịch",
        start_date=date(2021, 9, 1),
    )
    edited = Campaign_.objects.create(
        slug="nang-tam-gia-tri-nong-san",
        name="Kế hoạch",
        message="Staff's own",
        start_date=date(2021, 11, 10),
    )
    Activity_ = old.get_model("campaigns", "Activity")
    training = Activity_.objects.create(
        campaign=handbook,
        slug="hoi-nghi-tap-huan",
        channel="training",
        title="Tập huấn",
        start_date=date(2021, 11, 1),
        target_count=1,
        target_period="quarter",
        target_note="Kế hoạch không nêu số lượng; chỉ tiêu theo dõi do Sở đặt: mỗi đơn vị …",
    )
    Organisation_ = old.get_model("campaigns", "Organisation")
    city = Organisation_.objects.create(
        slug="ubnd-thanh-hoa",
        name="UBND thành phố Thanh Hóa",
        short_name="UBND Thanh Hóa",
        kind="district",
        district_id=districts["thanh-hoa"].pk,
    )
    record = old.get_model("campaigns", "ActivityRecord").objects.create(
        activity=training,
        organisation=city,
        date=date(2025, 5, 5),
        title="Buổi tập huấn",
        notes="Dữ liệu minh họa.",
    )

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    handbook = Campaign.objects.get(pk=handbook.pk)
    assert (handbook.message, handbook.start_date) == ("", None) and "tháng 9/2021" in handbook.source
    assert Campaign.objects.get(pk=edited.pk).message == "Staff's own"  # staff's words are kept
    training = Activity.objects.get(pk=training.pk)
    assert training.target_count is None and "do Sở đặt" not in training.target_note
    assert "mục III" in training.source
    assert Organisation.objects.get(pk=city.pk).short_name == "UBND TP Thanh Hóa"
    assert ActivityRecord.objects.get(pk=record.pk).is_demo


@pytest.mark.django_db(transaction=True)  # the schema moves back and forth
def test_communes_join_the_activities_district_committees_led(districts):
    before = ("campaigns", "0007_banner_add_words")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Organisation_ = old.get_model("campaigns", "Organisation")
    committee = Organisation_.objects.create(
        slug="ubnd-ha-trung",
        name="UBND huyện Hà Trung",
        kind="district",
        district_id=districts["ha-trung"].pk,
    )
    Organisation_.objects.create(slug="ubnd-xa-ha-trung", name="UBND xã Hà Trung", kind="commune")
    department = Organisation_.objects.create(slug="so-khcn", name="Sở KH&CN", kind="department")
    campaign = old.get_model("campaigns", "Campaign").objects.create(slug="ke-hoach", name="Kế hoạch")
    Activity_ = old.get_model("campaigns", "Activity")
    common = {"campaign": campaign, "start_date": date(2021, 11, 1), "target_period": "week"}
    radio = Activity_.objects.create(slug="radio", channel="radio", title="Truyền thanh", **common)
    radio.lead_organisations.add(committee)
    portal = Activity_.objects.create(slug="portal", channel="portal", title="Cổng", **common)
    portal.lead_organisations.add(department)

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    leads = {a.slug: set(a.lead_organisations.values_list("slug", flat=True)) for a in Activity.objects.all()}
    assert leads == {"radio": {"ubnd-ha-trung", "ubnd-xa-ha-trung"}, "portal": {"so-khcn"}}
