from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Thành phần dùng chung")

    def ready(self):
        from core import private_files, staff_pages
        from core.contributions import hidden_page
        from core.imports import views as imports

        staff_pages.register(
            # Staff-only files, after a permission check; the view sets its own Cache-Control.
            hidden_page(
                "private_file",
                "tep-noi-bo/<str:app_label>/<str:model_name>/<int:pk>/<str:field_name>/",
                private_files.private_file,
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
            hidden_page("import_start", "nhap-du-lieu/<slug:target>/", imports.start),
            hidden_page("import_template", "nhap-du-lieu/<slug:target>/tep-mau.xlsx", imports.template_file),
            hidden_page("import_job", "viec/<uuid:pk>/", imports.job_page),
            hidden_page("import_status", "viec/<uuid:pk>/tien-do.json", imports.job_status),
            hidden_page("job_file", "viec/<uuid:pk>/tep/", imports.job_file, cacheable=True),
            hidden_page(
                "import_errors", "viec/<uuid:pk>/dong-bi-tu-choi.xlsx", imports.job_errors, cacheable=True
            ),
        )
