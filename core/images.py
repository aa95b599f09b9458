"""Uploaded images: what is accepted, how it is stored, and the thumbnails pages show.

Every photo or banner goes through here: Pillow must open and verify it as a JPEG,
PNG or WebP within the size limits, or it is refused with a message staff can act
on. What is stored is re-encoded by Pillow (orientation applied, EXIF and GPS
dropped), never the uploaded bytes, and a small JPEG thumbnail is made beside it.
"""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.text import fold

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow format name -> file extension of what we store.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Originals larger than this on their long side are scaled down before storing.
MAX_STORED_SIDE = 2560
THUMBNAIL_WIDTH = 480
FORMAT_NAMES = "JPEG, PNG, WebP"


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int


def _refuse(message, code, **params):
    return ValidationError(message, code=code, params=params)


def inspect_image(file) -> ImageInfo:
    """Check an uploaded file is an image we accept; raise ValidationError if not.

    Reads only the header before checking the pixel count, so a decompression bomb
    (a small file that expands to gigabytes) is refused before it is decoded; then
    decodes the whole image, so a truncated or corrupt one is refused too.
    """
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _refuse(
            _("Tệp ảnh nặng %(size)s, vượt giới hạn %(limit)s. Hãy giảm kích thước ảnh rồi tải lại."),
            "too_large",
            size=filesizeformat(size),
            limit=filesizeformat(MAX_BYTES),
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                info = ImageInfo(image.format or "", *image.size)
                if info.width * info.height > MAX_PIXELS:
                    raise _too_many_pixels(info.width, info.height)
                if info.format not in FORMATS:
                    raise _refuse(
                        _("Định dạng %(format)s không được nhận. Chỉ nhận ảnh %(formats)s."),
                        "format",
                        format=info.format or "?",
                        formats=FORMAT_NAMES,
                    )
                image.verify()
            # verify() reads the structure, not the pixels: a truncated JPEG passes it and
            # would fail later, while being re-encoded. Decode it all now (the pixel count is
            # known to be within the limit), so a broken file is refused in the form.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            _("Ảnh có số điểm ảnh quá lớn (có thể là tệp độc hại). Giới hạn là %(limit)s triệu điểm ảnh."),
            "bomb",
            limit=MAX_PIXELS // 1_000_000,
        ) from None
    except UnidentifiedImageError:
        raise _refuse(
            _(
                "Tệp này không phải là ảnh. Chỉ nhận ảnh %(formats)s "
                "(SVG, GIF và các tệp khác không được nhận)."
            ),
            "not_image",
            formats=FORMAT_NAMES,
        ) from None
    except ValidationError:
        raise
    except Exception:
        raise _broken() from None
    finally:
        if position is not None:
            file.seek(position)
    return info


def _broken() -> ValidationError:
    return _refuse(
        _("Không đọc được ảnh: tệp bị hỏng hoặc không đúng định dạng. Chỉ nhận ảnh %(formats)s."),
        "broken",
        formats=FORMAT_NAMES,
    )


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return _refuse(
        _("Ảnh %(width)s × %(height)s điểm ảnh vượt giới hạn %(limit)s triệu điểm ảnh."),
        "pixels",
        width=width,
        height=height,
        limit=MAX_PIXELS // 1_000_000,
    )


def validate_image(value) -> None:
    """Model-field validator: accepts an uploaded file, leaves stored ones alone."""
    file = getattr(value, "file", value)
    if getattr(value, "_committed", False):
        return
    inspect_image(file)


class ImageUploadFormField(forms.ImageField):
    """A form image field whose refusals say exactly what is wrong, in Vietnamese."""

    default_validators = []

    def to_python(self, data):
        if data in self.empty_values:
            return None
        inspect_image(data)
        return super().to_python(data)


def _open_upright(file) -> Image.Image:
    file.seek(0)
    image = Image.open(file)
    image.load()
    # Phones store rotation as an EXIF tag; apply it, since the tag is not kept.
    return ImageOps.exif_transpose(image)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent parts become white, not black."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        _flatten(image).save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(buffer, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(buffer, "WEBP", quality=85, method=4)
    return buffer.getvalue()


def stored_name(filename: str, fmt: str) -> str:
    """A plain ASCII file name with the extension of the stored format."""
    stem = slugify(fold(PurePosixPath(filename).stem))[:80].strip("-") or "anh"
    return f"{stem}.{FORMATS[fmt]}"


def reencode(file, filename: str) -> tuple[str, ContentFile]:
    """The image re-encoded by Pillow, without its metadata, and the name to store it under."""
    info = inspect_image(file)
    try:
        image = _open_upright(file)
        if max(image.size) > MAX_STORED_SIDE:
            image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
        content = _encode(image, info.format)
    except Exception:
        # inspect_image decoded it already; this is only a last line against a 500.
        raise _broken() from None
    return stored_name(filename, info.format), ContentFile(content)


def thumbnail_name(name: str) -> str:
    """Where the thumbnail of a stored image lives: beside it, in thumbs/."""
    path = PurePosixPath(name)
    return str(path.parent / "thumbs" / f"{path.stem}-{path.suffix.lstrip('.')}.jpg")


def make_thumbnail(file, width: int = THUMBNAIL_WIDTH) -> ContentFile:
    """A JPEG at most `width` pixels wide, for cards and lists."""
    file.seek(0)
    with Image.open(file) as image:
        image.draft("RGB", (width, width * 4))  # JPEG: decode at a reduced size, much faster
        image = ImageOps.exif_transpose(image)
        if image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        return ContentFile(_encode(image, "JPEG"))
