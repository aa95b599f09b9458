"""Producers and their products as open data (served by camnang.opendata)."""

from operator import attrgetter

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.opendata import EXTRA_PHONES, PHONE_FIELDS, Dataset, Field, iso_date
from producers.models import Listing, Producer, Product
from shops.opendata import KIND_LABEL, PLACE_FIELDS, VERIFIED_ON, place_fields


def public_producers():
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


def public_products():
    listings = Listing.objects.public().select_related("platform")
    return Product.objects.public().for_listing().prefetch_related(Prefetch("listings", queryset=listings))


def listing_values(listings) -> list[dict]:
    """Shops on the platforms: each platform's name and the shop's address there."""
    return [{"platform": listing.platform.name, "url": listing.url} for listing in listings]


def latest_price(read, default=""):
    """Reads `read(price)` of a product's latest price; `default` for a product without one."""

    def value(product):
        price = product.latest_price
        return read(price) if price else default

    return value


PRODUCERS = Dataset(
    "co-so-san-xuat",
    _("Cơ sở sản xuất"),
    public_producers,
    (
        Field("name", _("Tên cơ sở")),
        Field("kind", _("Mã loại hình (household, cooperative, coop_group, small_business)")),
        KIND_LABEL,
        Field("representative", _("Người đại diện")),
        *PLACE_FIELDS,
        *PHONE_FIELDS,
        Field("description", _("Giới thiệu")),
        Field("product_count", _("Số sản phẩm đã công bố"), attrgetter("product_total")),
        Field(
            "platform_listings",
            _("Gian hàng trên sàn: tên sàn và địa chỉ (trong CSV: sàn|địa chỉ; …)"),
            lambda producer: listing_values(producer.public_listings),
        ),
        VERIFIED_ON,
    ),
    appended_fields=(EXTRA_PHONES,),
)


PRODUCTS = Dataset(
    "san-pham",
    _("Sản phẩm"),
    public_products,
    (
        Field("name", _("Tên sản phẩm")),
        Field("category", _("Nhóm hàng"), lambda product: product.category.name if product.category else ""),
        Field("ocop_stars", _("Hạng OCOP: 0 (chưa xếp hạng), 3, 4 hoặc 5")),
        Field("harvest_months", _("Tháng thu hoạch (danh sách số 1–12)")),
        Field("unit", _("Đơn vị tính")),
        Field(
            "price_vnd",
            _("Giá tham khảo mới nhất (đồng), có thể trống; ngày và nguồn ở các cột price_…"),
            latest_price(attrgetter("price"), None),
        ),
        Field("description", _("Mô tả")),
        Field("producer_id", _("Mã số cơ sở sản xuất"), attrgetter("producer.pk")),
        Field("producer", _("Tên cơ sở sản xuất"), attrgetter("producer.name")),
        *place_fields(attrgetter("producer")),
        Field(
            "platform_listings",
            _("Trang sản phẩm trên sàn"),
            lambda product: listing_values(product.listings.all()),
        ),
        Field(
            "photo",
            _("Địa chỉ ảnh"),
            lambda product: product.photo.url if product.photo else None,
            absolute_url=True,
        ),
    ),
    place_paths=(("district", "producer__district"), ("commune", "producer__commune")),
    # Added after the first release, with the dated prices.
    appended_fields=(
        Field("price_unit", _("Đơn vị tính của giá tham khảo"), latest_price(attrgetter("unit_label"))),
        Field(
            "price_date",
            _("Ngày của giá tham khảo (ISO 8601)"),
            latest_price(lambda price: iso_date(price.observed_on), None),
        ),
        Field(
            "price_source",
            _(
                "Mã nguồn giá (commune_frame: khung giá của UBND xã/phường, "
                "market_bulletin: bản tin giá của Sở Công Thương, producer: cơ sở sản xuất báo giá)"
            ),
            latest_price(attrgetter("source")),
        ),
        Field(
            "price_source_label",
            _("Tên nguồn giá"),
            latest_price(lambda price: str(price.get_source_display())),
        ),
        Field(
            "price_source_note",
            _("Ghi chú nguồn giá: số văn bản, số bản tin…"),
            latest_price(attrgetter("source_note")),
        ),
    ),
)
