from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm
from shops.models import Shop


class ShopFilterForm(FilterForm):
    slug_fields = {"category": _("Mọi nhóm hàng")}

    category = forms.ChoiceField(label=_("Nhóm hàng"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại hình"), required=False, choices=[("", _("Mọi loại hình")), *Shop.Kind.choices]
    )
    delivery = forms.ChoiceField(
        label=_("Giao nhận"),
        required=False,
        choices=[("", _("Mọi hình thức")), ("home", _("Giao tận nhà")), ("pickup", _("Nhận tại điểm hẹn"))],
    )

    lookups = {"category": "categories", "kind": "kind"}

    def filter(self, shops):
        shops = super().filter(shops)
        applied = self.applied
        if applied.get("delivery") == "home":
            shops = shops.filter(home_delivery=True)
        elif applied.get("delivery") == "pickup":
            shops = shops.filter(pickup=True)
        return shops
