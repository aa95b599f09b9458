"""Store the numbers rows already hold in one form (E.164), and move numbers written after
the first in the phone field ("0912 345 678 / 0237 3852 000") to the other numbers.

A value that does not read as a Vietnamese phone number is kept exactly as typed and
listed in the output, for staff to correct (the admin list filter "Số điện thoại").
"""

from django.db import migrations


def normalise(apps, schema_editor):
    from core.cache import bump_content_version
    from core.contact import normalise_stored_phones

    report = normalise_stored_phones(apps.get_model("shops", "Shop"), "shops")
    for line in report.lines():
        print(f"\n  {line}", end="")
    if report.changed:
        bump_content_version()


def unsplit(apps, schema_editor):
    from core.contact import unsplit_stored_phones

    unsplit_stored_phones(apps.get_model("shops", "Shop"))


class Migration(migrations.Migration):
    dependencies = [("shops", "0006_phone_numbers")]

    operations = [migrations.RunPython(normalise, unsplit, elidable=True)]
