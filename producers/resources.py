"""Producers and their products as one spreadsheet: one row per product.

A district office keeps one flat sheet: each row is a product, with its producer's
columns repeated (a producer with no product yet has one row with the product
columns empty). Rows of the same producer are grouped by its "Mã cơ sở", else by
name + address + district; the producer's columns are read from its first row
in the file, so later rows may leave them blank.
"""

import copy
import re

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.results import RowResult

from core.spreadsheets import (
    ChoiceWidget,
    Column,
    MonthsWidget,
    PhoneWidget,
    TextWidget,
    cell_text,
    status_column,
    verified_column,
)
from core.text import fold
from producers.models import Producer, Product
from shops.spreadsheets import CategoryWidget, DirectorySheet, district_column


class OcopWidget(ChoiceWidget):
    """OCOP rating: "OCOP 4 sao", "4 sao" or "4"; empty for none."""

    def clean(self, value, row=None, **kwargs):
        match = re.fullmatch(r"(?:ocop\s*)?([0-9])(?:\s*sao)?", fold(cell_text(value)))
        return super().clean(match.group(1) if match else value, row, **kwargs)


class PriceWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = value
        else:
            text = cell_text(value)
            if not text:
                return None
            digits = re.sub(r"(?i)[\s.,]|vn[dđ]|đồng|đ$", "", text)
            if not digits.isdigit():
                raise ValueError(
                    gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": text}
                )
            number = int(digits)
        if number < 0 or number != int(number):
            raise ValueError(
                gettext("Giá “%(value)s” không hợp lệ: ghi số đồng, ví dụ 120000.") % {"value": value}
            )
        return int(number)


PRODUCT = "import_product"


def product_column(name, header, widget=None, **kwargs):
    return Column(f"{PRODUCT}__{name}", header, widget, **kwargs)


class ProducerResource(DirectorySheet):
    noun = _("cơ sở sản xuất")
    one_row_per_record = False

    id = Column(
        "id", _("Mã cơ sở"), readonly=True, guide=_("Để trống khi thêm mới; giữ nguyên mã của tệp đã xuất.")
    )
    name = Column(
        "name", _("Tên cơ sở"), required=True, guide=_("Tên hộ, hợp tác xã, tổ hợp tác hoặc doanh nghiệp.")
    )
    kind = Column(
        "kind", _("Loại hình"), ChoiceWidget(Producer.Kind), required=True, guide=_("Chọn trong danh sách.")
    )
    representative = Column("representative", _("Người đại diện"))
    district = district_column()
    commune_name = Column("commune_name", _("Xã, phường, thị trấn"))
    address = Column("address", _("Địa chỉ"), guide=_("Thôn, bản hoặc số nhà."))
    phone = Column("phone", _("Điện thoại"), PhoneWidget(), required=True)
    zalo = Column("zalo", _("Zalo"), PhoneWidget())
    description = Column("description", _("Giới thiệu cơ sở"))
    status = status_column(_("Trạng thái cơ sở"))
    verified_on = verified_column()
    product_id = product_column(
        "id", _("Mã sản phẩm"), readonly=True, guide=_("Để trống khi thêm sản phẩm mới.")
    )
    product_name = product_column(
        "name", _("Tên sản phẩm"), guide=_("Mỗi dòng một sản phẩm; để trống nếu cơ sở chưa có sản phẩm.")
    )
    product_category = product_column("category", _("Nhóm hàng"), CategoryWidget(), guide=_("Một nhóm hàng."))
    product_ocop = product_column(
        "ocop_stars",
        _("Hạng OCOP"),
        OcopWidget(Product.Ocop, blank=Product.Ocop.NONE),
        guide=_("3, 4 hoặc 5 sao; để trống nếu chưa xếp hạng."),
    )
    product_months = product_column(
        "harvest_months",
        _("Tháng thu hoạch"),
        MonthsWidget(),
        guide=_("Các tháng, cách nhau bằng dấu phẩy: 10, 11, 12."),
    )
    product_unit = product_column("unit", _("Đơn vị tính"), guide=_("Ví dụ: kg, hộp 500 g."))
    product_price = product_column(
        "price", _("Giá tham khảo (đồng)"), PriceWidget(), guide=_("Số đồng, ví dụ 120000.")
    )
    product_description = product_column("description", _("Mô tả sản phẩm"))
    product_status = status_column(
        _("Trạng thái sản phẩm"), attribute=f"{PRODUCT}__status", guide=_("Để trống là Bản nháp.")
    )

    class Meta(DirectorySheet.Meta):
        model = Producer
        fields = (
            "id",
            "name",
            "kind",
            "representative",
            "district",
            "commune_name",
            "address",
            "phone",
            "zalo",
            "description",
            "status",
            "verified_on",
            "product_id",
            "product_name",
            "product_category",
            "product_ocop",
            "product_months",
            "product_unit",
            "product_price",
            "product_description",
            "product_status",
        )

    @classmethod
    def get_display_name(cls):
        return gettext("Cơ sở sản xuất và sản phẩm")

    def get_queryset(self):
        return super().get_queryset().select_related("district")

    # Export: one row per product

    def iter_queryset(self, queryset):
        products = Product.objects.select_related("category").order_by("name", "pk")
        for producer in queryset.select_related("district").prefetch_related(
            Prefetch("products", queryset=products)
        ):
            for product in list(producer.products.all()) or [None]:
                row = copy.copy(producer)
                setattr(row, PRODUCT, product)
                yield row

    # Import: the row's product travels on the producer as `import_product`

    def product_fields(self):
        return [field for field in self.fields.values() if field.attribute.startswith(f"{PRODUCT}__")]

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.producers_read: set[int] = set()
        self.product_error = None
        self.product_created = False

    def after_init_instance(self, instance, new, row, **kwargs):
        # A problem with the product columns is reported with the row's other problems.
        self.product_error = None
        try:
            product = self.row_product(instance, new, row)
        except ValidationError as error:
            self.product_error, product = error, None
        setattr(instance, PRODUCT, product)
        self.product_snapshot = (
            None if product is None or product.pk is None else self.product_values(product)
        )
        super().after_init_instance(instance, new, row, **kwargs)

    def row_product(self, producer, new, row):
        id_column = self.fields["product_id"].column_name
        name_column = self.fields["product_name"].column_name
        pk = self.row_id(row, id_column)
        name = cell_text(row.get(name_column))
        if pk is not None:
            products = Product.objects.filter(producer=producer) if not new else Product.objects.none()
            product = self.by_id(products, pk, id_column, gettext("sản phẩm"))
            self.remember(("product", pk), id_column, gettext("cùng mã sản phẩm %(id)s") % {"id": pk})
            return product
        if not name:
            other = [f.column_name for f in self.product_fields() if cell_text(row.get(f.column_name))]
            if other:
                raise ValidationError(
                    {
                        name_column: gettext("Thiếu tên sản phẩm (dòng có ghi %(columns)s).")
                        % {"columns": ", ".join(other)}
                    }
                )
            return None
        producer_key = producer.pk or (cell_text(row.get(self.fields["name"].column_name)), self.row_number)
        self.remember(
            ("product", producer_key, fold(name)), name_column, gettext("cùng cơ sở và tên sản phẩm")
        )
        if not new:
            for product in producer.products.all():
                if fold(product.name) == fold(name):
                    return product
        return Product()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute.startswith(f"{PRODUCT}__"):
            if getattr(instance, PRODUCT) is None:
                return
        elif instance.pk in self.producers_read:
            return  # the producer's columns were read from its first row
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.product_error is not None:
            errors = self.product_error.update_error_dict(errors)
        if instance.pk:  # later rows of this producer (even if this one is unchanged) only add products
            self.producers_read.add(instance.pk)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        product = getattr(instance, PRODUCT)
        if product is not None:
            own = {key.removeprefix(f"{PRODUCT}__") for key in errors if key.startswith(f"{PRODUCT}__")}
            try:
                product.full_clean(exclude=[*own, "producer", "slug"], validate_unique=False)
            except ValidationError as error:
                for key, messages in error.message_dict.items():
                    errors.setdefault(f"{PRODUCT}__{key}", []).extend(messages)
        super().validate_instance(instance, errors, validate_unique)

    def field_label(self, instance, name):
        if name.startswith(f"{PRODUCT}__"):
            return (
                gettext("Sản phẩm")
                + " – "
                + str(super().field_label(Product(), name.removeprefix(f"{PRODUCT}__")))
            )
        return super().field_label(instance, name)

    def product_values(self, product) -> list:
        return [field.get_value(self._holder(product)) for field in self.product_fields()]

    @staticmethod
    def _holder(product):
        holder = Producer()
        setattr(holder, PRODUCT, product)
        return holder

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.producers_read.add(instance.pk)
        product = getattr(instance, PRODUCT)
        self.product_created = False
        if product is None:
            return
        if product.pk is None or self.product_snapshot != self.product_values(product):
            self.product_created = product.pk is None
            product.producer = instance
            product._change_reason = gettext("Nhập từ tệp")
            if self._is_dry_run(kwargs):
                product.skip_history_when_saving = True
            product.save()

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        # A row that adds a product to a producer already listed is counted as new.
        if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE and getattr(self, "product_created", False):
            row_result.import_type = RowResult.IMPORT_TYPE_NEW
        self.product_created = False
