"""Admin pieces shared by the directory apps."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from camnang.models import Status


class FoldedSearchMixin:
    """Admin search that ignores accents and case, like the public search.

    Staff type "ha trung" and find "Huyện Hà Trung", using the folded search_text
    column instead of the default icontains on each field.
    """

    search_fields = ["search_text"]
    search_help_text = _("Tìm theo tên, địa chỉ, huyện, xã; gõ có dấu hay không dấu đều được.")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False


@admin.action(description=_("Công bố các mục đã chọn"))
def publish(modeladmin, request, queryset):
    count = queryset.update(status=Status.PUBLISHED, updated_at=timezone.now())
    modeladmin.message_user(request, ngettext("Đã công bố %d mục.", "Đã công bố %d mục.", count) % count)


@admin.action(description=_("Ngừng hiển thị các mục đã chọn"))
def unpublish(modeladmin, request, queryset):
    count = queryset.update(status=Status.HIDDEN, updated_at=timezone.now())
    modeladmin.message_user(
        request, ngettext("Đã ẩn %d mục.", "Đã ẩn %d mục.", count) % count, level=messages.WARNING
    )


@admin.action(description=_("Đánh dấu đã xác minh hôm nay"))
def mark_verified(modeladmin, request, queryset):
    count = queryset.update(verified_on=timezone.localdate(), updated_at=timezone.now())
    modeladmin.message_user(request, ngettext("Đã xác minh %d mục.", "Đã xác minh %d mục.", count) % count)


class DirectoryAdmin(FoldedSearchMixin, admin.ModelAdmin):
    actions = [publish, unpublish, mark_verified]
    list_per_page = 50
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True
