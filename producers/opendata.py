"""Producers and their products as open data (served by camnang.opendata)."""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.models import Status
from core.opendata import Dataset, Field
from producers.models import Listing, Producer, Product
from shops.opendata import PLACE_FIELDS, place_values


class ProducerDataset(Dataset):
    def queryset(self, district=None):
        qs = (
            Producer.objects.public()
            .select_related("district")
            .prefetch_related(
                Prefetch(
                    "listings",
                    queryset=Listing.objects.public().filter(product=None).select_related("platform"),
                    to_attr="public_listings",
                )
            )
            .annotate(product_total=Count("products", filter=_published_products()))
            .order_by("pk")
        )
        return qs.filter(district=district) if district else qs

    def row(self, producer, request):
        return {
            "id": producer.pk,
            "name": producer.name,
            "kind": producer.kind,
            "kind_label": str(producer.get_kind_display()),
            "representative": producer.representative,
            **place_values(producer, producer.district),
            "phone": producer.phone,
            "zalo": producer.zalo,
            "description": producer.description,
            "product_count": producer.product_total,
            "platform_listings": [
                {"platform": listing.platform.name, "url": listing.url}
                for listing in producer.public_listings
            ],
            "verified_on": producer.verified_on.isoformat() if producer.verified_on else None,
            "updated_at": producer.updated_at.isoformat(),
            "url": request.build_absolute_uri(producer.get_absolute_url()),
        }


def _published_products():
    return Q(products__status=Status.PUBLISHED)


class ProductDataset(Dataset):
    def queryset(self, district=None):
        qs = (
            Product.objects.public()
            .for_listing()
            .prefetch_related(
                Prefetch("listings", queryset=Listing.objects.public().select_related("platform"))
            )
            .order_by("pk")
        )
        return qs.filter(producer__district=district) if district else qs

    def row(self, product, request):
        producer = product.producer
        return {
            "id": product.pk,
            "name": product.name,
            "category": product.category.name if product.category else "",
            "ocop_stars": product.ocop_stars,
            "harvest_months": product.harvest_months,
            "unit": product.unit,
            "price_vnd": product.price,
            "description": product.description,
            "producer_id": producer.pk,
            "producer": producer.name,
            "district_code": producer.district.code,
            "district": producer.district.name,
            "platform_listings": [
                {"platform": listing.platform.name, "url": listing.url} for listing in product.listings.all()
            ],
            "photo": request.build_absolute_uri(product.photo.url) if product.photo else None,
            "updated_at": product.updated_at.isoformat(),
            "url": request.build_absolute_uri(product.get_absolute_url()),
        }


PRODUCERS = ProducerDataset(
    "co-so-san-xuat",
    _("Cơ sở sản xuất"),
    (
        Field("id", _("Mã số của cơ sở trên cổng, không đổi")),
        Field("name", _("Tên cơ sở")),
        Field("kind", _("Mã loại hình (household, cooperative, coop_group, small_business)")),
        Field("kind_label", _("Tên loại hình")),
        Field("representative", _("Người đại diện")),
        *PLACE_FIELDS,
        Field("phone", _("Điện thoại")),
        Field("zalo", _("Số Zalo")),
        Field("description", _("Giới thiệu")),
        Field("product_count", _("Số sản phẩm đã công bố")),
        Field("platform_listings", _("Gian hàng trên sàn: tên sàn và địa chỉ (trong CSV: sàn|địa chỉ; …)")),
        Field("verified_on", _("Ngày xác minh gần nhất")),
        Field("updated_at", _("Thời điểm cập nhật")),
        Field("url", _("Trang của cơ sở trên cổng")),
    ),
)


PRODUCTS = ProductDataset(
    "san-pham",
    _("Sản phẩm"),
    (
        Field("id", _("Mã số của sản phẩm trên cổng, không đổi")),
        Field("name", _("Tên sản phẩm")),
        Field("category", _("Nhóm hàng")),
        Field("ocop_stars", _("Hạng OCOP: 0 (chưa xếp hạng), 3, 4 hoặc 5")),
        Field("harvest_months", _("Tháng thu hoạch (danh sách số 1–12)")),
        Field("unit", _("Đơn vị tính")),
        Field("price_vnd", _("Giá tham khảo (đồng), có thể trống")),
        Field("description", _("Mô tả")),
        Field("producer_id", _("Mã số cơ sở sản xuất")),
        Field("producer", _("Tên cơ sở sản xuất")),
        Field("district_code", _("Mã đơn vị hành chính cấp huyện")),
        Field("district", _("Tên huyện, thị xã, thành phố")),
        Field("platform_listings", _("Trang sản phẩm trên sàn")),
        Field("photo", _("Địa chỉ ảnh")),
        Field("updated_at", _("Thời điểm cập nhật")),
        Field("url", _("Trang của sản phẩm trên cổng")),
    ),
)
