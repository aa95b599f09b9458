from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "producers"
    verbose_name = _("Nông sản và sàn thương mại điện tử")

    def ready(self):
        from core.cache import query_parameters
        from producers import signals  # noqa: F401
        from producers.forms import ProductFilterForm

        query_parameters.register(*ProductFilterForm.base_fields)
