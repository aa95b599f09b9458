"""Checks for files staff upload to the campaigns app.

`validate_image_upload` is the one place image uploads are checked here, so that it
can be swapped for a project-wide validator without touching the models' callers.
"""

import warnings
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
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


def validate_image_upload(file) -> None:
    """A real JPEG, PNG or WebP image, at most 8 MB and 40 megapixels."""
    if _size(file) > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s); tối đa %(max)s.")
            % {"size": filesizeformat(_size(file)), "max": filesizeformat(MAX_IMAGE_BYTES)},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Image.open reads only the header: the pixel count is known before decoding,
        # and is checked below against a stricter limit than Pillow's own warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Tệp tải lên không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG, WebP)."), code="not_an_image"
        ) from None
    finally:
        file.seek(position)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Định dạng ảnh %(format)s không được nhận; hãy dùng JPEG, PNG hoặc WebP.")
            % {"format": image_format},
            code="image_format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("Ảnh %(width)d×%(height)d điểm ảnh quá lớn; tối đa 40 triệu điểm ảnh.")
            % {"width": width, "height": height},
            code="image_too_many_pixels",
        )


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
        validate_image_upload(file)
        return
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(_SIGNATURES[extension]):
        raise ValidationError(
            _("Nội dung tệp không đúng với định dạng .%(ext)s.") % {"ext": extension}, code="evidence_content"
        )
