"""Checks for the evidence files staff attach to activity records.

Images (photos, banners, covers) are checked by core.images like every upload.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.images import inspect_image

EVIDENCE_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "webp", "docx", "xlsx"}
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# The first bytes each kind of evidence file starts with (docx and xlsx are zip archives).
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return size


def validate_evidence_file(file) -> None:
    """PDF, image, Word or Excel file, at most 20 MB, whose content matches its extension."""
    extension = Path(file.name or "").suffix.lower().lstrip(".")
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _("Chỉ nhận tệp minh chứng dạng PDF, JPG, PNG, WebP, DOCX hoặc XLSX."), code="evidence_type"
        )
    if _size(file) > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("Tệp minh chứng quá lớn; tối đa %(max)s.") % {"max": filesizeformat(MAX_EVIDENCE_BYTES)},
            code="evidence_too_large",
        )
    if extension in {"jpg", "jpeg", "png", "webp"}:
        inspect_image(file)
        return
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(_SIGNATURES[extension]):
        raise ValidationError(
            _("Nội dung tệp không đúng với định dạng .%(ext)s.") % {"ext": extension}, code="evidence_content"
        )
