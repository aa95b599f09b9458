from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import MONTH_CHOICES
from core.forms import FilterForm, QueryNamesMixin


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


class InSeasonForm(QueryNamesMixin, FilterForm):
    """A month (`?thang=1..12`) and a former district, for the products in season.

    Without a month, or with one that is not 1 to 12, the form shows today's month; a
    month that was refused is kept in `refused_month`, for the page to say so.
    """

    query_names = {"month": "thang"}
    slug_fields = {"district": _("Cả tỉnh")}

    month = forms.TypedChoiceField(label=_("Tháng"), choices=MONTH_CHOICES, coerce=int)
    district = forms.ChoiceField(label=_("Địa bàn"), required=False)

    lookups = {"district": "producer__district"}

    def __init__(self, data, *, today, **objects):
        name = self.query_names["month"]
        written = " ".join(str(data.get(name) or "").split())
        self.refused_month = ""
        if written not in {str(month) for month, _label in MONTH_CHOICES}:
            self.refused_month = written
            data = data.copy()
            data[name] = str(today.month)
        super().__init__(data, **objects)

    @property
    def chosen_month(self) -> int:
        return self.applied["month"]
