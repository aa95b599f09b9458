"""Producers and their products as district offices keep them: one row per product.

Each row is a product with its producer's columns; the producer's columns may be repeated
on every row of its products, merged over them in Excel, or left blank below its first
row. A row whose producer columns are blank continues the producer above it; a row that
names a producer already read from this file adds a product to it (its other producer
columns are not read again). A producer with no product yet has one row with the product
columns empty.

A row's price ("Giá", with its date, source and note) is one of its product's dated prices:
a price without a date is dated the day of the import, one without a source is the
producer's. A price the product already has (same day and source) is corrected rather
than added again, and one without a date that repeats the product's latest price leaves
it as it is.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.imports import cells
from core.imports.base import CREATE, IMPORT_REASON, UNCHANGED, UPDATE, Field, header_spellings
from core.text import fold
from producers import services
from producers.models import Producer, Product, ProductPrice
from shops.importers import (
    DIRECTORY_HEADERS,
    Categories,
    DirectoryImporter,
    DirectorySession,
    categories_field,
    id_field,
    kind_field,
    name_field,
    place_and_contact_fields,
    status_field,
    text_field,
    verified_field,
)

PRODUCER_KEYS = ("id", "name", "district", "commune_name", "address", "phone")
PRODUCT_FIELDS = {
    "product_name": "name",
    "product_ocop": "ocop_stars",
    "product_months": "harvest_months",
    "product_unit": "unit",
    "product_description": "description",
    "product_status": "status",
}
# A row's price of its product (a ProductPrice): its columns, and the field each fills.
PRICE_FIELDS = {
    "product_price": "price",
    "product_price_date": "observed_on",
    "product_price_source": "source",
    "product_price_note": "source_note",
}
PRODUCER_KIND_ALIASES = {
    "Hộ": Producer.Kind.HOUSEHOLD,
    "Hộ gia đình": Producer.Kind.HOUSEHOLD,
    "HTX": Producer.Kind.COOPERATIVE,
    "THT": Producer.Kind.COOP_GROUP,
    "Doanh nghiệp": Producer.Kind.SMALL_BUSINESS,
    "Công ty": Producer.Kind.SMALL_BUSINESS,
}
OCOP_WORDS = {"ocop", "sao", "hang"}


def read_ocop(value):
    """An OCOP rating: "OCOP 4 sao", "4 sao", "4★" or 4; blank for none."""
    words = [word for word in fold(cells.text(value)).replace("*", " ").split() if word not in OCOP_WORDS]
    if not words:
        return None
    if len(words) == 1 and words[0] in {"3", "4", "5"}:
        return int(words[0])
    if words in (["0"], ["chua", "xep"], ["chua", "xep", "hang"], ["khong"]):
        return Product.Ocop.NONE
    raise ValueError(
        gettext("Hạng OCOP “%(value)s” không hợp lệ: ghi 3, 4 hoặc 5 sao; để trống nếu chưa xếp hạng.")
        % {"value": cells.text(value)}
    )


class ProducerSession(DirectorySession):
    def __init__(self, importer, user, choices=None, options=None):
        super().__init__(importer, user, choices, options)
        self.categories = Categories()
        self.current = None  # the row that introduced the producer the next rows continue
        self.producer_rows = {}  # producer's key in this file -> the row that introduced it
        self.product_seen = {}
        self._product_slugs = None
        self.today = timezone.localdate()
        self.stored_prices = {}  # product pk -> its prices, newest first (this batch's products)

    # Which rows introduce a producer, which continue one

    def check_batch(self, rows):
        checked = []
        introducing = []
        for row in rows:
            read = self.read_cells(row)
            checked.append(read)
            head = self.producer_of(read)
            if head is read:
                introducing.append(read)
            else:
                read.extra["head"] = head
        self.find_targets([row for row in introducing if row.ok])
        for row in introducing:
            if row.ok:
                self.apply(row)
            row.extra["producer_ok"] = row.ok
        self.check_products(checked)
        return checked

    def read_cells(self, row):
        """The row's cells parsed; placing waits until we know it introduces a producer."""
        checked = self.read(row, place=False)
        if "product_category" in row.values:
            try:
                found = self.categories.read(row.values["product_category"])
            except ValueError as error:
                checked.refuse(
                    self.column("product_category"), cells.text(row.values["product_category"]), str(error)
                )
            else:
                if len(found) > 1:
                    checked.refuse(
                        self.column("product_category"),
                        cells.text(row.values["product_category"]),
                        gettext("Mỗi sản phẩm thuộc một nhóm hàng."),
                    )
                checked.extra["category"] = found[0] if found else None
        return checked

    def producer_of(self, row):
        """The row that introduced this row's producer (the row itself for a new one)."""
        if not any(row.values.get(key) for key in PRODUCER_KEYS):
            if self.current is None:
                row.refuse(
                    self.column("name"),
                    "",
                    gettext("Chưa ghi tên cơ sở (và không có cơ sở ở dòng trên để nối tiếp)."),
                )
                return row
            return self.current
        pk = row.values.get("id")
        name, written = fold(row.values.get("name") or ""), row.values.get("district") or ""
        current = self.current
        if (
            current is not None
            and not written
            and pk is None
            and name == fold(current.values.get("name") or "")
        ):
            return current  # the producer above, its district not repeated
        district = self.places.district(written)
        key = ("id", pk) if pk is not None else ("name", name, district.pk if district else fold(written))
        head = self.producer_rows.get(key)
        if head is not None:
            self.current = head
            return head
        self.place(row)
        self.producer_rows[key] = row
        self.current = row
        return row

    def remember(self, row, key, field_key, what):
        return True  # rows of one producer are grouped above; no row repeats another

    # Products

    def check_products(self, rows) -> None:
        heads = [row.extra.get("head", row) for row in rows]
        producers = {
            head.target.pk for head in heads if head.ok and head.target is not None and head.target.pk
        }
        stored = defaultdict(dict)
        self.stored_prices = defaultdict(list)
        if producers:
            for product in Product.objects.filter(producer__in=producers):
                stored[product.producer_id][("id", product.pk)] = product
                stored[product.producer_id].setdefault(("name", fold(product.name)), product)
            for price in ProductPrice.objects.filter(product__producer__in=producers):
                self.stored_prices[price.product_id].append(price)
        for row, head in zip(rows, heads, strict=True):
            if row is not head and not head.extra.get("producer_ok", head.ok):
                row.refuse(
                    self.column("name"),
                    head.values.get("name", ""),
                    gettext("Dòng %(row)s, nơi ghi cơ sở của sản phẩm này, bị từ chối: hãy sửa dòng đó.")
                    % {"row": head.number},
                )
            if not row.ok:
                continue
            producer = head.target
            self.check_product(row, producer, stored.get(producer.pk, {}) if producer.pk else {})
            if row is not head:
                row.action = row.extra.get("product_action", UNCHANGED)
            elif row.extra.get("product_action") == CREATE and row.action != CREATE:
                row.action = CREATE
            elif row.extra.get("product_action") == UPDATE and row.action == UNCHANGED:
                row.action = UPDATE

    def check_product(self, row, producer, stored: dict) -> None:
        values = {field: row.values[key] for key, field in PRODUCT_FIELDS.items() if key in row.values}
        pk = row.values.get("product_id")
        name = values.get("name") or ""
        if pk is None and not name:
            others = [
                self.column(key)
                for key in (*PRODUCT_FIELDS, *PRICE_FIELDS, "product_category")
                if row.values.get(key)
            ]
            if others:
                row.refuse(
                    self.column("product_name"),
                    "",
                    gettext("Thiếu tên sản phẩm (dòng có ghi %(columns)s).") % {"columns": ", ".join(others)},
                )
            return
        if pk is not None:
            product = stored.get(("id", pk))
            if product is None:
                row.refuse(
                    self.column("product_id"),
                    pk,
                    gettext("Cơ sở này không có sản phẩm mã %(id)s. Để trống mã khi thêm sản phẩm mới.")
                    % {"id": pk},
                )
                return
        else:
            product = stored.get(("name", fold(name))) or Product()
        key = ("product", id(producer), product.pk or fold(name))
        earlier = self.product_seen.setdefault(key, row.number)
        if earlier != row.number:
            row.refuse(
                self.column("product_name"),
                name,
                gettext("Trùng với dòng %(row)s: cùng cơ sở và tên sản phẩm.") % {"row": earlier},
            )
            return
        before = {field: getattr(product, field) for field in (*PRODUCT_FIELDS.values(), "category_id")}
        for field, value in values.items():
            if value is None:
                if field == "status":
                    continue
                value = Product._meta.get_field(field).get_default()
            setattr(product, field, value)
        if "category" in row.extra:
            product.category = row.extra["category"]
        try:
            product.full_clean(
                exclude=["producer", "category", "slug", "search_text", "search_name"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            reverse_keys = {field: key for key, field in PRODUCT_FIELDS.items()}
            for field, messages in error.message_dict.items():
                column = self.column(reverse_keys[field]) if field in reverse_keys else self.label_of(field)
                for message in messages:
                    row.refuse(column, cells.text(values.get(field, "")), message)
            return
        changed = [field for field, value in before.items() if getattr(product, field) != value]
        price_action = self.check_price(row, product)
        if not row.ok:
            return
        row.extra["product"] = product
        row.extra["product_changed"] = changed
        if product.pk is None:
            row.extra["product_action"] = CREATE
        else:
            # A new or corrected price changes what the product's page and open data show.
            row.extra["product_action"] = UPDATE if changed or price_action != UNCHANGED else UNCHANGED

    def check_price(self, row, product) -> str:
        """Read the row's price of `product` into row.extra["price"]; returns what writing it
        does (CREATE, UPDATE or UNCHANGED), refusing the row when the price is not right."""
        values = {field: row.values.get(key) for key, field in PRICE_FIELDS.items()}
        if values["price"] is None:
            others = [
                self.column(key) for key in PRICE_FIELDS if key != "product_price" and row.values.get(key)
            ]
            if others:
                row.refuse(
                    self.column("product_price"),
                    "",
                    gettext("Thiếu giá (dòng có ghi %(columns)s).") % {"columns": ", ".join(others)},
                )
            return UNCHANGED
        source = values["source"] or ProductPrice.Source.PRODUCER
        prices = self.stored_prices.get(product.pk, []) if product.pk else []
        latest = prices[0] if prices else None
        if (
            values["observed_on"] is None
            and latest is not None
            and (latest.price, latest.source) == (values["price"], source)
            and values["source_note"] in (None, "", latest.source_note)
        ):
            return UNCHANGED  # the product's latest price already, not dated again
        observed_on = values["observed_on"] or self.today
        price = next(
            (p for p in prices if (p.observed_on, p.source) == (observed_on, source)), None
        ) or ProductPrice(product=product, observed_on=observed_on, source=source)
        before = (price.price, price.source_note)
        price.price = values["price"]
        if values["source_note"]:
            price.source_note = values["source_note"]
        try:
            price.full_clean(exclude=["product"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            columns = {field: key for key, field in PRICE_FIELDS.items()}
            for field, messages in error.message_dict.items():
                column = self.column(columns[field]) if field in columns else self.label_of(field)
                for message in messages:
                    row.refuse(column, cells.text(row.values.get(columns.get(field), "")), message)
            return UNCHANGED
        if price.pk is not None and (price.price, price.source_note) == before:
            return UNCHANGED
        row.extra["price"] = price
        return CREATE if price.pk is None else UPDATE

    # Writing: producers (the base class), then their products

    def write_related(self, rows) -> None:
        new, changed = [], []
        for row in rows:
            product = row.extra.get("product")
            if product is None:
                continue
            product.producer_id = row.extra.get("head", row).target.pk
            if row.extra["product_action"] == CREATE:
                product.slug = self.product_slug(product.name)
                new.append(product)
            elif row.extra["product_action"] == UPDATE:
                changed.append(row)
        services.save_products(
            new=new,
            changed=[row.extra["product"] for row in changed],
            fields={name.removesuffix("_id") for row in changed for name in row.extra["product_changed"]},
            prices=[row.extra["price"] for row in rows if row.extra.get("price") is not None],
            user=self.user,
            reason=str(IMPORT_REASON),
        )

    def product_slug(self, name: str) -> str:
        from core.models import unique_slug_from

        if self._product_slugs is None:
            self._product_slugs = set(Product.objects.values_list("slug", flat=True))
        slug = unique_slug_from(name, self._product_slugs)
        self._product_slugs.add(slug)
        return slug

    def reindex(self, rows) -> None:
        touched = [row for row in rows if row.action in (CREATE, UPDATE)]
        producers = {row.extra.get("head", row).target.pk for row in touched}
        products = {row.extra["product"].pk for row in touched if row.extra.get("product") is not None}
        Producer.objects.filter(pk__in=producers).for_reindex().reindex()
        Product.objects.filter(pk__in=products).for_reindex().reindex()


def _product_field(key, label, *, parse=cells.text, guide="", **extra) -> Field:
    attribute = PRODUCT_FIELDS.get(key, key)
    return Field(
        key,
        label,
        parse=parse,
        guide=guide,
        render=extra.pop("render", lambda product: getattr(product, attribute) if product else ""),
        **extra,
    )


def _price_field(key, label, *, render, **extra) -> Field:
    """A column of the row's price; an export writes the product's latest price."""

    def cell(product):
        price = product.latest_price if product else None
        return render(price) if price else ""

    return _product_field(key, label, render=cell, **extra)


class ProducerImporter(DirectoryImporter):
    """Producers with their products and their products' dated prices, one row per product
    (see the module's text for how rows continue a producer)."""

    key = "co-so-san-xuat"
    title = _("Cơ sở sản xuất và sản phẩm")
    model = Producer
    session_class = ProducerSession
    headers = {
        **DIRECTORY_HEADERS,
        **header_spellings(Path(__file__).parent / "data" / "import_headers.json", "co-so-san-xuat"),
    }

    def export_rows(self, queryset):
        """One row per product; a producer with no product has one row, its product cells blank."""
        fields = self.fields()
        products = Product.objects.select_related("category").with_recent_prices().order_by("name", "pk")
        producers = (
            queryset.select_related("district", "commune")
            .prefetch_related(Prefetch("products", queryset=products))
            .order_by("pk")
        )
        for producer in producers.iterator(chunk_size=2000):
            for product in list(producer.products.all()) or [None]:
                yield [
                    field.render(product if field.key.startswith("product_") else producer)
                    if field.render
                    else ""
                    for field in fields
                ]

    def may_import(self, user) -> bool:
        return super().may_import(user) and all(
            user.has_perm(f"producers.{action}_{model}")
            for action in ("add", "change")
            for model in ("product", "productprice")
        )

    def columns(self) -> list[Field]:
        return [
            id_field(_("Mã cơ sở")),
            name_field(_("Tên cơ sở"), _("Tên hộ, hợp tác xã, tổ hợp tác hoặc doanh nghiệp.")),
            kind_field(Producer.Kind.choices, PRODUCER_KIND_ALIASES),
            text_field("representative", _("Người đại diện")),
            *place_and_contact_fields(_("Thôn, bản hoặc số nhà.")),
            text_field("description", _("Giới thiệu cơ sở"), parse=cells.long_text),
            status_field(_("Trạng thái cơ sở")),
            verified_field(),
            _product_field(
                "product_id",
                _("Mã sản phẩm"),
                parse=cells.record_id,
                guide=_("Để trống khi thêm sản phẩm mới."),
                render=lambda product: product.pk if product else "",
            ),
            _product_field(
                "product_name",
                _("Tên sản phẩm"),
                guide=_("Mỗi dòng một sản phẩm; để trống nếu cơ sở chưa có sản phẩm."),
            ),
            categories_field(
                "product_category",
                _("Một nhóm hàng."),
                lambda product: product.category.name if product and product.category_id else "",
            ),
            _product_field(
                "product_ocop",
                _("Hạng OCOP"),
                parse=read_ocop,
                guide=_("3, 4 hoặc 5 sao; để trống nếu chưa xếp hạng."),
                allowed=lambda: [label for _code, label in Product.Ocop.choices],
                render=lambda product: product.ocop_stars or "" if product else "",
            ),
            _product_field(
                "product_months",
                _("Tháng thu hoạch"),
                parse=cells.months,
                guide=_("Các tháng, cách nhau bằng dấu phẩy: 10, 11, 12."),
                render=lambda product: ", ".join(map(str, product.harvest_months)) if product else "",
            ),
            _product_field("product_unit", _("Đơn vị tính"), guide=_("Ví dụ: kg, hộp 500 g.")),
            _price_field(
                "product_price",
                _("Giá tham khảo (đồng)"),
                parse=cells.price,
                guide=_("Số đồng, ví dụ 120000; theo đơn vị tính của sản phẩm."),
                render=lambda price: price.price,
            ),
            _price_field(
                "product_price_date",
                _("Ngày giá"),
                parse=cells.day,
                guide=_("Ngày/tháng/năm của giá, ví dụ 12/11/2026; để trống là ngày nhập tệp."),
                render=lambda price: price.observed_on.strftime("%d/%m/%Y"),
            ),
            _price_field(
                "product_price_source",
                _("Nguồn giá"),
                parse=cells.choice(
                    ProductPrice.Source.choices,
                    aliases={
                        "Khung giá": ProductPrice.Source.COMMUNE_FRAME,
                        "UBND xã": ProductPrice.Source.COMMUNE_FRAME,
                        "UBND phường": ProductPrice.Source.COMMUNE_FRAME,
                        "Bản tin giá": ProductPrice.Source.MARKET_BULLETIN,
                        "Sở Công Thương": ProductPrice.Source.MARKET_BULLETIN,
                        "Cơ sở sản xuất": ProductPrice.Source.PRODUCER,
                        "Cơ sở báo giá": ProductPrice.Source.PRODUCER,
                    },
                ),
                guide=_("Chọn trong danh sách; để trống là Cơ sở sản xuất báo giá."),
                allowed=lambda: [label for _code, label in ProductPrice.Source.choices],
                render=lambda price: price.get_source_display(),
            ),
            _price_field(
                "product_price_note",
                _("Ghi chú nguồn giá"),
                guide=_("Ví dụ: số văn bản khung giá, số bản tin giá."),
                render=lambda price: price.source_note,
            ),
            _product_field("product_description", _("Mô tả sản phẩm"), parse=cells.long_text),
            Field(
                "product_status",
                _("Trạng thái sản phẩm"),
                parse=status_field().parse,
                guide=_("Để trống là Bản nháp (với sản phẩm mới)."),
                allowed=status_field().allowed,
                render=lambda product: product.get_status_display() if product else "",
            ),
        ]
