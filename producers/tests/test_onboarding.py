"""Onboarding records: the moves the service allows, its history, the admin's scope, and
the withdrawal of consent."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from camnang.roles import DISTRICT_EDITORS
from camnang.tests.utils import staff_user
from core.models import Status
from producers.models import Listing, Onboarding, Producer
from producers.services import WITHDRAWN_NAME, move_onboarding, withdraw_consent
from producers.tests.factories import ProducerFactory, platform

pytestmark = pytest.mark.django_db
Stage = Onboarding.Stage


def proposed(producer=None, *, days_ago=30, **fields):
    onboarding = Onboarding(producer=producer or ProducerFactory(kind=Producer.Kind.HOUSEHOLD), **fields)
    move_onboarding(onboarding, Stage.PROPOSED, user=None, day=_ago(days_ago))
    return onboarding


def _ago(days):
    from django.utils import timezone

    return timezone.localdate() - timedelta(days=days)


def test_a_household_goes_through_every_stage_and_each_move_is_kept(admin_user):
    onboarding = proposed(platform=platform("voso"))
    move_onboarding(onboarding, Stage.CONTACTED, user=admin_user, day=_ago(20), note="Đã gọi điện.")
    move_onboarding(onboarding, Stage.TRAINED, user=admin_user, day=_ago(10))
    url = "https://voso.vn/cua-hang/ho-thu-nghiem"
    move_onboarding(onboarding, Stage.SHOP_OPEN, user=admin_user, day=_ago(5), shop_url=url)
    move_onboarding(onboarding, Stage.FIRST_ORDER, user=admin_user, day=_ago(1))

    onboarding.refresh_from_db()
    assert onboarding.stage == Stage.FIRST_ORDER and onboarding.stage_on == _ago(1)
    assert onboarding.listing == Listing.objects.get(url=url, producer=onboarding.producer)
    steps = list(onboarding.steps.values_list("stage", "day", "by"))
    assert steps == [
        (Stage.PROPOSED, _ago(30), None),
        (Stage.CONTACTED, _ago(20), admin_user.pk),
        (Stage.TRAINED, _ago(10), admin_user.pk),
        (Stage.SHOP_OPEN, _ago(5), admin_user.pk),
        (Stage.FIRST_ORDER, _ago(1), admin_user.pk),
    ]
    assert onboarding.steps.get(stage=Stage.CONTACTED).note == "Đã gọi điện."


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], Stage.TRAINED),  # skipping a stage
        ([Stage.CONTACTED], Stage.PROPOSED),  # going back
        ([Stage.DECLINED], Stage.SHOP_OPEN),  # declined, not proposed again
        ([Stage.DECLINED], Stage.CONTACTED),
    ],
)
def test_moves_out_of_order_are_refused_and_write_nothing(path, refused):
    onboarding = proposed()
    for stage in path:
        move_onboarding(onboarding, stage, user=None, day=_ago(20), reason="Không có điện thoại thông minh.")
    steps = onboarding.steps.count()
    with pytest.raises(ValidationError, match="Không chuyển được"):
        move_onboarding(onboarding, refused, user=None, day=_ago(10), shop_url="https://voso.vn/a")
    onboarding.refresh_from_db()
    assert onboarding.steps.count() == steps and onboarding.stage == (path or [Stage.PROPOSED])[-1]


def test_a_declined_household_may_be_proposed_again():
    onboarding = proposed()
    with pytest.raises(ValidationError, match="lý do"):
        move_onboarding(onboarding, Stage.DECLINED, user=None, day=_ago(20))
    move_onboarding(onboarding, Stage.DECLINED, user=None, day=_ago(20), reason="Chưa có sản lượng.")
    assert onboarding.decline_reason == "Chưa có sản lượng."
    move_onboarding(onboarding, Stage.PROPOSED, user=None, day=_ago(2))
    onboarding.refresh_from_db()
    assert onboarding.stage == Stage.PROPOSED and onboarding.decline_reason == ""
    assert onboarding.steps.count() == 3


def test_dates_run_forward_and_never_into_the_future():
    onboarding = proposed(days_ago=10)
    with pytest.raises(ValidationError, match="trước ngày"):
        move_onboarding(onboarding, Stage.CONTACTED, user=None, day=_ago(11))
    with pytest.raises(ValidationError, match="sau hôm nay"):
        move_onboarding(onboarding, Stage.CONTACTED, user=None, day=_ago(-1))
    assert onboarding.steps.count() == 1


def test_a_shop_opens_on_the_platform_of_the_record_only():
    onboarding = proposed(platform=platform("postmart"))
    for stage in (Stage.CONTACTED, Stage.TRAINED):
        move_onboarding(onboarding, stage, user=None, day=_ago(5))
    with pytest.raises(ValidationError, match=r"postmart\.vn"):
        move_onboarding(onboarding, Stage.SHOP_OPEN, user=None, shop_url="https://voso.vn/cua-hang/x")
    with pytest.raises(ValidationError, match="địa chỉ gian hàng"):
        move_onboarding(onboarding, Stage.SHOP_OPEN, user=None)
    assert not Listing.objects.exists()
    onboarding.refresh_from_db()
    assert onboarding.stage == Stage.TRAINED


def test_withdrawal_erases_the_personal_data_and_keeps_the_counts(admin_user):
    producer = ProducerFactory(
        name="Hộ ông Lê Văn Bình",
        representative="Lê Văn Bình",
        address="Thôn 3",
        description="Trồng bưởi",
        phone="0912 345 678",
        zalo="0912 345 678",
        status=Status.PUBLISHED,
    )
    onboarding = proposed(producer)
    move_onboarding(onboarding, Stage.CONTACTED, user=admin_user, day=_ago(1), note="Gọi ông Bình 0912345678")
    old_slug = producer.slug

    withdraw_consent(onboarding, user=admin_user)

    producer.refresh_from_db()
    assert producer.name == WITHDRAWN_NAME and producer.slug != old_slug and "binh" not in producer.slug
    assert (producer.representative, producer.address, producer.description) == ("", "", "")
    assert (producer.phone, producer.zalo, producer.extra_phones) == ("", "", [])
    assert producer.status == Status.HIDDEN
    assert "binh" not in producer.search_text and "0912345678" not in producer.search_text
    for version in Producer.history.filter(id=producer.pk):
        assert "Bình" not in version.name + version.representative and version.phone == ""
    onboarding.refresh_from_db()
    assert onboarding.withdrawn_on is not None
    assert onboarding.steps.count() == 2 and not onboarding.steps.exclude(note="").exists()
    with pytest.raises(ValidationError):
        move_onboarding(onboarding, Stage.TRAINED, user=admin_user)


# --- Admin ----------------------------------------------------------------------------


def onboarding_editor(role, *districts, username="canbo"):
    """A staff account of `role` that also holds every onboarding permission (the roles grant
    some of them: camnang.roles)."""
    user = staff_user(role, *districts, username=username)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="producers", codename__endswith="_onboarding")
    )
    return user


def test_a_district_editor_sees_and_moves_only_their_districts_records(client, districts):
    mine = proposed(ProducerFactory(name="Hộ Hà Trung", district=districts["ha-trung"]))
    theirs = proposed(ProducerFactory(name="Hộ Nga Sơn", district=districts["nga-son"]))
    client.force_login(onboarding_editor(DISTRICT_EDITORS, districts["ha-trung"]))

    listing = client.get("/quan-tri/producers/onboarding/")
    assert listing.status_code == 200
    assert "Hộ Hà Trung" in listing.content.decode() and "Hộ Nga Sơn" not in listing.content.decode()
    assert client.get(f"/quan-tri/producers/onboarding/{theirs.pk}/change/").status_code == 404
    refused = client.post(f"/quan-tri/producers/onboarding/{theirs.pk}/change/", {"move_to": Stage.CONTACTED})
    assert refused.status_code == 404

    page = f"/quan-tri/producers/onboarding/{mine.pk}/change/"
    assert client.get(page).status_code == 200
    response = client.post(
        page, {"platform": "", "assignee": "", "move_to": Stage.CONTACTED, "move_note": "Đã gọi.",
               "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "1"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.stage == Stage.CONTACTED and mine.steps.last().note == "Đã gọi."
    assert theirs.stage == Stage.PROPOSED


def test_the_admin_refuses_a_move_the_service_refuses(client, districts, admin_user):
    onboarding = proposed()
    client.force_login(admin_user)
    response = client.post(
        f"/quan-tri/producers/onboarding/{onboarding.pk}/change/",
        {"platform": "", "assignee": "", "move_to": Stage.DECLINED,
         "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Ghi lý do hộ từ chối." in response.content.decode()
    assert onboarding.steps.count() == 1


def test_the_withdrawal_action_erases_the_household(client, districts):
    producer = ProducerFactory(name="Hộ bà Trần Thị Hoa", district=districts["ha-trung"], phone="0912345678")
    onboarding = proposed(producer)
    client.force_login(onboarding_editor(DISTRICT_EDITORS, districts["ha-trung"]))
    response = client.post(
        "/quan-tri/producers/onboarding/", {"action": "withdraw_consent", "_selected_action": [onboarding.pk]}
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.name == WITHDRAWN_NAME and producer.phone == ""
    onboarding.refresh_from_db()
    assert onboarding.withdrawn_on is not None


def test_postal_staff_see_the_households_of_their_company_and_the_unassigned(client, districts):
    from camnang.roles import POSTAL_STAFF
    from shops.models import PostalStaffMember

    on_voso = proposed(ProducerFactory(name="Hộ chọn voso"), platform=platform("voso"))
    on_postmart = proposed(ProducerFactory(name="Hộ chọn postmart"), platform=platform("postmart"))
    either = proposed(ProducerFactory(name="Hộ chưa chọn sàn"))
    staff = staff_user(POSTAL_STAFF, username="viettel")
    client.force_login(staff)
    # No company on the user's page yet: no household.
    assert "Hộ chọn voso" not in client.get("/quan-tri/producers/onboarding/").content.decode()

    PostalStaffMember.objects.create(user=staff, company="viettelpost")
    page = client.get("/quan-tri/producers/onboarding/").content.decode()
    assert "Hộ chọn voso" in page and "Hộ chưa chọn sàn" in page and "Hộ chọn postmart" not in page
    assert client.get(f"/quan-tri/producers/onboarding/{on_postmart.pk}/change/").status_code == 404
    for mine in (on_voso, either):
        assert client.get(f"/quan-tri/producers/onboarding/{mine.pk}/change/").status_code == 200


def test_requests_for_help_are_erased_once_kept_past_the_promised_time():
    import io

    from django.core.management import call_command

    from producers.models import RETENTION_DAYS

    old = proposed(ProducerFactory(name="Hộ cũ", phone="0912 345 678"), days_ago=RETENTION_DAYS + 1)
    recent = proposed(ProducerFactory(name="Hộ mới"), days_ago=RETENTION_DAYS - 1)
    staff_added = proposed(ProducerFactory(name="Hộ cán bộ đề xuất"), days_ago=RETENTION_DAYS + 30)
    Onboarding.objects.filter(pk__in=[old.pk, recent.pk]).update(self_registered=True)
    call_command("erase_expired_requests", stdout=io.StringIO())
    names = dict(Producer.objects.values_list("pk", "name"))
    assert names[old.producer_id] == WITHDRAWN_NAME and Producer.objects.get(pk=old.producer_id).phone == ""
    assert names[recent.producer_id] == "Hộ mới"
    # Households staff proposed were not promised the portal's retention: left for staff.
    assert names[staff_added.producer_id] == "Hộ cán bộ đề xuất"
    old.refresh_from_db()
    assert old.withdrawn_on is not None
