"""Producers and their products as open data (served by camnang.opendata)."""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.opendata import EXTRA_PHONES, PHONE_FIELDS, Dataset, Field, iso_date, phone_values
from producers.models import Listing, Producer, Product
from shops.opendata import PLACE_FIELDS, VERIFIED_ON, place_values


class ProducerDataset(Dataset):
    def rows(self):
        return (
            Producer.objects.public()
            .select_related("district", "commune")
            .prefetch_related(
                Prefetch(
                    "listings",
                    queryset=Listing.objects.public().filter(product=None).select_related("platform"),
                    to_attr="public_listings",
                )
            )
            .annotate(product_total=Count("products", filter=Q(products__in=Product.objects.public())))
        )

    def values(self, producer, request):
        return {
            "name": producer.name,
            "kind": producer.kind,
            "kind_label": str(producer.get_kind_display()),
            "representative": producer.representative,
            **place_values(producer, producer.district),
            **phone_values(producer),
            "description": producer.description,
            "product_count": producer.product_total,
            "platform_listings": [
                {"platform": listing.platform.name, "url": listing.url}
                for listing in producer.public_listings
            ],
            "verified_on": iso_date(producer.verified_on),
        }


class ProductDataset(Dataset):
    def rows(self):
        listings = Listing.objects.public().select_related("platform")
        return (
            Product.objects.public().for_listing().prefetch_related(Prefetch("listings", queryset=listings))
        )

    def values(self, product, request):
        producer = product.producer
        price = product.latest_price
        return {
            "name": product.name,
            "category": product.category.name if product.category else "",
            "ocop_stars": product.ocop_stars,
            "harvest_months": product.harvest_months,
            "unit": product.unit,
            "price_vnd": price.price if price else None,
            "description": product.description,
            "producer_id": producer.pk,
            "producer": producer.name,
            **place_values(producer, producer.district),
            "platform_listings": [
                {"platform": listing.platform.name, "url": listing.url} for listing in product.listings.all()
            ],
            "photo": request.build_absolute_uri(product.photo.url) if product.photo else None,
            "price_unit": price.unit_label if price else "",
            "price_date": iso_date(price.observed_on) if price else None,
            "price_source": price.source if price else "",
            "price_source_label": str(price.get_source_display()) if price else "",
            "price_source_note": price.source_note if price else "",
        }


PRODUCERS = ProducerDataset(
    "co-so-san-xuat",
    _("Cơ sở sản xuất"),
    (
        Field("name", _("Tên cơ sở")),
        Field("kind", _("Mã loại hình (household, cooperative, coop_group, small_business)")),
        Field("kind_label", _("Tên loại hình")),
        Field("representative", _("Người đại diện")),
        *PLACE_FIELDS,
        *PHONE_FIELDS,
        Field("description", _("Giới thiệu")),
        Field("product_count", _("Số sản phẩm đã công bố")),
        Field("platform_listings", _("Gian hàng trên sàn: tên sàn và địa chỉ (trong CSV: sàn|địa chỉ; …)")),
        VERIFIED_ON,
    ),
    appended_fields=(EXTRA_PHONES,),
)


PRODUCTS = ProductDataset(
    "san-pham",
    _("Sản phẩm"),
    (
        Field("name", _("Tên sản phẩm")),
        Field("category", _("Nhóm hàng")),
        Field("ocop_stars", _("Hạng OCOP: 0 (chưa xếp hạng), 3, 4 hoặc 5")),
        Field("harvest_months", _("Tháng thu hoạch (danh sách số 1–12)")),
        Field("unit", _("Đơn vị tính")),
        Field("price_vnd", _("Giá tham khảo mới nhất (đồng), có thể trống; ngày và nguồn ở các cột price_…")),
        Field("description", _("Mô tả")),
        Field("producer_id", _("Mã số cơ sở sản xuất")),
        Field("producer", _("Tên cơ sở sản xuất")),
        *PLACE_FIELDS,  # the producer's
        Field("platform_listings", _("Trang sản phẩm trên sàn")),
        Field("photo", _("Địa chỉ ảnh")),
    ),
    place_paths=(("district", "producer__district"), ("commune", "producer__commune")),
    # Added after the first release, with the dated prices.
    appended_fields=(
        Field("price_unit", _("Đơn vị tính của giá tham khảo")),
        Field("price_date", _("Ngày của giá tham khảo (ISO 8601)")),
        Field(
            "price_source",
            _(
                "Mã nguồn giá (commune_frame: khung giá của UBND xã/phường, "
                "market_bulletin: bản tin giá của Sở Công Thương, producer: cơ sở sản xuất báo giá)"
            ),
        ),
        Field("price_source_label", _("Tên nguồn giá")),
        Field("price_source_note", _("Ghi chú nguồn giá: số văn bản, số bản tin…")),
    ),
)
