"""Third-party models in the admin, under the portal's rules."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class LockoutAttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed logins; clearing the expired ones deletes rows, so it needs delete rights."""

    @admin.action(description=_("Xóa các lần đăng nhập sai đã hết hạn"), permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


if admin.site.is_registered(AccessAttempt):  # AXES_ENABLE_ADMIN
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, LockoutAttemptAdmin)


# The task queue's own rows stay out of the staff site: staff follow their work on the job
# pages (/quan-tri/nhap-du-lieu/), operators the queue on /healthz and with `db_worker`.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
