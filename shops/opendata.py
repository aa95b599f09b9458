"""The shop list as open data (served by camnang.opendata from core.registry.datasets)."""

from django.utils.translation import gettext_lazy as _

from core.opendata import EXTRA_PHONES, PHONE_FIELDS, Dataset, Field, iso_date, phone_values
from shops.models import Shop


def place_values(obj, district) -> dict:
    """Where a record is, as every dataset gives it."""
    return {
        "district_code": district.code,
        "district": district.name,
        "commune_code": obj.commune.code if obj.commune_id else None,
        "commune": obj.commune.name if obj.commune_id else "",
        "commune_as_written": obj.commune_name,
        "address": obj.address,
    }


VERIFIED_ON = Field("verified_on", _("Ngày cán bộ xác minh gần nhất (YYYY-MM-DD)"))
PLACE_FIELDS = (
    Field("district_code", _("Mã huyện, thị xã, thành phố cũ (trước 1/7/2025; Tổng cục Thống kê)")),
    Field("district", _("Tên huyện, thị xã, thành phố cũ")),
    Field("commune_code", _("Mã xã, phường hiện nay (từ 1/7/2025), trống nếu chưa xác định")),
    Field("commune", _("Tên xã, phường hiện nay")),
    Field("commune_as_written", _("Xã, phường như ghi trong danh sách gốc (có thể là tên cũ)")),
    Field("address", _("Địa chỉ")),
)


class ShopDataset(Dataset):
    def rows(self):
        return Shop.objects.public().for_listing()

    def values(self, shop, request):
        return {
            "name": shop.name,
            "kind": shop.kind,
            "kind_label": str(shop.get_kind_display()),
            **place_values(shop, shop.district),
            **phone_values(shop),
            "website": shop.website,
            "facebook": shop.facebook,
            "categories": [c.name for c in shop.categories.all()],
            "order_by_phone": shop.order_by_phone,
            "order_by_zalo": shop.order_by_zalo,
            "order_by_website": shop.order_by_website,
            "order_by_platform": shop.order_by_platform,
            "home_delivery": shop.home_delivery,
            "pickup": shop.pickup,
            "delivery_area": shop.delivery_area,
            "opening_hours": shop.opening_hours,
            "verified_on": iso_date(shop.verified_on),
        }


SHOPS = ShopDataset(
    "cua-hang",
    _("Cửa hàng"),
    (
        Field("name", _("Tên cửa hàng")),
        Field("kind", _("Mã loại hình (supermarket, convenience, market, pharmacy, vnpost, …)")),
        Field("kind_label", _("Tên loại hình")),
        *PLACE_FIELDS,
        *PHONE_FIELDS,
        Field("website", _("Trang web")),
        Field("facebook", _("Trang Facebook")),
        Field("categories", _("Nhóm hàng (danh sách; trong CSV ngăn cách bằng dấu ;)")),
        Field("order_by_phone", _("Nhận đặt hàng qua điện thoại")),
        Field("order_by_zalo", _("Nhận đặt hàng qua Zalo")),
        Field("order_by_website", _("Nhận đặt hàng trên trang web")),
        Field("order_by_platform", _("Bán trên sàn thương mại điện tử")),
        Field("home_delivery", _("Giao hàng tận nhà")),
        Field("pickup", _("Nhận tại điểm hẹn")),
        Field("delivery_area", _("Khu vực giao hàng")),
        Field("opening_hours", _("Giờ mở cửa")),
        VERIFIED_ON,
    ),
    appended_fields=(EXTRA_PHONES,),
)
