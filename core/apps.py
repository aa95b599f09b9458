from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Thành phần dùng chung")

    def ready(self):
        from core import private_files, staff_pages

        # Staff-only files, after a permission check; the view sets its own Cache-Control.
        staff_pages.register(
            staff_pages.StaffPage(
                name="private_file",
                route="tep-noi-bo/<str:app_label>/<str:model_name>/<int:pk>/<str:field_name>/",
                view=private_files.private_file,
                listed=False,
                cacheable=True,
            )
        )
