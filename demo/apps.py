from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Everything that exists only to demonstrate the portal: fictional directory data,
    illustrative campaign records and the local demo accounts. Installed only when the
    DEMO_APP setting says so (development), so production has none of its commands."""

    name = "demo"
    verbose_name = _("Dữ liệu minh họa")
