from django.db import migrations, models

DEMO_FLAG = dict(
    default=False,
    editable=False,
    help_text="Bản ghi do lệnh nạp dữ liệu minh họa tạo ra, không phải thông tin thật.",
    verbose_name="dữ liệu minh họa",
)
# Before the flag, the demo loader marked its plan records by this note.
DEMO_NOTE = "Dữ liệu minh họa."


def flag_demo_records(apps, schema_editor):
    for model in ("ActivityRecord", "ReportSubmission"):
        apps.get_model("campaigns", model).objects.filter(notes=DEMO_NOTE).update(is_demo=True)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_organisation_validity")]

    operations = [
        # Illustrative news posts were the first demo rows to carry a flag.
        migrations.RenameField("newspost", "is_illustrative", "is_demo"),
        migrations.AlterField("newspost", "is_demo", models.BooleanField(**DEMO_FLAG)),
        migrations.AddField("activityrecord", "is_demo", models.BooleanField(**DEMO_FLAG)),
        migrations.AddField("reportsubmission", "is_demo", models.BooleanField(**DEMO_FLAG)),
        migrations.AddField("referralcount", "is_demo", models.BooleanField(**DEMO_FLAG)),
        migrations.RunPython(flag_demo_records, migrations.RunPython.noop, elidable=True),
    ]
