"""The local demo accounts, one per role."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from camnang import roles

pytestmark = pytest.mark.django_db


def test_demo_accounts_exist_for_each_role(settings, districts):
    settings.DEBUG = True
    call_command("create_demo_admin", stdout=io.StringIO())
    call_command("create_demo_admin", stdout=io.StringIO())
    editor = get_user_model().objects.get(username="bientap-hatrung")
    assert editor.check_password("camnang-demo")
    assert list(editor.districts.all()) == [districts["ha-trung"]]
    postal = get_user_model().objects.get(username="buudien")
    assert postal.postal_company.company == "vnpost"  # keeps the Bưu điện sale points
    assert editor.groups.get().name == roles.DISTRICT_EDITORS
