from django import forms
from django.utils.translation import gettext_lazy as _

from core.antispam import HONEYPOT_NAME, HoneypotFormMixin
from core.contact import parse_phone
from core.fields import MONTH_CHOICES
from core.forms import FilterForm, QueryNamesMixin
from shops.models import Commune


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


# Either platform suits the household: the value of that choice.
EITHER_PLATFORM = "ca-hai"


class HelpRequestForm(HoneypotFormMixin, forms.Form):
    """A farmer asks for help to sell on postmart.vn or voso.vn (producers.views.help_request)."""

    name = forms.CharField(label=_("Họ và tên chủ hộ"), max_length=120)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=30,
        help_text=_("Doanh nghiệp bưu chính gọi số này để hướng dẫn, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    commune = forms.ModelChoiceField(
        label=_("Xã, phường nơi hộ sản xuất (từ 1/7/2025)"),
        queryset=Commune.objects.none(),
        empty_label=_("Chọn xã, phường"),
    )
    produce = forms.CharField(
        label=_("Hộ trồng, nuôi hoặc làm ra sản phẩm gì?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: gạo nếp, mật ong, cói, chè xanh; khoảng bao nhiêu mỗi vụ nếu biết."),
    )
    platform = forms.ChoiceField(label=_("Muốn bán trên sàn nào?"), widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cán bộ của tỉnh, của xã, phường và doanh nghiệp bưu chính tôi chọn dùng "
            "các thông tin trên để liên hệ, hướng dẫn và mở gian hàng cho hộ, như mô tả ở trên."
        ),
        error_messages={"required": _("Cần đánh dấu đồng ý thì mới gửi được đăng ký.")},
    )

    field_order = ["name", "phone", "commune", "produce", "platform", "consent", HONEYPOT_NAME]

    def __init__(self, *args, platforms, **kwargs):
        super().__init__(*args, **kwargs)
        self.platforms = {platform.slug: platform for platform in platforms}
        self.fields["commune"].queryset = Commune.objects.public().order_by("name", "code")
        self.fields["platform"].choices = [
            *((p.slug, f"{p.domain} – {p.operator}") for p in self.platforms.values()),
            (EITHER_PLATFORM, _("Sàn nào cũng được")),
        ]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Ghi họ và tên chủ hộ."))
        return name

    def clean_phone(self):
        return parse_phone(self.cleaned_data["phone"])

    def clean_produce(self):
        return self.cleaned_data["produce"].strip()

    @property
    def chosen_platform(self):
        """The Platform chosen, or None for either."""
        return self.platforms.get(self.cleaned_data["platform"])
