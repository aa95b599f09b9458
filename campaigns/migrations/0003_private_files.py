"""The plan tracker's evidence files, reports and activity photos become staff-only.

They move from the public MEDIA storage to the private one (STORAGES["private"]),
keeping their names; running it again moves only what is still left behind.
"""

from django.core.files.storage import storages
from django.db import migrations

import campaigns.validators
import core.private_files

PRIVATE_FILES = [("ActivityRecord", "evidence"), ("ReportSubmission", "document"), ("ActivityPhoto", "image")]


def _move(apps, source, destination):
    from core.private_files import move_files

    for model_name, field_name in PRIVATE_FILES:
        move_files(apps.get_model("campaigns", model_name).objects.all(), field_name, source, destination)


def to_private(apps, schema_editor):
    _move(apps, storages["default"], storages["private"])


def to_public(apps, schema_editor):
    _move(apps, storages["private"], storages["default"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_rerender_markdown")]

    operations = [
        migrations.AlterField(
            model_name="activityphoto",
            name="image",
            field=core.private_files.PrivatePhotoField(
                help_text="JPEG, PNG hoặc WebP, tối đa 8 MB.",
                upload_to="campaigns/photos/%Y/%m/",
                verbose_name="ảnh",
            ),
        ),
        migrations.AlterField(
            model_name="activityrecord",
            name="evidence",
            field=core.private_files.PrivateFileField(
                blank=True,
                help_text="PDF, ảnh, DOCX hoặc XLSX, tối đa 20 MB.",
                upload_to="campaigns/evidence/%Y/%m/",
                validators=[campaigns.validators.validate_evidence_file],
                verbose_name="tệp minh chứng",
            ),
        ),
        migrations.AlterField(
            model_name="reportsubmission",
            name="document",
            field=core.private_files.PrivateFileField(
                blank=True,
                upload_to="campaigns/reports/%Y/",
                validators=[campaigns.validators.validate_evidence_file],
                verbose_name="văn bản",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
