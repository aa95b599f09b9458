from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CamnangConfig(AppConfig):
    name = "camnang"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from camnang.cache import connect_invalidation, query_parameters
        from camnang.views import SearchForm

        connect_invalidation()
        # Page numbers (camnang.pagination) and the search form.
        query_parameters.register("page", *SearchForm.base_fields)
