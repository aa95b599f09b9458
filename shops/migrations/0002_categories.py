"""Reference data: the goods categories shops and farm products are grouped by."""

from django.db import migrations

CATEGORIES = [
    ("luong-thuc", "Gạo, lương thực"),
    ("rau-cu-qua", "Rau, củ, quả"),
    ("thit-trung-sua", "Thịt, trứng, sữa"),
    ("thuy-hai-san", "Thủy, hải sản"),
    ("dac-san-che-bien", "Đặc sản, thực phẩm chế biến"),
    ("do-uong", "Đồ uống"),
    ("thuoc-vat-tu-y-te", "Thuốc, vật tư y tế"),
    ("do-dung-gia-dinh", "Hóa mỹ phẩm, đồ dùng gia đình"),
    ("gas-chat-dot", "Gas, chất đốt"),
    ("vat-tu-nong-nghiep", "Giống, vật tư nông nghiệp"),
    ("duoc-lieu-mat-ong", "Dược liệu, mật ong"),
]


def forwards(apps, schema_editor):
    from core.text import fold

    Category = apps.get_model("shops", "Category")
    for position, (slug, name) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position, "search_text": fold(name)}
        )


def backwards(apps, schema_editor):
    Category = apps.get_model("shops", "Category")
    Category.objects.filter(slug__in=[slug for slug, _ in CATEGORIES], shops=None, products=None).delete()


class Migration(migrations.Migration):
    dependencies = [("shops", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
