"""Photo uploads: only real JPEG, PNG or WebP images within the limits are stored, re-encoded."""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from PIL import Image

from core import images
from producers.models import Product
from producers.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def image_bytes(fmt="JPEG", size=(800, 600), exif=None, mode="RGB"):
    buffer = io.BytesIO()
    colour = 1 if mode == "1" else (200, 120, 40, 255)[: len(mode)] if mode != "P" else 3
    Image.new(mode, size, colour).save(buffer, fmt, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x010F] = "Camera maker"
    exif.get_ifd(0x8825)[2] = (19.0, 48.0, 30.0)  # GPS latitude
    return exif.tobytes()


@pytest.fixture
def product_upload(client, admin_user):
    client.force_login(admin_user)
    product = ProductFactory()

    def upload(content, name):
        data = {
            "name": product.name,
            "slug": product.slug,
            "producer": product.producer.pk,
            "status": "published",
            "ocop_stars": "0",
            "photo": SimpleUploadedFile(name, content),
            "photo_alt": "",
            "prices-TOTAL_FORMS": "0",
            "prices-INITIAL_FORMS": "0",
            "listings-TOTAL_FORMS": "0",
            "listings-INITIAL_FORMS": "0",
        }
        return client.post(reverse("admin:producers_product_change", args=[product.pk]), data)

    upload.product = product
    return upload


def refused(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.errors["photo"])


def test_a_photo_is_re_encoded_without_exif_and_gets_a_thumbnail(product_upload):
    response = product_upload(image_bytes(size=(1200, 900), exif=gps_exif()), "ảnh gạo nếp.JPG")
    assert response.status_code == 302
    product = Product.objects.get(pk=product_upload.product.pk)
    assert product.photo.name == "products/anh-gao-nep.jpg"
    with Image.open(product.photo.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()  # no GPS, no camera, no orientation tag left
        assert stored.size == (900, 1200)  # the orientation was applied
    assert (product.photo_width, product.photo_height) == (900, 1200)
    assert product.photo_thumbnail.name == "products/thumbs/anh-gao-nep-jpg.jpg"
    assert (product.photo_thumbnail_width, product.photo_thumbnail_height) == (480, 640)
    page = product_upload.product.producer.get_absolute_url()
    from django.test import Client

    html = Client().get(page).content.decode()
    assert (
        f'src="{product.photo_thumbnail.url}"' in html and 'width="480" height="640" loading="lazy"' in html
    )


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(product_upload, fmt):
    mode = "RGBA" if fmt == "PNG" else "RGB"
    assert product_upload(image_bytes(fmt, mode=mode), f"anh.{fmt.lower()}").status_code == 302
    product = Product.objects.get(pk=product_upload.product.pk)
    assert product.photo.name.endswith("." + images.FORMATS[fmt])


def test_a_non_image_renamed_jpg_is_refused(product_upload):
    message = refused(product_upload(b"MZ\x90\x00 this is a program, not a photo" * 20, "anh.jpg"))
    assert "Tệp này không phải là ảnh" in message
    assert not Product.objects.get(pk=product_upload.product.pk).photo


def test_svg_is_refused(product_upload):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    assert "Tệp này không phải là ảnh" in refused(product_upload(svg, "logo.svg"))


def test_gif_is_refused(product_upload):
    assert "Định dạng GIF không được nhận" in refused(product_upload(image_bytes("GIF", mode="P"), "anh.gif"))


def test_an_oversized_file_is_refused(product_upload, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 50_000)
    big = image_bytes("PNG", size=(1500, 1500)) + b"\0" * 60_000
    assert "vượt giới hạn" in refused(product_upload(big, "anh.png"))


def test_too_many_pixels_is_refused(product_upload):
    # 8000 x 6000 = 48 megapixels, over the 40 megapixel limit (a small file: one colour).
    assert "vượt giới hạn 40 triệu điểm ảnh" in refused(
        product_upload(image_bytes("PNG", size=(8000, 6000), mode="1"), "a.png")
    )


def test_a_decompression_bomb_is_refused_before_decoding(product_upload):
    # A PNG header announcing 30000 x 30000 pixels: Pillow refuses it as a decompression bomb.
    small = image_bytes("PNG", size=(100, 100), mode="1")
    header = b"IHDR" + (30000).to_bytes(4, "big") * 2 + small[24:29]
    bomb = small[:12] + header + zlib.crc32(header).to_bytes(4, "big") + small[33:]
    assert len(bomb) < 1000
    assert "quá lớn (có thể là tệp độc hại)" in refused(product_upload(bomb, "bom.png"))


def test_demo_style_saves_make_thumbnails_once(db):
    from django.core.files.base import ContentFile

    product = ProductFactory()
    product.photo.save("demo.jpg", ContentFile(image_bytes(size=(640, 480))), save=False)
    product.save()
    assert product.photo_thumbnail.name == "products/thumbs/demo-jpg.jpg"
    thumbnail = product.photo_thumbnail.name
    product.save()
    assert product.photo_thumbnail.name == thumbnail


# --- A truncated JPEG, on every upload path ------------------------------------------


def truncated_jpeg() -> bytes:
    """A JPEG cut off halfway, as an interrupted upload leaves it: its header is intact."""
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


def _upload():
    return SimpleUploadedFile("anh-hong.jpg", truncated_jpeg(), content_type="image/jpeg")


def _producer_form(districts):
    return "admin:producers_producer_add", {
        "name": "HTX Ảnh Hỏng",
        "kind": "cooperative",
        "status": "draft",
        "district": districts["ha-trung"].pk,
        "address": "Thôn 2",
        "phone": "030 777 8888",
        "photo": _upload(),
        "products-TOTAL_FORMS": "0",
        "products-INITIAL_FORMS": "0",
        "listings-TOTAL_FORMS": "0",
        "listings-INITIAL_FORMS": "0",
    }


def _banner_form(districts):
    from campaigns.tests.factories import CampaignFactory

    return "admin:campaigns_banner_add", {
        "title": "Banner hỏng",
        "slug": "banner-hong",
        "campaign": CampaignFactory().pk,
        "alt_text": "Cẩm nang",
        "master": _upload(),
        "position": 0,
    }


def _news_form(districts):
    return "admin:campaigns_newspost_add", {
        "title": "Tin ảnh hỏng",
        "status": "draft",
        "published_on": "2021-11-10",
        "summary": "Tóm tắt.",
        "body": "Nội dung.",
        "cover": _upload(),
        "cover_alt": "Ảnh bìa",
    }


def _record_form(**extra):
    from campaigns.tests.factories import ActivityFactory, OrganisationFactory

    return {
        "activity": ActivityFactory().pk,
        "organisation": OrganisationFactory().pk,
        "date": "2021-11-10",
        "title": "Bản tin có ảnh hỏng",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **extra,
    }


def _activity_photo_form(districts):
    return "admin:campaigns_activityrecord_add", _record_form(
        **{"photos-TOTAL_FORMS": "1", "photos-0-image": _upload(), "photos-0-caption": "Hội nghị"}
    )


def _evidence_form(districts):
    return "admin:campaigns_activityrecord_add", _record_form(evidence=_upload())


def _report_form(districts):
    from campaigns.tests.factories import OrganisationFactory

    return "admin:campaigns_reportsubmission_add", {
        "organisation": OrganisationFactory().pk,
        "kind": "month",
        "period": "2021-11-01",
        "submitted_on": "2021-11-20",
        "document": _upload(),
    }


@pytest.mark.parametrize(
    "form",
    [_producer_form, _banner_form, _news_form, _activity_photo_form, _evidence_form, _report_form],
    ids=["producer", "banner", "news-cover", "activity-photo", "evidence", "report"],
)
def test_a_truncated_jpeg_is_a_form_error_on_every_upload_path(admin_client, districts, form):
    url_name, data = form(districts)
    model = resolve(reverse(url_name)).func.model_admin.model
    response = admin_client.post(reverse(url_name), data)
    assert response.status_code == 200
    assert "Không đọc được ảnh: tệp bị hỏng" in response.content.decode()
    assert not model.objects.exists()


def test_a_truncated_product_photo_is_refused(product_upload):
    assert "Không đọc được ảnh: tệp bị hỏng" in refused(product_upload(truncated_jpeg(), "anh.jpg"))
    assert not Product.objects.get(pk=product_upload.product.pk).photo
