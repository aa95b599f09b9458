"""Open data: the published directory as CSV and JSON, for the province or one district.

Field names are stable (documented at /du-lieu-mo/); JSON is paginated and carries an
ETag; every response allows cross-origin GET so partner sites and the postal companies
can reuse the data.
"""

import hashlib
import io

from django.db.models import Count, Max
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core import registry
from core.demo import NOTICE
from core.pagination import paginate
from core.spreadsheet_safety import SafeCSVWriter
from shops.models import Commune, District

PAGE_SIZE = 200


def _with_cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


def _resolve(dataset_slug, district_slug, commune_slug):
    """The dataset and the place asked for: the province, a former district or a commune."""
    dataset = registry.datasets.get(dataset_slug)
    if dataset is None:
        raise Http404
    place = None
    if district_slug:
        place = get_object_or_404(District.objects.public(), slug=district_slug)
    elif commune_slug:
        place = get_object_or_404(Commune.objects.public(), slug=commune_slug)
    return dataset, place


def _unit(place) -> dict:
    return {"code": place.code, "name": place.name}


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


def _conditional(request, dataset_slug, district_slug, commune_slug, variant):
    """The dataset, place and queryset asked for, with an ETag; a 304 when the client has it."""
    dataset, place = _resolve(dataset_slug, district_slug, commune_slug)
    queryset = dataset.queryset(place)
    where = f"{place._meta.model_name}:{place.pk}" if place else "-"
    etag = _etag(_version(queryset), f"{variant}|{where}")
    not_modified = etag in request.headers.get("If-None-Match", "")
    return dataset, place, queryset, etag, not_modified


@require_safe
def dataset_csv(request, dataset, district=None, commune=None):
    dataset, place, queryset, etag, not_modified = _conditional(request, dataset, district, commune, "csv")
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
    filename = f"{place.slug + '-' if place else ''}{dataset.slug}.csv"
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    return _with_cors(response)


def dataset_json(request, dataset, district=None, commune=None):
    if request.method == "OPTIONS":
        return _with_cors(HttpResponse(status=204))
    if request.method not in ("GET", "HEAD"):
        return _with_cors(HttpResponse(status=405, headers={"Allow": "GET, HEAD, OPTIONS"}))
    # The requested page number (raw) is part of the ETag; junk falls back to page 1 below.
    page_number = request.GET.get("page", "1")[:12]
    dataset, place, queryset, etag, not_modified = _conditional(
        request, dataset, district, commune, f"json|{page_number}"
    )
    if not_modified:
        return _with_cors(HttpResponseNotModified(headers={"ETag": etag}))
    page = paginate(request, queryset, PAGE_SIZE)
    demo_rows = queryset.filter(is_demo=True).count()

    def page_url(number):
        return request.build_absolute_uri(f"{request.path}?page={number}")

    body = {
        "dataset": dataset.slug,
        "district": _unit(place) if place and place._meta.model_name == "district" else None,
        "commune": _unit(place) if place and place._meta.model_name == "commune" else None,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "fields": [f.name for f in dataset.fields],
        # Rows of the whole file (every page) that are demo rows, and what that means.
        "demo_rows": demo_rows,
        "demo_notice": str(NOTICE) if demo_rows else None,
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
        for dataset in registry.datasets.values()
    ]
    context = {
        "datasets": links,
        "districts": District.objects.public(),
        "communes": Commune.objects.public().order_by("name"),
        "page_size": PAGE_SIZE,
        "example_district": District.objects.public().filter(slug="ha-trung").first()
        or District.objects.public().first(),
    }
    return render(request, "opendata.html", context)
