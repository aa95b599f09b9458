"""Whether the portal is showing demo rows (core.models.DemoMarked).

The notice follows the data, not the settings: while any public row is a demo row,
every page, print and open-data file says that the directory holds demonstration data.
"""

from django.utils.translation import gettext_lazy as _

from core import registry
from core.cache import per_version

NOTICE = _(
    "Cổng đang có dữ liệu minh họa: các cửa hàng, cơ sở sản xuất, sản phẩm và tin bài gắn nhãn "
    "“Minh họa” là giả định, không phải thông tin thật."
)


def has_public_demo_rows() -> bool:
    """True while any public row of a registered model is a demo row (one query per model,
    once per content version)."""
    return per_version(
        "public-demo-rows",
        lambda: any(rows().filter(is_demo=True).exists() for rows in registry.public_rows.values()),
    )
