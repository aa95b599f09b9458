"""The platforms' texts without what no source states (free registration, pick-up at home)
and with today's terms (thẻ căn cước since 1 July 2024; no district post offices since
1 July 2025). Rows staff have reworded are left as they are."""

from importlib import import_module

from django.db import migrations

# The texts as the first release loaded them.
BEFORE = {row["slug"]: row for row in import_module("producers.migrations.0002_platforms").PLATFORMS}

AFTER = {
    "postmart": {
        "summary": (
            "Sàn thương mại điện tử của Tổng công ty Bưu điện Việt Nam. Theo Kế hoạch 241/KH-UBND, Bưu "
            "điện tỉnh hỗ trợ hộ sản xuất nông nghiệp đưa sản phẩm lên sàn; hàng đi qua mạng lưới bưu điện."
        ),
        "how_to_sell": (
            "Liên hệ bưu cục gần nhất hoặc Bưu điện tỉnh để được hướng dẫn đăng ký tài khoản người bán; "
            "chuẩn bị thẻ căn cước, số điện thoại và tài khoản ngân hàng để nhận tiền.\n\n"
            "Chụp ảnh sản phẩm rõ nét, ghi giá, khối lượng, quy cách đóng gói và mùa vụ.\n\n"
            "Khi có đơn, đóng gói theo hướng dẫn và gửi qua bưu điện; tiền hàng được chuyển về tài "
            "khoản đã đăng ký."
        ),
    },
    "voso": {
        "summary": (
            "Sàn thương mại điện tử của Tổng công ty Cổ phần Bưu chính Viettel. Theo Kế hoạch 241/KH-UBND, "
            "Chi nhánh Bưu chính Viettel tỉnh hỗ trợ hộ sản xuất nông nghiệp đưa sản phẩm lên sàn; hàng "
            "đi qua mạng lưới bưu cục Viettel Post."
        ),
        "how_to_sell": (
            "Liên hệ bưu cục Viettel Post gần nhất hoặc Chi nhánh Bưu chính Viettel tỉnh để được "
            "hướng dẫn đăng ký tài khoản người bán.\n\n"
            "Đăng sản phẩm với ảnh thật, giá bán, quy cách và thời gian có hàng.\n\n"
            "Khi có đơn, đóng gói theo hướng dẫn và gửi qua bưu cục Viettel Post; tiền hàng về tài "
            "khoản của người bán."
        ),
    },
}


def reword(apps, schema_editor):
    Platform = apps.get_model("producers", "Platform")
    for slug, texts in AFTER.items():
        platform = Platform.objects.filter(slug=slug).first()
        if platform is None:
            continue
        old = BEFORE[slug]
        changed = [name for name in texts if getattr(platform, name) == old[name]]
        for name in changed:
            setattr(platform, name, texts[name])
        if changed:
            platform.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("producers", "0010_demo_flag")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop, elidable=True)]
