"""Open data: the published directory as CSV and JSON, for the province or one district.

Field names are stable (documented at /du-lieu-mo/); JSON is paginated and carries an
ETag; every response allows cross-origin GET so partner sites and the postal companies
can reuse the data.
"""

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.models import Status
from core.pagination import paginate
from core.spreadsheet_safety import SafeCSVWriter
from producers.models import Listing, Producer, Product
from shops.models import District, Shop

PAGE_SIZE = 200


@dataclass(frozen=True)
class Field:
    name: str
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    fields: tuple[Field, ...]

    def queryset(self, district=None):
        raise NotImplementedError

    def row(self, obj, request) -> dict[str, Any]:
        raise NotImplementedError


def _common_place(obj, district) -> dict:
    return {
        "district_code": district.code,
        "district": district.name,
        "commune": obj.commune,
        "address": obj.address,
    }


PLACE_FIELDS = (
    Field("district_code", _("Mã đơn vị hành chính cấp huyện (Tổng cục Thống kê)")),
    Field("district", _("Tên huyện, thị xã, thành phố")),
    Field("commune", _("Xã, phường, thị trấn")),
    Field("address", _("Địa chỉ")),
)


class ShopDataset(Dataset):
    def queryset(self, district=None):
        qs = Shop.objects.public().for_listing().order_by("pk")
        return qs.filter(district=district) if district else qs

    def row(self, shop, request):
        return {
            "id": shop.pk,
            "name": shop.name,
            "kind": shop.kind,
            "kind_label": str(shop.get_kind_display()),
            **_common_place(shop, shop.district),
            "phone": shop.phone,
            "zalo": shop.zalo,
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
            "verified_on": shop.verified_on.isoformat() if shop.verified_on else None,
            "updated_at": shop.updated_at.isoformat(),
            "url": request.build_absolute_uri(shop.get_absolute_url()),
        }


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
            **_common_place(producer, producer.district),
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


DATASETS = {
    "cua-hang": ShopDataset(
        "cua-hang",
        _("Cửa hàng"),
        (
            Field("id", _("Mã số của cửa hàng trên cổng, không đổi")),
            Field("name", _("Tên cửa hàng")),
            Field("kind", _("Mã loại hình (supermarket, convenience, market, pharmacy, vnpost, …)")),
            Field("kind_label", _("Tên loại hình")),
            *PLACE_FIELDS,
            Field("phone", _("Điện thoại")),
            Field("zalo", _("Số Zalo")),
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
            Field("verified_on", _("Ngày xác minh gần nhất (YYYY-MM-DD)")),
            Field("updated_at", _("Thời điểm cập nhật (ISO 8601)")),
            Field("url", _("Trang của cửa hàng trên cổng")),
        ),
    ),
    "co-so-san-xuat": ProducerDataset(
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
            Field(
                "platform_listings", _("Gian hàng trên sàn: tên sàn và địa chỉ (trong CSV: sàn|địa chỉ; …)")
            ),
            Field("verified_on", _("Ngày xác minh gần nhất")),
            Field("updated_at", _("Thời điểm cập nhật")),
            Field("url", _("Trang của cơ sở trên cổng")),
        ),
    ),
    "san-pham": ProductDataset(
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
    ),
}


def _with_cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


def _resolve(dataset_slug, district_slug):
    dataset = DATASETS.get(dataset_slug)
    if dataset is None:
        raise Http404
    district = get_object_or_404(District.objects.public(), slug=district_slug) if district_slug else None
    return dataset, district


def _version(queryset) -> str:
    """A cheap fingerprint of the rows behind a response: how many, and the latest change."""
    summary = queryset.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    return f"{summary['n']}-{summary['last'].isoformat() if summary['last'] else 0}"


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return "; ".join(
            f"{item['platform']}|{item['url']}" if isinstance(item, dict) else str(item) for item in value
        )
    return "" if value is None else str(value)


def _etag(version: str, extra: str) -> str:
    return '"{}"'.format(hashlib.blake2b(f"{version}|{extra}".encode(), digest_size=12).hexdigest())


def _conditional(request, dataset_slug, district_slug, variant):
    """The dataset, district and queryset asked for, with an ETag; a 304 when the client has it."""
    dataset, district = _resolve(dataset_slug, district_slug)
    queryset = dataset.queryset(district)
    etag = _etag(_version(queryset), f"{variant}|{district and district.pk}")
    not_modified = etag in request.headers.get("If-None-Match", "")
    return dataset, district, queryset, etag, not_modified


@require_safe
def dataset_csv(request, dataset, district=None):
    dataset, district, queryset, etag, not_modified = _conditional(request, dataset, district, "csv")
    if not_modified:
        return _with_cors(HttpResponseNotModified(headers={"ETag": etag}))
    out = io.StringIO()
    out.write("\ufeff")  # lets Excel open the UTF-8 file with its Vietnamese letters intact
    # Text a spreadsheet would run as a formula (a name starting with "=") is written quoted.
    writer = SafeCSVWriter(out)
    writer.writerow([f.name for f in dataset.fields])
    for obj in queryset.iterator(chunk_size=500):
        row = dataset.row(obj, request)
        writer.writerow([_csv_value(row[f.name]) for f in dataset.fields])
    filename = f"{district.slug + '-' if district else ''}{dataset.slug}.csv"
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    return _with_cors(response)


def dataset_json(request, dataset, district=None):
    if request.method == "OPTIONS":
        return _with_cors(HttpResponse(status=204))
    if request.method not in ("GET", "HEAD"):
        return _with_cors(HttpResponse(status=405, headers={"Allow": "GET, HEAD, OPTIONS"}))
    # The requested page number (raw) is part of the ETag; junk falls back to page 1 below.
    page_number = request.GET.get("page", "1")[:12]
    dataset, district, queryset, etag, not_modified = _conditional(
        request, dataset, district, f"json|{page_number}"
    )
    if not_modified:
        return _with_cors(HttpResponseNotModified(headers={"ETag": etag}))
    page = paginate(request, queryset, PAGE_SIZE)

    def page_url(number):
        return request.build_absolute_uri(f"{request.path}?page={number}")

    body = {
        "dataset": dataset.slug,
        "district": {"code": district.code, "name": district.name} if district else None,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "fields": [f.name for f in dataset.fields],
        "results": [dataset.row(obj, request) for obj in page.object_list],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    return _with_cors(response)


def open_data_index(request):
    base = reverse("opendata:index")
    links = [
        {
            "dataset": dataset,
            "csv": f"{base}{dataset.slug}.csv",
            "json": f"{base}{dataset.slug}.json",
        }
        for dataset in DATASETS.values()
    ]
    context = {
        "datasets": links,
        "districts": District.objects.public(),
        "page_size": PAGE_SIZE,
        "example_district": District.objects.public().filter(slug="ha-trung").first()
        or District.objects.public().first(),
    }
    return render(request, "opendata.html", context)
