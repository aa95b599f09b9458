"""Since 1 July 2025 the communes' and wards' People's Committees carry out what the plan
gave the district committees: they join every activity a district committee leads or
coordinates, so that their work is recorded and judged."""

from django.db import migrations


def communes_join(apps, schema_editor):
    Activity = apps.get_model("campaigns", "Activity")
    Organisation = apps.get_model("campaigns", "Organisation")
    communes = list(Organisation.objects.filter(kind="commune"))
    if not communes:
        return
    for activity in Activity.objects.all():
        for relation in (activity.lead_organisations, activity.coordinating_organisations):
            if relation.filter(kind="district").exists():
                relation.add(*communes)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0007_banner_add_words")]

    operations = [migrations.RunPython(communes_join, migrations.RunPython.noop, elidable=True)]
