"""Reference data: the two postal companies' e-commerce platforms."""

from django.db import migrations

PLATFORMS = [
    {
        "slug": "postmart",
        "name": "postmart.vn",
        "operator": "Tổng công ty Bưu điện Việt Nam (Vietnam Post)",
        "home_url": "https://postmart.vn/",
        "domain": "postmart.vn",
        "position": 1,
        "summary": (
            "Sàn thương mại điện tử của Bưu điện Việt Nam, chuyên về nông sản, đặc sản vùng miền "
            "và sản phẩm OCOP. Bưu điện tỉnh hỗ trợ hộ sản xuất mở gian hàng, nhận hàng tại nhà "
            "và giao đến người mua trên cả nước."
        ),
        "how_to_buy": (
            "Mở postmart.vn trên điện thoại hoặc máy tính, gõ tên sản phẩm hoặc chọn mục đặc sản "
            "theo tỉnh.\n\n"
            "Chọn sản phẩm, xem kỹ giá, quy cách, phí vận chuyển, rồi bấm mua và nhập địa chỉ, số "
            "điện thoại nhận hàng.\n\n"
            "Chọn thanh toán khi nhận hàng hoặc thanh toán trực tuyến. Bưu tá giao hàng đến tận nơi; "
            "kiểm tra hàng trước khi nhận."
        ),
        "how_to_sell": (
            "Liên hệ bưu điện huyện hoặc Bưu điện tỉnh để được hướng dẫn đăng ký gian hàng miễn "
            "phí; chuẩn bị căn cước công dân, số điện thoại và tài khoản ngân hàng để nhận tiền.\n\n"
            "Chụp ảnh sản phẩm rõ nét, ghi giá, khối lượng, quy cách đóng gói và mùa vụ.\n\n"
            "Khi có đơn, đóng gói theo hướng dẫn và giao cho bưu điện; tiền hàng được chuyển về tài "
            "khoản đã đăng ký."
        ),
    },
    {
        "slug": "voso",
        "name": "voso.vn",
        "operator": "Tổng công ty Cổ phần Bưu chính Viettel (Viettel Post)",
        "home_url": "https://voso.vn/",
        "domain": "voso.vn",
        "position": 2,
        "summary": (
            "Sàn thương mại điện tử của Viettel Post. Người bán được hỗ trợ mở gian hàng, lấy hàng "
            "tận nơi và giao nhanh qua mạng lưới bưu cục Viettel Post."
        ),
        "how_to_buy": (
            "Mở voso.vn hoặc ứng dụng Voso, tìm sản phẩm theo tên hoặc theo địa phương.\n\n"
            "Cho sản phẩm vào giỏ, điền địa chỉ và số điện thoại nhận hàng, xem phí vận chuyển.\n\n"
            "Thanh toán khi nhận hàng hoặc trực tuyến; nhân viên Viettel Post giao hàng tận nơi."
        ),
        "how_to_sell": (
            "Liên hệ bưu cục Viettel Post gần nhất hoặc Chi nhánh Bưu chính Viettel tỉnh để được "
            "hướng dẫn đăng ký tài khoản người bán.\n\n"
            "Đăng sản phẩm với ảnh thật, giá bán, quy cách và thời gian có hàng.\n\n"
            "Viettel Post đến lấy hàng tại nhà khi có đơn; tiền hàng về tài khoản của người bán."
        ),
    },
]


def forwards(apps, schema_editor):
    Platform = apps.get_model("producers", "Platform")
    for data in PLATFORMS:
        Platform.objects.update_or_create(slug=data["slug"], defaults=data)


def backwards(apps, schema_editor):
    Platform = apps.get_model("producers", "Platform")
    Platform.objects.filter(slug__in=[p["slug"] for p in PLATFORMS], listings=None).delete()


class Migration(migrations.Migration):
    dependencies = [("producers", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
