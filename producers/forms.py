from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm


class ProductFilterForm(FilterForm):
    slug_fields = {"category": _("Mọi nhóm hàng"), "district": _("Cả tỉnh")}

    category = forms.ChoiceField(label=_("Nhóm hàng"), required=False)
    district = forms.ChoiceField(label=_("Địa bàn"), required=False)
    ocop = forms.TypedChoiceField(
        label=_("OCOP"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Mọi sản phẩm")), (3, _("Từ 3 sao")), (4, _("Từ 4 sao")), (5, _("5 sao"))],
    )

    lookups = {"category": "category", "district": "producer__district", "ocop": "ocop_stars__gte"}
