import io

import pytest
from django.core.management import call_command

from shops.models import District

pytestmark = pytest.mark.django_db


def test_thanh_hoa_has_the_27_units_of_the_handbook(districts):
    assert len(districts) == 27
    kinds = [d.kind for d in districts.values()]
    assert kinds.count(District.Kind.CITY) == 2
    assert kinds.count(District.Kind.TOWN) == 2
    assert kinds.count(District.Kind.RURAL) == 23
    assert districts["ha-trung"].code == 392
    assert districts["ha-trung"].name == "Huyện Hà Trung"
    assert districts["thanh-hoa"].name == "Thành phố Thanh Hóa"
    # Merged into Thanh Hóa city since, but the handbook lists it.
    assert districts["dong-son"].code == 405
    assert districts["dong-son"].note


def test_loading_again_changes_nothing_and_keeps_staff_edits(districts):
    ha_trung = districts["ha-trung"]
    ha_trung.note = "Ghi chú của cán bộ"
    ha_trung.save()
    call_command("load_places", stdout=io.StringIO())
    assert District.objects.count() == 27
    ha_trung.refresh_from_db()
    assert ha_trung.note == "Ghi chú của cán bộ"


def test_unknown_province_is_refused(db):
    from django.core.management.base import CommandError

    before = District.objects.count()
    with pytest.raises(CommandError, match="No province with code 99"):
        call_command("load_places", province=99)
    assert District.objects.count() == before


def test_district_search_text_is_folded(districts):
    assert District.objects.search("ĐÔNG SƠN").get() == districts["dong-son"]
