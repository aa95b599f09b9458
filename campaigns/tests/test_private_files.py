"""The plan tracker's evidence, reports and photos are staff-only files, served after a permission check."""

import importlib
import io
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from PIL import Image

from camnang.roles import DISTRICT_EDITORS, PROVINCIAL_EDITORS
from camnang.tests.utils import staff_user
from campaigns.models import ActivityPhoto, ActivityRecord, ReportSubmission
from campaigns.tests.factories import ActivityFactory, OrganisationFactory, RecordFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\0" * 60


def gps_jpeg(size=(640, 480)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif.get_ifd(0x8825)[2] = (19.0, 48.0, 30.0)  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def file_url(obj, field_name: str) -> str:
    return reverse(
        "admin:private_file",
        kwargs={
            "app_label": obj._meta.app_label,
            "model_name": obj._meta.model_name,
            "pk": obj.pk,
            "field_name": field_name,
        },
    )


def record_form(**extra):
    return {
        "activity": ActivityFactory().pk,
        "organisation": OrganisationFactory().pk,
        "date": "2021-11-10",
        "title": "Hội nghị tập huấn bán hàng trên sàn",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.fixture
def evidence(admin_client, settings):
    response = admin_client.post(
        reverse("admin:campaigns_activityrecord_add"),
        record_form(evidence=SimpleUploadedFile("biên bản.pdf", PDF, content_type="application/pdf")),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return ActivityRecord.objects.get()


def stored_in(root, name) -> bool:
    return (Path(root) / name).is_file()


# --- Where the files live ------------------------------------------------------------------


def test_evidence_is_stored_outside_media_and_linked_through_the_checking_view(
    admin_client, evidence, settings
):
    name = evidence.evidence.name
    assert name.startswith("campaigns/evidence/") and name.endswith(".pdf")
    assert stored_in(settings.PRIVATE_MEDIA_ROOT, name)
    assert not stored_in(settings.MEDIA_ROOT, name)
    assert not Path(settings.PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    # The admin's link is the view, not a /media/ address.
    url = file_url(evidence, "evidence")
    assert evidence.evidence.url == url
    page = admin_client.get(reverse("admin:campaigns_activityrecord_change", args=[evidence.pk]))
    html = page.content.decode()
    assert f'href="{url}"' in html
    assert f"{settings.MEDIA_URL}{name}" not in html


def test_the_media_route_serves_only_media_root(client, evidence, settings):
    match = resolve(f"{settings.MEDIA_URL}{evidence.evidence.name}")
    assert Path(match.kwargs["document_root"]).resolve() != Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert client.get(f"{settings.MEDIA_URL}{evidence.evidence.name}").status_code == 404


def test_report_documents_and_activity_photos_are_private_too(admin_client, settings):
    report = admin_client.post(
        reverse("admin:campaigns_reportsubmission_add"),
        {
            "organisation": OrganisationFactory().pk,
            "kind": "month",
            "period": "2021-11-01",
            "submitted_on": "2021-11-20",
            "document": SimpleUploadedFile("bao-cao.docx", DOCX),
        },
    )
    assert report.status_code == 302, report.context["adminform"].form.errors
    photo = admin_client.post(
        reverse("admin:campaigns_activityrecord_add"),
        record_form(
            **{
                "photos-TOTAL_FORMS": "1",
                "photos-0-image": SimpleUploadedFile("hoi-nghi.jpg", gps_jpeg()),
                "photos-0-caption": "Hội nghị",
            }
        ),
    )
    assert photo.status_code == 302, photo.context["adminform"].form.errors
    for obj, field in ((ReportSubmission.objects.get(), "document"), (ActivityPhoto.objects.get(), "image")):
        name = getattr(obj, field).name
        assert stored_in(settings.PRIVATE_MEDIA_ROOT, name), name
        assert not stored_in(settings.MEDIA_ROOT, name), name
        assert getattr(obj, field).url == file_url(obj, field)
        assert admin_client.get(file_url(obj, field)).status_code == 200
    page = admin_client.get(
        reverse("admin:campaigns_activityrecord_change", args=[ActivityPhoto.objects.get().record_id])
    )
    assert f'href="{file_url(ActivityPhoto.objects.get(), "image")}"' in page.content.decode()


def test_evidence_images_are_re_encoded_without_exif(admin_client, settings):
    response = admin_client.post(
        reverse("admin:campaigns_activityrecord_add"),
        record_form(evidence=SimpleUploadedFile("ảnh hội nghị.JPG", gps_jpeg(), content_type="image/jpeg")),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = ActivityRecord.objects.get()
    assert record.evidence.name.endswith("/anh-hoi-nghi.jpg")
    with Image.open(Path(settings.PRIVATE_MEDIA_ROOT) / record.evidence.name) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()  # no GPS, no camera left


def test_pdf_and_office_files_are_stored_as_uploaded(evidence, settings):
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / evidence.evidence.name).read_bytes() == PDF


# --- The view ---------------------------------------------------------------------------


def test_staff_with_the_permission_get_the_file_privately(admin_client, evidence):
    response = admin_client.get(file_url(evidence, "evidence"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")


def test_office_files_are_downloaded_not_shown(admin_client):
    record = RecordFactory()
    record.evidence.save("so-lieu.xlsx", ContentFile(b"PK\x03\x04" + b"\0" * 40))
    response = admin_client.get(file_url(record, "evidence"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-lieu')
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Cache-Control"] == "private, no-store"


def test_visitors_and_non_staff_are_sent_to_the_login(client, evidence, django_user_model):
    url = file_url(evidence, "evidence")
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    client.force_login(django_user_model.objects.create_user("dan", password="mat-khau-dai-2024"))
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_staff_need_the_view_permission_of_that_model(client, evidence, districts):
    report = ReportSubmission.objects.create(
        organisation=OrganisationFactory(), kind="month", period=date(2021, 11, 1)
    )
    report.document.save("bao-cao.pdf", ContentFile(PDF))
    # A district editor has no report permission, and sees only the plan records of the
    # committees of their places: another unit's evidence is not found.
    client.force_login(staff_user(DISTRICT_EDITORS, districts["ha-trung"], username="huyen"))
    assert client.get(file_url(report, "document")).status_code == 403
    assert client.get(file_url(evidence, "evidence")).status_code == 404
    # A provincial editor has the campaigns app.
    client.force_login(staff_user(PROVINCIAL_EDITORS, username="tinh"))
    assert client.get(file_url(evidence, "evidence")).status_code == 200
    assert client.get(file_url(report, "document")).status_code == 200
    # Viewing activity records does not open reports.
    user = staff_user(DISTRICT_EDITORS, username="ghi-nhan")
    user.user_permissions.add(
        Permission.objects.get(codename="view_activityrecord"),
        Permission.objects.get(codename="all_districts"),
    )
    client.force_login(user)
    assert client.get(file_url(evidence, "evidence")).status_code == 200
    assert client.get(file_url(report, "document")).status_code == 403


@pytest.mark.parametrize(
    "kwargs",
    [
        {"app_label": "campaigns", "model_name": "activityrecord", "pk": 999999, "field_name": "evidence"},
        {"app_label": "campaigns", "model_name": "activityrecord", "pk": None, "field_name": "khong-co"},
        {"app_label": "campaigns", "model_name": "activityrecord", "pk": None, "field_name": "title"},
        {"app_label": "campaigns", "model_name": "khongco", "pk": None, "field_name": "evidence"},
        {"app_label": "campaigns", "model_name": "banner", "pk": None, "field_name": "master"},
    ],
    ids=["unknown-id", "unknown-field", "not-a-file", "unknown-model", "public-file"],
)
def test_anything_but_a_stored_private_file_is_a_404(admin_client, evidence, kwargs):
    from campaigns.tests.factories import BannerFactory

    kwargs = {
        **kwargs,
        "pk": kwargs["pk"] or (BannerFactory().pk if kwargs["model_name"] == "banner" else evidence.pk),
    }
    assert admin_client.get(reverse("admin:private_file", kwargs=kwargs)).status_code == 404


def test_a_record_without_a_file_or_with_its_file_gone_is_a_404(admin_client, evidence):
    assert admin_client.get(file_url(RecordFactory(), "evidence")).status_code == 404
    storages["private"].delete(evidence.evidence.name)
    assert admin_client.get(file_url(evidence, "evidence")).status_code == 404


# --- Files stored before ----------------------------------------------------------------


def test_the_migration_moves_existing_files_out_of_media_keeping_their_names(settings):
    migration = importlib.import_module("campaigns.migrations.0003_private_files")
    public = storages["default"]
    names = {
        "evidence": "campaigns/evidence/2021/11/bien-ban.pdf",
        "document": "campaigns/reports/2021/bao-cao.docx",
        "image": "campaigns/photos/2021/11/hoi-nghi.jpg",
    }
    public.save(names["evidence"], ContentFile(PDF))
    public.save(names["document"], ContentFile(DOCX))
    public.save(names["image"], ContentFile(gps_jpeg()))
    record = RecordFactory()
    ActivityRecord.objects.filter(pk=record.pk).update(evidence=names["evidence"])
    RecordFactory.create_batch(2)  # no file, and below: a file that was lost before
    ActivityRecord.objects.filter(pk=RecordFactory().pk).update(evidence="campaigns/evidence/mat.pdf")
    report = ReportSubmission.objects.create(
        organisation=OrganisationFactory(), kind="month", period=date(2021, 11, 1)
    )
    ReportSubmission.objects.filter(pk=report.pk).update(document=names["document"])
    photo = ActivityPhoto.objects.create(record=record, image="placeholder.jpg")
    ActivityPhoto.objects.filter(pk=photo.pk).update(image=names["image"])

    migration.to_private(apps, None)
    migration.to_private(apps, None)  # idempotent: nothing left to move, nothing breaks

    for name in names.values():
        assert stored_in(settings.PRIVATE_MEDIA_ROOT, name), name
        assert not stored_in(settings.MEDIA_ROOT, name), name
    assert ActivityRecord.objects.get(pk=record.pk).evidence.name == names["evidence"]
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / names["evidence"]).read_bytes() == PDF
