"""Staff pages of imports: upload, choose columns, follow the check, confirm, follow the
writing, download the refused rows. Mounted under /quan-tri/ by the admin site."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.jobs import Job
from core.registry import importers
from core.text import fold

from . import pipeline, tasks
from .template import template_workbook

UPLOAD_TYPES = ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) hoặc CSV"),
        error_messages={"required": _("Hãy chọn tệp cần nhập."), "empty": _("Tệp rỗng.")},
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_TYPES}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        too_large = pipeline.file_limits_message(upload)
        if too_large:
            raise forms.ValidationError(too_large)
        return upload


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}


def _importer(request, target):
    importer = importers.get(target)
    if importer is None:
        raise Http404
    if not importer.may_import(request.user):
        raise PermissionDenied
    return importer


def _job(request, pk) -> Job:
    Job.objects.reap_stale()
    return get_object_or_404(Job.objects.visible_to(request.user), pk=pk)


def job_list(request):
    """The user's imports (administrators see everyone's), and the lists they may import into."""
    Job.objects.reap_stale()
    jobs = Job.objects.visible_to(request.user).select_related("user")[:50]
    available = [importer for importer in importers.values() if importer.may_import(request.user)]
    return TemplateResponse(
        request,
        "admin/imports/job_list.html",
        _context(request, gettext("Nhập dữ liệu từ Excel, CSV"), jobs=jobs, importers=available),
    )


@require_http_methods(["GET", "POST"])
def start(request, target):
    importer = _importer(request, target)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = pipeline.start(user=request.user, importer=importer, upload=form.cleaned_data["file"])
        except pipeline.Refused as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect("admin:import_job", pk=job.pk)
    fields = importer.fields()
    return TemplateResponse(
        request,
        "admin/imports/start.html",
        _context(
            request,
            gettext("Nhập %(what)s từ tệp") % {"what": importer.title.lower()},
            form=form,
            importer=importer,
            fields=fields,
        ),
    )


def _file_defaults(request, importer) -> tuple[dict, str]:
    """The values chosen for the whole file (Importer.file_defaults), checked like a cell."""
    fields = {f.key: f for f in importer.fields()}
    defaults = {}
    for key in importer.file_defaults:
        written = request.POST.get(f"default-{key}", "")
        if written:
            try:
                defaults[key] = fields[key].parse(written)
            except ValueError as error:
                return {}, str(error)
    return defaults, ""


def _enqueue(job, task) -> None:
    """Save the job, then queue its task (the worker reads the job row it was given)."""
    job.heartbeat = timezone.now()
    job.save()
    result = task.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))


@require_http_methods(["GET", "POST"])
def job_page(request, pk):
    job = _job(request, pk)
    importer = importers.get(job.target)
    if request.method == "POST":
        return _act(request, job, importer)
    context = _context(request, job.original_name or str(importer.title), job=job, importer=importer)
    if job.state == Job.State.UPLOADED:
        try:
            context["sheet"] = pipeline.describe(job, importer)
        except pipeline.Refused as refusal:
            job.finish(Job.State.FAILED, str(refusal))
        fields = importer.fields()
        context["field_choices"] = [("", gettext("— Không nhập cột này —"))] + [
            (f.key, str(f.label)) for f in fields
        ]
        context["file_defaults"] = [
            (f, [str(value) for value in f.allowed()], _chosen_label(job, f))
            for f in fields
            if f.key in importer.file_defaults
        ]
    if job.state == Job.State.CHECKED:
        context["notes"] = [
            {**note, "chosen": job.choices.get(str(note["row"]), "")} for note in job.options.get("notes", [])
        ]
        context["skipped"] = job.summary.get("skipped", {})
    return TemplateResponse(request, "admin/imports/job.html", context)


def _choices(request) -> dict:
    """The units chosen for rows whose former commune was divided: row number -> commune pk."""
    return {
        name[7:]: value
        for name, value in request.POST.items()
        if name.startswith("choose-") and name[7:].isdigit() and value.isdigit()
    }


def _chosen_label(job, field) -> str:
    code = job.options.get("defaults", {}).get(field.key)
    if code is None:
        return ""
    for value in field.allowed():
        try:
            if field.parse(value) == code:
                return str(value)
        except ValueError:
            continue
    return ""


def _act(request, job, importer):
    action = request.POST.get("action", "")
    if action == "sheet" and job.state == Job.State.UPLOADED:
        sheet = request.POST.get("sheet", "")
        try:
            job.mapping = {}
            pipeline.propose(job, importer, sheet_name=sheet)
            job.save()
        except pipeline.Refused as refusal:
            messages.error(request, str(refusal))
    elif action == "map" and job.state == Job.State.UPLOADED:
        mapping = {}
        for name, value in request.POST.items():
            if name.startswith("col-") and name[4:].isdigit() and value:
                mapping[int(name[4:])] = value
        missing = pipeline.set_mapping(job, importer, mapping, remember=bool(request.POST.get("remember")))
        defaults, wrong = _file_defaults(request, importer)
        job.options = {**job.options, "defaults": defaults}
        job.save(update_fields=["options"])
        duplicated = [key for key in set(mapping.values()) if list(mapping.values()).count(key) > 1]
        if duplicated:
            messages.error(request, gettext("Mỗi mục chỉ ghép với một cột; hãy bỏ bớt cột trùng."))
        elif wrong:
            messages.error(request, wrong)
        elif missing:
            messages.error(
                request,
                gettext("Chưa chọn cột cho mục bắt buộc: %(fields)s.") % {"fields": ", ".join(missing)},
            )
        else:
            job.state = Job.State.CHECKING
            _enqueue(job, tasks.check_import)
    elif action == "confirm" and job.state == Job.State.CHECKED and not job.summary.get("refused"):
        job.choices = _choices(request)
        job.state = Job.State.WRITING
        _enqueue(job, tasks.write_import)
    elif action == "recheck" and job.state in (Job.State.CHECKED, Job.State.FAILED, Job.State.CANCELLED):
        if not job.file:
            messages.error(request, gettext("Tệp không còn được lưu: hãy tải tệp lên lại."))
        else:
            job.state, job.message, job.cancel_requested, job.finished_at = (
                Job.State.CHECKING,
                "",
                False,
                None,
            )
            _enqueue(job, tasks.check_import)
    elif action == "cancel" and not job.is_finished:
        if job.state in (Job.State.UPLOADED, Job.State.CHECKED):
            job.finish(Job.State.CANCELLED, gettext("Đã hủy; chưa có gì được ghi."))
            pipeline.discard_files(job)
        else:
            Job.objects.filter(pk=job.pk).update(cancel_requested=True)
            messages.info(request, gettext("Đã yêu cầu dừng; việc đang chạy sẽ dừng ở lô kế tiếp."))
    else:
        messages.error(request, gettext("Thao tác không hợp lệ ở bước này."))
    return redirect("admin:import_job", pk=job.pk)


def job_status(request, pk):
    """The progress as a small JSON, for the page's progress bar (the page also refreshes itself)."""
    from django.http import JsonResponse

    job = _job(request, pk)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": str(job.get_state_display()),
            "percent": job.percent,
            "total": job.total_rows,
            "read": job.rows_read,
            "checked": job.rows_checked,
            "written": job.rows_written,
            "finished": job.is_finished or job.state in (Job.State.CHECKED, Job.State.UPLOADED),
        }
    )


def job_file(request, pk):
    """An export's file, for the user who asked for it (and administrators)."""
    job = _job(request, pk)
    if job.kind != Job.Kind.EXPORT or job.state != Job.State.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.original_name)
    response["Cache-Control"] = "private, no-store"
    return response


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (.csv, UTF-8)"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )


def export(request, importer, queryset):
    """The list as filtered on its admin page (SpreadsheetAdminMixin passes the queryset):
    a small one downloads at once, a larger one is written by a worker."""
    from django.conf import settings

    from . import exports

    total = queryset.count()
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        extension = form.cleaned_data["format"]
        if total <= settings.EXPORT_INLINE_ROWS:
            response = HttpResponse(
                exports.export_bytes(importer, queryset, extension), content_type=exports.FORMATS[extension]
            )
            name = exports.file_name(importer, extension)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            response["Cache-Control"] = "private, no-store"
            return response
        job = exports.start(
            user=request.user,
            importer=importer,
            pks=list(queryset.order_by().values_list("pk", flat=True)),
            extension=extension,
            total=total,
        )
        _enqueue(job, tasks.export_list)
        return redirect("admin:import_job", pk=job.pk)
    return TemplateResponse(
        request,
        "admin/imports/export.html",
        _context(
            request,
            gettext("Xuất %(what)s") % {"what": str(importer.title).lower()},
            form=form,
            importer=importer,
            total=total,
            inline_limit=settings.EXPORT_INLINE_ROWS,
        ),
    )


def job_errors(request, pk):
    job = _job(request, pk)
    if not job.errors_file:
        raise Http404
    response = FileResponse(
        job.errors_file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(fold(job.original_name.rsplit('.', 1)[0])) or 'tep'}-dong-bi-tu-choi.xlsx",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def template_file(request, target):
    """An empty .xlsx with the columns, drop-down lists and a guide sheet."""
    importer = _importer(request, target)
    title = gettext("Mẫu nhập %(what)s") % {"what": importer.title.lower()}
    response = HttpResponse(
        template_workbook(importer.fields(), title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(fold(title))}.xlsx"'
    return response


def changelist_links(importer) -> dict:
    return {
        "import": reverse("admin:import_start", kwargs={"target": importer.key}),
        "template": reverse("admin:import_template", kwargs={"target": importer.key}),
    }


def running_count(user) -> int:
    """Jobs of this user still being checked or written (shown beside the admin home link)."""
    return Job.objects.visible_to(user).running().count()
