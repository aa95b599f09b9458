from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, QueryNamesMixin
from shops.models import Shop
from shops.services import match_district


class ShopFilterForm(FilterForm):
    slug_fields = {"category": _("Mọi nhóm hàng"), "commune": _("Mọi xã, phường")}
    # "commune" is offered on a former district's page: today's communes and wards in it.
    commune = forms.ChoiceField(label=_("Xã, phường hiện nay"), required=False)
    category = forms.ChoiceField(label=_("Nhóm hàng"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại hình"), required=False, choices=[("", _("Mọi loại hình")), *Shop.Kind.choices]
    )
    delivery = forms.ChoiceField(
        label=_("Giao nhận"),
        required=False,
        choices=[("", _("Mọi hình thức")), ("home", _("Giao tận nhà")), ("pickup", _("Nhận tại điểm hẹn"))],
    )

    lookups = {"commune": "commune", "category": "categories", "kind": "kind"}

    def filter(self, shops):
        shops = super().filter(shops)
        applied = self.applied
        if applied.get("delivery") == "home":
            shops = shops.filter(home_delivery=True)
        elif applied.get("delivery") == "pickup":
            shops = shops.filter(pickup=True)
        return shops


class AddressLookupForm(QueryNamesMixin, forms.Form):
    """An old address as people write it: a commune, and its former district if known."""

    query_names = {"commune": "xa", "district": "huyen"}
    MAX_LENGTH = 200

    commune = forms.CharField(
        label=_("Xã, phường, thị trấn (tên cũ hoặc mới)"),
        max_length=MAX_LENGTH,
        error_messages={
            "required": _("Hãy ghi tên xã, phường hoặc thị trấn cần tra, ví dụ: xã Hà Vinh."),
            "max_length": _("Tên xã quá dài: hãy ghi gọn, tối đa %(limit_value)d ký tự."),
        },
    )
    district = forms.CharField(
        label=_("Huyện, thị xã, thành phố cũ (nếu biết)"),
        required=False,
        max_length=MAX_LENGTH,
        error_messages={"max_length": _("Tên huyện quá dài: hãy ghi gọn, tối đa %(limit_value)d ký tự.")},
    )

    def clean(self):
        cleaned = super().clean()
        commune = " ".join(cleaned.get("commune", "").replace("\x00", "").split())
        district = " ".join(cleaned.get("district", "").replace("\x00", "").split())
        # "xã Hà Vinh, huyện Hà Trung" written in one box: the last part may be the district.
        if "," in commune and not district:
            head, _sep, tail = commune.rpartition(",")
            if match_district(tail):
                commune, district = head.strip(" ,"), tail.strip()
        cleaned["commune"] = commune
        cleaned["district_text"] = district
        cleaned["district"] = None
        if district:
            cleaned["district"] = match_district(district)
            if cleaned["district"] is None:
                self.add_error(
                    "district",
                    _(
                        "Không có huyện, thị xã, thành phố cũ nào tên “%(name)s” ở tỉnh %(province)s. "
                        "Nếu địa chỉ ở tỉnh khác, cổng này chưa tra được."
                    )
                    % {"name": district, "province": settings.PROVINCE_NAME},
                )
        if not commune and "commune" not in self.errors:
            self.add_error("commune", self.fields["commune"].error_messages["required"])
        return cleaned
