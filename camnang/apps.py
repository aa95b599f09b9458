from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CamnangConfig(AppConfig):
    name = "camnang"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from camnang.views import SearchForm
        from core.cache import connect_invalidation, query_parameters

        connect_invalidation()
        # Page numbers (core.pagination) and the search form.
        query_parameters.register("page", *SearchForm.base_fields)
