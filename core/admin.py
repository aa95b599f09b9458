"""Admin pieces shared by the apps: accent-free search, scoping, read-only history, actions, spreadsheets."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import get_content_type_for_model
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.forms import modelform_factory
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core import services
from core.contact import display_phone
from core.fields import PhoneField, PhoneListField


class FoldedSearchMixin:
    """Admin search that ignores accents and case, like the public search, and keeps the
    folded search text current after every save or delete made here.

    Staff type "ha trung" and find "Huyện Hà Trung", using the folded search_text
    column instead of the default icontains on each field.
    """

    search_fields = ["search_text"]
    search_help_text = _("Tìm theo tên, địa chỉ, huyện, xã; gõ có dấu hay không dấu đều được.")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The record, its many-to-many rows and its inlines are saved: its text can be rebuilt.
        services.refresh_search(form.instance)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.refresh_search(obj)

    def delete_queryset(self, request, queryset):
        deleted = list(queryset)
        super().delete_queryset(request, queryset)
        for obj in deleted:
            services.refresh_search(obj)


# --- Scoping ------------------------------------------------------------------------


class ScopedAdminMixin:
    """Limits an admin to the records its user may work on, on every path.

    The rule lives on the model's QuerySet: `for_user(user)` (the rows) and
    `admits(user, obj)` (one record as it is in memory, new form values included).
    Lists, edit and history pages, delete, actions, autocomplete, imports and exports
    read through get_queryset() or the checks below; the choices of a foreign key to a
    scoped model (a district, a producer) are scoped the same way.
    """

    def _rule(self):
        return self.model._default_manager.all()

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def in_scope(self, request, obj) -> bool:
        return obj is None or self._rule().admits(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self._exists_out_of_scope(request, object_id, from_field):
            raise Http404(gettext("Không có mục này trong phạm vi bạn phụ trách."))
        return obj

    def _exists_out_of_scope(self, request, object_id, from_field) -> bool:
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        try:
            value = field.to_python(unquote(object_id))
        except (ValidationError, ValueError):
            return False
        return self._rule().filter(**{field.name: value}).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        base = kwargs.get("queryset", db_field.related_model._default_manager.all())
        if hasattr(base, "for_user"):
            kwargs["queryset"] = base.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request):
        # A filter on a scoped relation offers only what appears in the user's own list.
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and hasattr(self._related_rows(item), "for_user"):
                item = (item, admin.RelatedOnlyFieldListFilter)
            filters.append(item)
        return filters

    def _related_rows(self, path: str):
        model = self.model
        try:
            for name in path.split("__"):
                model = model._meta.get_field(name).related_model
        except (FieldDoesNotExist, AttributeError):
            return None
        return model._default_manager.all() if model is not None else None

    def save_model(self, request, obj, form, change):
        if not self.in_scope(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


# --- History ----------------------------------------------------------------------


class VietnameseHistoryHelper(HistoricalRecordContextHelper):
    """Shows choices by their labels, yes/no fields as Có/Không and phone numbers grouped
    for reading on the history page."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, PhoneListField) and isinstance(value, list):
            value = ", ".join(display_phone(number) for number in value)
        elif isinstance(field, PhoneField) and value:
            value = display_phone(value)
        if field.choices and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("Có") if value else gettext("Không")
        if value in (None, ""):
            return "—"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """The "Lịch sử" page lists who changed which field, from what to what, and when.

    Old versions are shown read-only: simple-history's version page saves whatever is
    posted to it (SIMPLE_HISTORY_REVERT_DISABLED only hides the button), so here it
    answers GET alone, and both history pages are allowed or refused by the record as it
    stands now, never by the old version's district.
    """

    object_history_template = "admin/camnang/object_history.html"
    object_history_list_template = "admin/camnang/object_history_list.html"
    object_history_form_template = "admin/camnang/object_history_form.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseHistoryHelper(self.model, historical_record)

    def history_view_title(self, request, obj):
        return gettext("Lịch sử thay đổi: %s") % obj

    def revert_disabled(self, request, obj=None):
        return True

    def history_manager(self):
        return getattr(self.model, self.model._meta.simple_history_manager_attribute)

    def history_subject(self, request, object_id):
        """The record whose history is asked for, as it stands now: it decides who may read it.

        Another district's record is a 404, as on its edit page; a deleted record is
        judged by its last version (what it was when deleted).
        """
        model = self.model
        try:
            pk = model._meta.pk.to_python(unquote(object_id))
            current = model._default_manager.filter(pk=pk).first()
        except (ValidationError, ValueError):
            raise Http404 from None
        if current is None:
            versions = self.history_manager().filter(**{model._meta.pk.attname: pk})
            last = versions.order_by("-history_id").first()
            if last is None:
                raise Http404
            current = last.instance
        elif not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404(gettext("Không có mục này trong địa bàn bạn phụ trách."))
        if not self.has_view_history_or_change_history_permission(request, current):
            raise PermissionDenied
        return current

    def history_view(self, request, object_id, extra_context=None):
        self.history_subject(request, object_id)
        return super().history_view(request, object_id, extra_context)

    @method_decorator(require_safe)
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One old version, every field read-only; restoring it is done by editing the record."""
        request.current_app = self.admin_site.name
        current = self.history_subject(request, object_id)
        opts = self.model._meta
        try:
            version = self.history_manager().get(**{opts.pk.attname: current.pk, "history_id": version_id})
        except (ObjectDoesNotExist, ValidationError, ValueError):
            raise Http404 from None
        obj = version.instance
        obj._state.adding = False
        # Many-to-many values are not part of the rebuilt instance (they would show today's).
        fieldsets = [
            (name, {**options, "fields": self._without_many_to_many(options["fields"])})
            for name, options in self.get_fieldsets(request, obj)
        ]
        form = modelform_factory(self.model, fields=())(instance=obj)
        admin_form = helpers.AdminForm(form, fieldsets, {}, flatten_fieldsets(fieldsets), model_admin=self)
        prefix = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        when = date_format(timezone.localtime(version.history_date), "d/m/Y H:i")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(object)s – phiên bản lúc %(when)s") % {"object": current, "when": when},
            "adminform": admin_form,
            "object_id": object_id,
            "original": current,
            "version": version,
            "version_date": when,
            "is_popup": False,
            "media": self.media + admin_form.media,
            "errors": [],
            "app_label": opts.app_label,
            "original_opts": opts,
            "opts": opts,
            "changelist_url": reverse(f"{prefix}_changelist"),
            "change_url": reverse(f"{prefix}_change", args=(quote(current.pk),)),
            "history_url": reverse(f"{prefix}_history", args=(quote(current.pk),)),
            "change_history": False,
            "revert_disabled": True,
            "add": False,
            "change": True,
            "has_add_permission": False,
            "has_view_permission": True,
            "has_change_permission": False,
            "has_delete_permission": False,
            "has_editable_inline_admin_formsets": False,
            "can_change_current": self.has_change_permission(request, current),
            "has_file_field": False,
            "has_absolute_url": False,
            "form_url": "",
            "content_type_id": get_content_type_for_model(self.model).pk,
            "save_as": False,
            "save_on_top": False,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        return self.render_history_view(request, self.object_history_form_template, context)

    def _without_many_to_many(self, fields):
        kept = []
        for item in fields:
            if isinstance(item, list | tuple):
                item = tuple(self._without_many_to_many(item))
                if item:
                    kept.append(item)
                continue
            try:
                if self.model._meta.get_field(item).many_to_many:
                    continue
            except FieldDoesNotExist:
                pass
            kept.append(item)
        return kept


# --- Actions ----------------------------------------------------------------------


def _apply(service, request, queryset) -> int:
    objects = queryset.for_reindex() if hasattr(queryset, "for_reindex") else queryset
    service(objects, user=request.user)
    return queryset.count()


@admin.action(description=_("Công bố các mục đã chọn"), permissions=["change"])
def publish(modeladmin, request, queryset):
    count = _apply(services.publish, request, queryset)
    modeladmin.message_user(request, ngettext("Đã công bố %d mục.", "Đã công bố %d mục.", count) % count)


@admin.action(description=_("Ngừng hiển thị các mục đã chọn"), permissions=["change"])
def unpublish(modeladmin, request, queryset):
    count = _apply(services.hide, request, queryset)
    modeladmin.message_user(
        request, ngettext("Đã ẩn %d mục.", "Đã ẩn %d mục.", count) % count, level=messages.WARNING
    )


@admin.action(description=_("Đánh dấu đã xác minh hôm nay"), permissions=["change"])
def mark_verified(modeladmin, request, queryset):
    count = _apply(services.mark_verified, request, queryset)
    modeladmin.message_user(request, ngettext("Đã xác minh %d mục.", "Đã xác minh %d mục.", count) % count)


# --- Phone numbers ------------------------------------------------------------------

# A number in its stored form (core.contact): anything else was kept as typed because
# it did not read as a phone number, and waits for staff.
STORED_PHONE = r"^\+84[0-9]{7,11}$"


class PhoneCheckFilter(admin.SimpleListFilter):
    """Records whose phone or Zalo number could not be read (kept as typed): staff fix them."""

    title = _("số điện thoại")
    parameter_name = "so_dien_thoai"

    def lookups(self, request, model_admin):
        return [("can-sua", _("Cần sửa (không đọc được)"))]

    def queryset(self, request, queryset):
        if self.value() == "can-sua":
            return queryset.exclude(phone__regex=STORED_PHONE) | queryset.exclude(zalo="").exclude(
                zalo__regex=STORED_PHONE
            )
        return queryset


class ContactAdminMixin:
    """Admin of a core.models.Contactable record: numbers grouped for reading in the list,
    and a filter for the numbers that could not be read."""

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), PhoneCheckFilter]

    @admin.display(description=_("điện thoại"), ordering="phone")
    def phone_number(self, obj):
        return obj.phone_display


class DirectoryAdmin(FoldedSearchMixin, HistoryAdmin):
    actions = [publish, unpublish, mark_verified]
    list_per_page = 50
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True


# --- Spreadsheets -------------------------------------------------------------------


class SpreadsheetAdminMixin:
    """Buttons on a list's admin page for its spreadsheets (core.imports): import a file,
    download the template, export the list as filtered (`<list>/xuat/`, which keeps the
    list's filters and the user's scope). `importer_key` names the list in
    core.registry.importers; the import pages are the staff import pages."""

    importer_key = ""
    change_list_template = "admin/camnang/change_list_spreadsheets.html"

    def get_urls(self):
        from django.urls import path

        opts = self.opts
        export = path(
            "xuat/",
            self.admin_site.admin_view(self.export_view),
            name=f"{opts.app_label}_{opts.model_name}_export",
        )
        return [export, *super().get_urls()]

    def importer(self):
        from core.registry import importers

        return importers.get(self.importer_key)

    @method_decorator(require_http_methods(["GET", "POST"]))
    def export_view(self, request):
        from django.contrib.admin.options import IncorrectLookupParameters

        from core.imports.views import export

        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(gettext("Bộ lọc không hợp lệ."))
        return export(request, self.importer(), queryset)

    def changelist_view(self, request, extra_context=None):
        importer = self.importer()
        extra = {"may_import": importer is not None and importer.may_import(request.user)}
        return super().changelist_view(
            request, {"importer_key": self.importer_key, **extra, **(extra_context or {})}
        )
