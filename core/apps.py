from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Thành phần dùng chung")

    def ready(self):
        from core import private_files, staff_pages
        from core.imports import views as imports

        # Staff-only files, after a permission check; the view sets its own Cache-Control.
        staff_pages.register(
            staff_pages.StaffPage(
                name="private_file",
                route="tep-noi-bo/<str:app_label>/<str:model_name>/<int:pk>/<str:field_name>/",
                view=private_files.private_file,
                listed=False,
                cacheable=True,
            ),
            # Imports from spreadsheets (core.imports): each view checks the list's own permissions.
            staff_pages.StaffPage(
                name="import_list",
                route="nhap-du-lieu/",
                view=imports.job_list,
                title=_("Nhập dữ liệu từ Excel, CSV"),
                summary=_("tải tệp lên, chọn cột, xem trước, theo dõi tiến độ và tải các dòng lỗi"),
                count=imports.running_count,
            ),
            staff_pages.StaffPage(
                name="import_start", route="nhap-du-lieu/<slug:target>/", view=imports.start, listed=False
            ),
            staff_pages.StaffPage(
                name="import_template",
                route="nhap-du-lieu/<slug:target>/tep-mau.xlsx",
                view=imports.template_file,
                listed=False,
            ),
            staff_pages.StaffPage(
                name="import_job", route="viec/<uuid:pk>/", view=imports.job_page, listed=False
            ),
            staff_pages.StaffPage(
                name="import_status",
                route="viec/<uuid:pk>/tien-do.json",
                view=imports.job_status,
                listed=False,
            ),
            staff_pages.StaffPage(
                name="job_file",
                route="viec/<uuid:pk>/tep/",
                view=imports.job_file,
                listed=False,
                cacheable=True,
            ),
            staff_pages.StaffPage(
                name="import_errors",
                route="viec/<uuid:pk>/dong-bi-tu-choi.xlsx",
                view=imports.job_errors,
                listed=False,
                cacheable=True,
            ),
        )
