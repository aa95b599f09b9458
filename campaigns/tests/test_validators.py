import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.tests.factories import png_file
from campaigns.validators import validate_evidence_file


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
