"""Staff pages that live inside the admin's look but span several apps."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from camnang.models import ErrorReport, may
from core import services
from producers.models import Producer
from shops.models import District, Shop

# A published record whose details nobody has checked for this long is listed.
STALE_AFTER_DAYS = 90
KINDS = {"cua-hang": (Shop, _("Cửa hàng")), "co-so": (Producer, _("Cơ sở sản xuất"))}


def queued_records(user, model, cutoff, district=None):
    """Published records of `model` in the user's districts that need checking: not verified
    since `cutoff`, or reported wrong by citizens. Returns them and {pk: open reports}."""
    if not may(user, "view", model):
        return model.objects.none(), {}
    records = model.objects.for_user(user).published()
    if district is not None:
        records = records.filter(district=district)
    reports = ErrorReport.objects.open_counts(model, records)
    records = records.filter(
        Q(verified_on__isnull=True) | Q(verified_on__lt=cutoff) | Q(pk__in=list(reports))
    )
    return records.select_related("district").only("name", "verified_on", "district"), reports


@require_http_methods(["GET", "POST"])
def verification_queue(request):
    """Published shops and producers not verified for 90 days or reported wrong by citizens:
    those with most open reports first, then the oldest verified, with one-click verify."""
    if request.method == "POST":
        return verify(request)
    today = timezone.localdate()
    cutoff = today - timedelta(days=STALE_AFTER_DAYS)
    districts = District.objects.for_user(request.user)
    district = districts.filter(slug=request.GET.get("huyen", "")).first()
    kind = request.GET.get("loai", "")
    items = []
    for key, (model, label) in KINDS.items():
        if kind and kind != key:
            continue
        can_change = may(request.user, "change", model)
        records, reports = queued_records(request.user, model, cutoff, district)
        content_type = ContentType.objects.get_for_model(model).pk
        for record in records:
            items.append(
                {
                    "record": record,
                    "kind": key,
                    "label": label,
                    "can_change": can_change,
                    "reports": reports.get(record.pk, 0),
                    "reports_query": urlencode(
                        {"state__exact": "open", "content_type": content_type, "object_id": record.pk}
                    ),
                    "days": (today - record.verified_on).days if record.verified_on else None,
                    "url": reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
                    ),
                }
            )
    items.sort(
        key=lambda item: (-item["reports"], item["record"].verified_on or date.min, item["record"].name)
    )
    page = Paginator(items, 50).get_page(request.GET.get("trang"))
    context = {
        **admin.site.each_context(request),
        "title": _("Cần xác minh lại"),
        "page_obj": page,
        "stale_after_days": STALE_AFTER_DAYS,
        "may_view_reports": request.user.has_perm("camnang.view_errorreport"),
        "districts": districts,
        "district": district,
        "kind": kind,
        "kinds": [(key, label) for key, (_model, label) in KINDS.items()],
        "query": urlencode(
            {k: v for k, v in {"huyen": district.slug if district else "", "loai": kind}.items() if v}
        ),
    }
    return TemplateResponse(request, "admin/verification_queue.html", context)


def verify(request):
    entry = KINDS.get(request.POST.get("loai", ""))
    if entry is None:
        raise Http404
    model = entry[0]
    pk = request.POST.get("id", "")
    record = model.objects.for_user(request.user).filter(pk=pk).first() if pk.isdigit() else None
    if record is None:
        raise Http404
    if not may(request.user, "change", model):
        raise PermissionDenied
    services.mark_verified([record], user=request.user)
    messages.success(request, gettext("Đã xác minh “%(name)s” hôm nay.") % {"name": record.name})
    # Back to the same filtered list; the query is rebuilt from known values only.
    query = {}
    if District.objects.filter(slug=request.POST.get("huyen", "")).exists():
        query["huyen"] = request.POST["huyen"]
    if request.POST.get("loai_loc") in KINDS:
        query["loai"] = request.POST["loai_loc"]
    url = reverse("admin:verification_queue")
    return redirect(f"{url}?{urlencode(query)}" if query else url)
