from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = _("Cửa hàng và địa bàn")

    def ready(self):
        from core.cache import query_parameters
        from shops import signals  # noqa: F401
        from shops.forms import ShopFilterForm

        query_parameters.register(*ShopFilterForm.base_fields)
