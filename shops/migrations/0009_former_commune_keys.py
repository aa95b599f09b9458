"""Former communes' matching keys are their folded short names as they stand: a name that
begins like a kind word ("Phượng Nghi") keeps that word."""

from django.db import migrations


def forwards(apps, schema_editor):
    from core.text import fold

    FormerCommune = apps.get_model("shops", "FormerCommune")
    changed = []
    for former in FormerCommune.objects.only("pk", "short_name", "key"):
        key = fold(former.short_name)
        if former.key != key:
            former.key = key
            changed.append(former)
    FormerCommune.objects.bulk_update(changed, ["key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("shops", "0008_import_defaults")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
