"""Staff pages that live inside the admin's look but span several apps."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import admin, messages
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

from camnang.admin import allowed_district_ids
from core.services import update_with_history
from producers.models import Producer
from shops.models import District, Shop

# A published record whose details nobody has checked for this long is listed.
STALE_AFTER_DAYS = 90
KINDS = {"cua-hang": (Shop, _("Cửa hàng")), "co-so": (Producer, _("Cơ sở sản xuất"))}


def stale_records(request, model, cutoff, district=None):
    model_admin = admin.site._registry[model]
    if not model_admin.has_view_permission(request):
        return model.objects.none()
    records = model.objects.published().filter(Q(verified_on__isnull=True) | Q(verified_on__lt=cutoff))
    if district is not None:
        records = records.filter(district=district)
    return model_admin.scope(
        request, records.select_related("district").only("name", "verified_on", "district")
    )


@require_http_methods(["GET", "POST"])
def verification_queue(request):
    """Published shops and producers not verified for 90 days, oldest first, with one-click verify."""
    if request.method == "POST":
        return verify(request)
    today = timezone.localdate()
    cutoff = today - timedelta(days=STALE_AFTER_DAYS)
    ids = allowed_district_ids(request)
    districts = District.objects.all() if ids is None else District.objects.filter(pk__in=ids)
    district = districts.filter(slug=request.GET.get("huyen", "")).first()
    kind = request.GET.get("loai", "")
    items = []
    for key, (model, label) in KINDS.items():
        if kind and kind != key:
            continue
        can_change = admin.site._registry[model].has_change_permission(request)
        for record in stale_records(request, model, cutoff, district):
            items.append(
                {
                    "record": record,
                    "kind": key,
                    "label": label,
                    "can_change": can_change,
                    "days": (today - record.verified_on).days if record.verified_on else None,
                    "url": reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
                    ),
                }
            )
    items.sort(key=lambda item: (item["record"].verified_on or date.min, item["record"].name))
    page = Paginator(items, 50).get_page(request.GET.get("trang"))
    context = {
        **admin.site.each_context(request),
        "title": _("Cần xác minh lại"),
        "page_obj": page,
        "stale_after_days": STALE_AFTER_DAYS,
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
    model_admin = admin.site._registry[model]
    record = model_admin.scope(request, model.objects.all()).filter(pk=request.POST.get("id") or None).first()
    if record is None:
        raise Http404
    if not model_admin.has_change_permission(request, record):
        raise PermissionDenied
    update_with_history(
        [record], user=request.user, reason=gettext("Xác minh"), verified_on=timezone.localdate()
    )
    messages.success(request, gettext("Đã xác minh “%(name)s” hôm nay.") % {"name": record.name})
    # Back to the same filtered list; the query is rebuilt from known values only.
    query = {}
    if District.objects.filter(slug=request.POST.get("huyen", "")).exists():
        query["huyen"] = request.POST["huyen"]
    if request.POST.get("loai_loc") in KINDS:
        query["loai"] = request.POST["loai_loc"]
    url = reverse("verification_queue")
    return redirect(f"{url}?{urlencode(query)}" if query else url)
