"""Files only staff may see: the plan tracker's evidence files, reports and activity photos.

They are stored apart from the public uploads, in the storage STORAGES["private"]: a
folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT) or, with S3, a private prefix of the
bucket. No /media/ address reaches them. Staff open them through `private_file`, under
/quan-tri/, which checks on every request that the user may view the record (the model's
view permission, and the QuerySet's for_user() scoping where the model has one); the
admin's file links point there. Images among them are re-encoded on upload like every photo.
"""

from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.functional import cached_property

from core.fields import PhotoField
from core.images import FORMATS, reencode

# Shown in the browser; anything else is downloaded (Content-Disposition: attachment).
INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
}
# Downloaded with their own type; anything else as application/octet-stream.
DOWNLOAD_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMAGE_EXTENSIONS = {".jpeg", *(f".{extension}" for extension in FORMATS.values())}


class PrivateFileSystemStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT on the local disk. It has no public URL: files go through the view."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to their record's private_file view.")


def private_storage():
    """The storage of staff-only files (a callable, so settings decide it at run time)."""
    return storages["private"]


class PrivateFileMixin:
    """A file field's value whose URL is the checking view, never a storage address."""

    @property
    def url(self):
        self._require_file()
        instance = self.instance
        if instance.pk is None:
            return ""
        return reverse(
            "admin:private_file",
            kwargs={
                "app_label": instance._meta.app_label,
                "model_name": instance._meta.model_name,
                "pk": instance.pk,
                "field_name": self.field.name,
            },
        )


class PrivateFieldFile(PrivateFileMixin, FieldFile):
    pass


class PrivateImageFieldFile(PrivateFileMixin, ImageFieldFile):
    pass


class PrivateStorageMixin:
    """Defaults a field's storage to the private one (left out of migrations, as a default)."""

    is_private_file = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("storage") is private_storage:
            del kwargs["storage"]
        return name, path, args, kwargs


class PrivateFileField(PrivateStorageMixin, models.FileField):
    """A staff-only document (PDF, DOCX, XLSX or an image); images are stored re-encoded."""

    attr_class = PrivateFieldFile

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed and Path(file.name).suffix.lower() in IMAGE_EXTENSIONS:
            # Like every photo: orientation applied, EXIF and GPS dropped.
            name, content = reencode(file.file, file.name)
            file.save(name, content, save=False)
        return super().pre_save(model_instance, add)


class PrivatePhotoField(PrivateStorageMixin, PhotoField):
    """A staff-only photo, checked and re-encoded like every photo."""

    attr_class = PrivateImageFieldFile


# --- Serving ------------------------------------------------------------------------


def _may_view(user, model) -> bool:
    opts = model._meta
    return any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change"))


def _records(user, model):
    """The rows the user may work on: the model QuerySet's own for_user() where it has one."""
    records = model._default_manager.all()
    return records.for_user(user) if hasattr(records, "for_user") else records


def private_file(request, app_label, model_name, pk, field_name):
    """A staff-only file, for a logged-in staff member who may view its record (mounted by admin_view)."""
    try:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist):
        raise Http404 from None
    if not getattr(field, "is_private_file", False):
        raise Http404
    if not _may_view(request.user, model):
        raise PermissionDenied
    obj = _records(request.user, model).filter(pk=pk).first()
    if obj is None:
        raise Http404
    file = getattr(obj, field.attname)
    if not file or not file.storage.exists(file.name):
        raise Http404
    extension = PurePosixPath(file.name).suffix.lower()
    inline = extension in INLINE_TYPES
    content_type = INLINE_TYPES.get(extension) or DOWNLOAD_TYPES.get(extension, "application/octet-stream")
    response = FileResponse(
        file.storage.open(file.name, "rb"),
        as_attachment=not inline,
        filename=PurePosixPath(file.name).name,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Moving files stored before --------------------------------------------------------


def move_files(queryset, field_name: str, source, destination) -> int:
    """Move the files a column names from one storage to another, keeping their names.

    Idempotent: a file already at the destination is left there (and a leftover copy at
    the source removed); a file missing from both is skipped. Returns how many moved.
    """
    moved = 0
    for pk, name in queryset.exclude(**{field_name: ""}).values_list("pk", field_name):
        if not name:
            continue
        if destination.exists(name):
            if source.exists(name):
                source.delete(name)
            continue
        if not source.exists(name):
            continue
        with source.open(name, "rb") as content:
            stored = destination.save(name, content)
        if stored != name:  # only if the destination renamed it; keep the record pointing at it
            queryset.filter(pk=pk).update(**{field_name: stored})
        source.delete(name)
        moved += 1
    return moved
