import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, QueryNamesMixin
from core.text import fold
from shops.models import Shop
from shops.services import match_district, province_districts


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
    """An old address as people write it: a commune, and its former district if known.

    The commune box also takes a whole address, "Thôn 3, xã Hà Vinh, huyện Hà Trung, tỉnh
    Thanh Hóa" or "xã Hà Vinh huyện Hà Trung": the district and the province are taken off
    its end and the commune is the part before them.
    """

    query_names = {"commune": "xa", "district": "huyen"}
    MAX_LENGTH = 200

    commune = forms.CharField(
        label=_("Xã, phường, thị trấn (tên cũ hoặc mới)"),
        max_length=MAX_LENGTH,
        error_messages={
            "required": _("Hãy ghi tên xã, phường hoặc thị trấn cần tra, ví dụ: xã Hà Vinh."),
            "max_length": _("Tên xã quá dài: hãy ghi gọn, tối đa %(limit_value)d ký tự."),
            "null_characters_not_allowed": _("Tên xã có ký tự không hợp lệ: hãy gõ lại."),
        },
    )
    district = forms.CharField(
        label=_("Huyện, thị xã, thành phố cũ (nếu biết)"),
        required=False,
        max_length=MAX_LENGTH,
        error_messages={
            "max_length": _("Tên huyện quá dài: hãy ghi gọn, tối đa %(limit_value)d ký tự."),
            "null_characters_not_allowed": _("Tên huyện có ký tự không hợp lệ: hãy gõ lại."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        commune = " ".join(cleaned.get("commune", "").split())
        district = " ".join(cleaned.get("district", "").split())
        districts = list(province_districts())
        district_field = "district"
        if commune:
            commune, written = split_address(commune, districts)
            if written and not district:
                district, district_field = written, "commune"  # written in the commune box
        cleaned["commune"] = commune
        cleaned["district_text"] = district
        cleaned["district"] = None
        if district:
            cleaned["district"] = match_district(district, districts)
            if cleaned["district"] is None and district_field not in self.errors:
                self.add_error(
                    district_field,
                    _(
                        "Không có huyện, thị xã, thành phố cũ nào tên “%(name)s” ở tỉnh %(province)s. "
                        "Nếu địa chỉ ở tỉnh khác, cổng này chưa tra được."
                    )
                    % {"name": district, "province": settings.PROVINCE_NAME},
                )
        if not commune and "commune" not in self.errors:
            self.add_error("commune", self.fields["commune"].error_messages["required"])
        return cleaned


# Words a district's name starts with, to recognise one written after the commune: folded
# after a comma; as written without one, where "quan" would also be the start of "Quan Sơn".
_DISTRICT_WORDS = ("huyen", "quan", "thi xa", "thanh pho", "tp", "tx")
_DISTRICT_WORDS_AS_WRITTEN = ("huyện ", "huyen ", "quận ", "thị xã ", "thi xa ", "thành phố ", "thanh pho ")
_DISTRICT_WORDS_AS_WRITTEN += ("tp ", "tp.", "tx ", "tx.", "h. ")


def split_address(text: str, districts) -> tuple[str, str]:
    """(commune, district) of an address written in one box; the district is "" when the
    address names none. A part that reads like a district ("huyện X", "quận X") but is
    none of the province's is returned as the district, for the caller to refuse."""
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    province = fold(settings.PROVINCE_NAME)
    # "..., tỉnh Thanh Hóa" ends many addresses. A bare "Thanh Hóa" is the province only
    # after a district: alone it may be Thanh Hóa city.
    while len(parts) > 1 and (
        fold(parts[-1]) in {f"tinh {province}", f"t {province}"}
        or (len(parts) > 2 and fold(parts[-1]) == province)
    ):
        parts.pop()
    if len(parts) > 1:
        tail = parts[-1]
        if match_district(tail, districts) or fold(tail).startswith(tuple(w + " " for w in _DISTRICT_WORDS)):
            return parts[-2], tail
        return parts[-1], ""
    # No comma: "xã Hà Vinh huyện Hà Trung". Only a tail that is one of the districts counts,
    # so that "xã Quan Sơn" stays a commune.
    words = text.split()
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        written = unicodedata.normalize("NFC", tail).casefold()
        if written.startswith(_DISTRICT_WORDS_AS_WRITTEN) and match_district(tail, districts):
            return " ".join(words[:i]), tail
    return text, ""
