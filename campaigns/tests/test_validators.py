import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.tests.factories import png_file
from campaigns.validators import validate_evidence_file, validate_image_upload


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_accepted_image_formats(fmt):
    validate_image_upload(png_file(40, 30, fmt=fmt, name=f"a.{fmt.lower()}"))


def test_other_formats_and_non_images_are_refused():
    with pytest.raises(ValidationError, match="GIF"):
        validate_image_upload(png_file(40, 30, fmt="GIF", name="a.gif"))
    with pytest.raises(ValidationError, match="không phải là ảnh"):
        validate_image_upload(SimpleUploadedFile("a.png", b"<?php echo 1; ?>"))


def test_too_many_pixels_is_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("1", (8000, 5001)).save(buffer, "PNG")  # 40.008 megapixels, a small file
    with pytest.raises(ValidationError, match="40 triệu"):
        validate_image_upload(SimpleUploadedFile("lon.png", buffer.getvalue()))


def test_a_decompression_bomb_is_refused_without_decoding():
    buffer = io.BytesIO()
    Image.new("1", (10000, 9500)).save(buffer, "PNG")  # 95 megapixels: past Pillow's warning limit
    with pytest.raises(ValidationError, match="40 triệu"):
        validate_image_upload(SimpleUploadedFile("bom.png", buffer.getvalue()))


def test_too_large_files_are_refused():
    big = SimpleUploadedFile("a.png", b"0" * (8 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="quá lớn"):
        validate_image_upload(big)


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bao-cao.pdf", b"%PDF-1.7\n...", True),
        ("bao-cao.docx", b"PK\x03\x04rest", True),
        ("so-lieu.xlsx", b"PK\x03\x04rest", True),
        ("bao-cao.pdf", b"MZ\x90\x00 an exe", False),
        ("script.exe", b"MZ", False),
        ("trang.html", b"<script>", False),
        ("khong-duoi", b"%PDF-", False),
    ],
)
def test_evidence_files(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_evidence_file(upload)
    else:
        with pytest.raises(ValidationError):
            validate_evidence_file(upload)


def test_evidence_image_is_checked_as_an_image():
    validate_evidence_file(png_file(20, 20, name="anh.png"))
    with pytest.raises(ValidationError):
        validate_evidence_file(SimpleUploadedFile("anh.jpg", b"not a jpeg"))
