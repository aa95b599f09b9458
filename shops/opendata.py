"""The shop list as open data (served by camnang.opendata from core.registry.datasets)."""

from django.utils.translation import gettext_lazy as _

from core.opendata import EXTRA_PHONES, PHONE_FIELDS, Dataset, Field, iso_date
from shops.models import Shop


def place_fields(placed=None) -> tuple[Field, ...]:
    """Where a record is, as every dataset gives it; `placed(row)` is the record whose place
    it is when that is not the row itself (a product's producer)."""

    def of_placed(read):
        return read if placed is None else lambda row: read(placed(row))

    return (
        Field(
            "district_code",
            _("Mã huyện, thị xã, thành phố cũ (trước 1/7/2025; Tổng cục Thống kê)"),
            of_placed(lambda obj: obj.district.code),
        ),
        Field("district", _("Tên huyện, thị xã, thành phố cũ"), of_placed(lambda obj: obj.district.name)),
        Field(
            "commune_code",
            _("Mã xã, phường hiện nay (từ 1/7/2025), trống nếu chưa xác định"),
            of_placed(lambda obj: obj.commune.code if obj.commune_id else None),
        ),
        Field(
            "commune",
            _("Tên xã, phường hiện nay"),
            of_placed(lambda obj: obj.commune.name if obj.commune_id else ""),
        ),
        Field(
            "commune_as_written",
            _("Xã, phường như ghi trong danh sách gốc (có thể là tên cũ)"),
            of_placed(lambda obj: obj.commune_name),
        ),
        Field("address", _("Địa chỉ"), of_placed(lambda obj: obj.address)),
    )


PLACE_FIELDS = place_fields()
KIND_LABEL = Field("kind_label", _("Tên loại hình"), lambda row: str(row.get_kind_display()))
VERIFIED_ON = Field(
    "verified_on", _("Ngày cán bộ xác minh gần nhất (YYYY-MM-DD)"), lambda row: iso_date(row.verified_on)
)


SHOPS = Dataset(
    "cua-hang",
    _("Cửa hàng"),
    lambda: Shop.objects.public().for_listing(),
    (
        Field("name", _("Tên cửa hàng")),
        Field("kind", _("Mã loại hình (supermarket, convenience, market, pharmacy, vnpost, …)")),
        KIND_LABEL,
        *PLACE_FIELDS,
        *PHONE_FIELDS,
        Field("website", _("Trang web")),
        Field("facebook", _("Trang Facebook")),
        Field(
            "categories",
            _("Nhóm hàng (danh sách; trong CSV ngăn cách bằng dấu ;)"),
            lambda shop: [category.name for category in shop.categories.all()],
        ),
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
