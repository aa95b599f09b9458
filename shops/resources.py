"""The shop list as a spreadsheet: one row per shop."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import ChoiceWidget, Column, PhoneWidget, YesNoWidget, status_column, verified_column
from shops.models import Shop
from shops.spreadsheets import CategoriesWidget, DirectorySheet, district_column


def yes_no(attribute, header):
    return Column(
        attribute, header, YesNoWidget(), guide=_("Có hoặc Không; đánh dấu x cũng được. Để trống là Không.")
    )


class ShopResource(DirectorySheet):
    noun = _("cửa hàng")

    id = Column(
        "id",
        _("Mã"),
        readonly=True,
        guide=_("Để trống khi thêm mới; giữ nguyên mã của tệp đã xuất để cập nhật."),
    )
    name = Column("name", _("Tên cửa hàng"), required=True, guide=_("Tên như trên biển hiệu."))
    kind = Column(
        "kind", _("Loại hình"), ChoiceWidget(Shop.Kind), required=True, guide=_("Chọn trong danh sách.")
    )
    district = district_column()
    commune_name = Column(
        "commune_name",
        _("Xã, phường, thị trấn"),
        guide=_("Tên xã, phường cũ hoặc mới, ví dụ: Xã Hà Lĩnh (cũ) hoặc Xã Hà Long (từ 1/7/2025)."),
    )
    address = Column("address", _("Địa chỉ"), required=True, guide=_("Số nhà, thôn, tiểu khu hoặc ki-ốt."))
    phone = Column(
        "phone",
        _("Điện thoại"),
        PhoneWidget(),
        required=True,
        guide=_("Số gọi đặt hàng, ví dụ 0912 345 678."),
    )
    zalo = Column("zalo", _("Zalo"), PhoneWidget(), guide=_("Số Zalo nhận đặt hàng, nếu có."))
    website = Column("website", _("Trang web"), guide=_("Địa chỉ trang web, nếu có."))
    facebook = Column("facebook", _("Facebook"), guide=_("Địa chỉ trang Facebook, nếu có."))
    categories = Column(
        "categories",
        _("Nhóm hàng"),
        CategoriesWidget(),
        guide=_("Một hoặc nhiều nhóm hàng, cách nhau bằng dấu chấm phẩy (;)."),
    )
    order_by_phone = yes_no("order_by_phone", _("Đặt qua điện thoại"))
    order_by_zalo = yes_no("order_by_zalo", _("Đặt qua Zalo"))
    order_by_website = yes_no("order_by_website", _("Đặt trên trang web"))
    order_by_platform = yes_no("order_by_platform", _("Đặt trên sàn TMĐT"))
    home_delivery = yes_no("home_delivery", _("Giao tận nhà"))
    pickup = yes_no("pickup", _("Nhận tại điểm hẹn"))
    delivery_area = Column("delivery_area", _("Khu vực giao hàng"), guide=_("Ví dụ: các xã trong huyện."))
    opening_hours = Column("opening_hours", _("Giờ mở cửa"), guide=_("Ví dụ: 7:00 – 21:00."))
    notes = Column("notes", _("Ghi chú"))
    status = status_column(_("Trạng thái"))
    verified_on = verified_column()

    class Meta(DirectorySheet.Meta):
        model = Shop
        fields = (
            "id",
            "name",
            "kind",
            "district",
            "commune_name",
            "address",
            "phone",
            "zalo",
            "website",
            "facebook",
            "categories",
            "order_by_phone",
            "order_by_zalo",
            "order_by_website",
            "order_by_platform",
            "home_delivery",
            "pickup",
            "delivery_area",
            "opening_hours",
            "notes",
            "status",
            "verified_on",
        )

    @classmethod
    def get_display_name(cls):
        return gettext("Danh sách cửa hàng")

    def get_queryset(self):
        return super().get_queryset().select_related("district").prefetch_related("categories")
