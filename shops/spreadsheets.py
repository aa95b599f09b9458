"""The directory's spreadsheets: districts and goods categories in cells, and the sheet
both the shop and the producer lists are built on (one row per record, matched by its
"Mã" or by name + address + district, limited to the user's districts).

The general machinery (columns, cell widgets, formats, the template) is core.spreadsheets.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets

from core import services
from core.spreadsheets import Column, TextWidget, cell_text
from core.text import fold
from shops.geography import DistrictMatcher
from shops.models import Category, District
from shops.services import assign_commune


def district_column():
    return Column(
        "district",
        _("Quận, huyện"),
        DistrictWidget(),
        required=True,
        guide=_("Tên quận, huyện, có dấu hay không đều được: “Huyện Hà Trung”, “Hà Trung”, “ha trung”."),
    )


class DistrictWidget(TextWidget):
    def __init__(self):
        super().__init__()
        self._matcher = None

    @property
    def matcher(self) -> DistrictMatcher:
        if self._matcher is None:
            self._matcher = DistrictMatcher(District.objects.all())
        return self._matcher

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(gettext("Chưa ghi quận, huyện."))
        district = self.matcher.match(text)
        if district is None:
            raise ValueError(gettext("Không tìm thấy quận, huyện “%(value)s” trong tỉnh.") % {"value": text})
        return district

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""

    def allowed_values(self):
        return [district.name for district in District.objects.all()]


class CategoryLookup:
    """Goods categories by name (accents optional) or slug, loaded once per file."""

    def __init__(self):
        self._by_key = None

    def get(self, text: str) -> Category:
        if self._by_key is None:
            self._by_key = {}
            for category in Category.objects.all():
                self._by_key[fold(category.name)] = self._by_key[category.slug.replace("-", " ")] = category
        category = self._by_key.get(fold(text))
        if category is None:
            names = "; ".join(Category.objects.values_list("name", flat=True))
            raise ValueError(
                gettext("Không có nhóm hàng “%(value)s”. Các nhóm hàng: %(names)s.")
                % {"value": text, "names": names}
            )
        return category


class CategoryWidget(TextWidget):
    def __init__(self):
        super().__init__()
        self.lookup = CategoryLookup()

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        return self.lookup.get(text) if text else None

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""

    def allowed_values(self):
        return list(Category.objects.values_list("name", flat=True))


class CategoriesWidget(widgets.ManyToManyWidget):
    """Several categories in one cell, separated by ";" (names contain commas)."""

    def __init__(self):
        super().__init__(Category, separator=";", field="name")
        self.lookup = CategoryLookup()

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in re.split(r"[;\n]", cell_text(value)) if part.strip()]
        categories = []
        for name in names:
            category = self.lookup.get(name)
            if category not in categories:
                categories.append(category)
        return categories

    def render(self, value, obj=None, **kwargs):
        return "; ".join(category.name for category in value.all()) if value is not None else ""

    def allowed_values(self):
        return list(Category.objects.values_list("name", flat=True))


class DirectorySheet(resources.ModelResource):
    """A directory spreadsheet: Vietnamese headers, folded keys, the user's districts only.

    Rows are matched to existing records by the "Mã" column of a previous export,
    else by name + address + district compared without accents, so importing the
    same file twice changes nothing the second time.
    """

    noun = _("mục")
    id_column = _("Mã")
    district_attribute = "district"

    class Meta:
        # Subclasses list their declared columns in Meta.fields, so no other model field is added.
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        kwargs.pop("form", None)
        super().__init__(**kwargs)
        self.user = user
        self.sheet_rows: list[int] = []
        self.row_number = 0
        self.seen: dict = {}
        self.known: dict = {}
        self.snapshot = None

    # Scope: the QuerySet's for_user() and admits() (shops.models.PlaceScopedQuerySet)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.user is None else queryset.for_user(self.user)

    # Reading the file

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user") or self.user
        self._normalise_headers(dataset)
        self._drop_blank_rows(dataset)
        missing = [
            c.column_name for c in self.columns() if c.required and c.column_name not in dataset.headers
        ]
        if missing:
            raise ValidationError(
                gettext("Tệp thiếu cột: %(columns)s. Hãy dùng tệp mẫu tải về từ trang nhập dữ liệu.")
                % {"columns": ", ".join(missing)}
            )

    def columns(self) -> list[Column]:
        return [field for field in self.fields.values() if isinstance(field, Column)]

    def _normalise_headers(self, dataset):
        """Match headers typed with other accents, case or spacing to ours."""
        ours = {fold(column.column_name): column.column_name for column in self.columns()}
        dataset.headers = [
            ours.get(fold(cell_text(header)), cell_text(header)) for header in dataset.headers or []
        ]

    def _drop_blank_rows(self, dataset):
        """Remove empty rows, remembering each remaining row's number in the sheet."""
        self.sheet_rows = []
        blank = []
        for index, row in enumerate(dataset):
            if all(cell_text(value) == "" for value in row):
                blank.append(index)
            else:
                self.sheet_rows.append(index + 2)  # the header is row 1
        for index in reversed(blank):
            del dataset[index]

    def sheet_row(self, number: int) -> int:
        return self.sheet_rows[number - 1] if 0 < number <= len(self.sheet_rows) else number + 1

    def before_import_row(self, row, **kwargs):
        self.row_number = self.sheet_row(kwargs.get("row_number", 0))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Report rows by their number in the sheet, as staff see them in Excel.
        for invalid in result.invalid_rows:
            invalid.number = self.sheet_row(invalid.number)
        for error_row in result.error_rows:
            error_row.number = self.sheet_row(error_row.number)

    # Finding the record a row is about

    # Rows of a file that name the same record twice are refused (a producer file
    # repeats its producer on every product row, so it turns this off).
    one_row_per_record = True

    def get_instance(self, instance_loader, row):
        id_column = self.fields["id"].column_name
        pk = self.row_id(row, id_column)
        queryset = self.get_queryset()
        if pk is not None:
            if self.one_row_per_record:
                self.remember(("id", pk), id_column, gettext("cùng mã %(id)s") % {"id": pk})
            return self.by_id(queryset, pk, id_column, self.noun)
        district = self.row_district(row)
        if district is None:
            return None  # the district column reports what is wrong with it
        name_column = self.fields["name"].column_name
        key = self.natural_key(row.get(name_column), row.get(self.fields["address"].column_name))
        if self.one_row_per_record:
            self.remember((district.pk, *key), name_column, gettext("cùng tên, địa chỉ và quận, huyện"))
        pk = self.known_keys(self._meta.model.objects.all(), district).get(key)
        return queryset.filter(pk=pk).first() if pk else None

    def row_id(self, row, column: str):
        value = cell_text(row.get(column))
        if not value:
            return None
        if not value.isdigit():
            raise ValidationError(
                {column: gettext("Mã “%(value)s” không hợp lệ: để trống khi thêm mới.") % {"value": value}}
            )
        return int(value)

    def by_id(self, queryset, pk, column: str, noun):
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            raise ValidationError(
                {
                    column: gettext(
                        "Không có %(noun)s mã %(id)s trong phạm vi bạn được sửa. "
                        "Để trống cột %(column)s khi thêm mới."
                    )
                    % {"noun": noun, "id": pk, "column": column}
                }
            )
        return obj

    def row_district(self, row):
        column = self.fields[self.district_attribute].column_name
        return self.fields[self.district_attribute].widget.matcher.match(row.get(column))

    def natural_key(self, name, address) -> tuple[str, str]:
        return fold(cell_text(name)), fold(cell_text(address))

    def known_keys(self, queryset, district) -> dict:
        """Existing records of a district by (name, address) folded; one query per district."""
        if district.pk not in self.known:
            self.known[district.pk] = {
                self.natural_key(name, address): pk
                for pk, name, address in queryset.filter(district=district).values_list(
                    "pk", "name", "address"
                )
            }
        return self.known[district.pk]

    def remember(self, key, column: str, what):
        """Refuse a row that repeats an earlier row of the same file."""
        earlier = self.seen.get(key)
        if earlier is not None:
            raise ValidationError(
                {column: gettext("Trùng với dòng %(row)s: %(what)s.") % {"row": earlier, "what": what}}
            )
        self.seen[key] = self.row_number

    # Checking and saving

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many cells are only saved later; check them now, with the rest.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        rule = self._meta.model._default_manager.all()
        placed = getattr(instance, f"{self.district_attribute}_id", None)
        if self.user is not None and placed and not rule.admits(self.user, instance):
            errors.setdefault(self.district_attribute, []).append(self.out_of_scope_message())
        try:
            super().validate_instance(instance, errors, validate_unique)
        except ValidationError as error:
            raise self.by_column(error, instance) from None

    def out_of_scope_message(self) -> str:
        names = self._meta.model._default_manager.all().describe_scope(self.user)
        return gettext("Bạn chỉ được nhập dữ liệu của địa bàn mình phụ trách (%(names)s).") % {
            "names": names or gettext("chưa được phân công địa bàn nào")
        }

    def by_column(self, error: ValidationError, instance) -> ValidationError:
        """The same errors, keyed by the Vietnamese column header instead of the field name."""
        columns = {field.attribute: field.column_name for field in self.fields.values() if field.attribute}
        keyed: dict[str, list] = {}
        for key, messages in error.message_dict.items():
            label = columns.get(key)
            if label is None and key != NON_FIELD_ERRORS:
                label = str(self.field_label(instance, key))
            keyed.setdefault(label or NON_FIELD_ERRORS, []).extend(messages)
        return ValidationError(keyed)

    @staticmethod
    def field_label(instance, name):
        try:
            return instance._meta.get_field(name).verbose_name.capitalize()
        except Exception:
            return name

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.snapshot = None if new else self.own_values(instance)

    def own_values(self, instance) -> list:
        """The values of the record's own columns (not related rows, not many-to-many)."""
        return [
            field.get_value(instance)
            for field in self.get_import_fields()
            if field.attribute
            and "__" not in field.attribute
            and not isinstance(field.widget, widgets.ManyToManyWidget)
        ]

    def do_instance_save(self, instance, is_create):
        # A row that only changes categories or a product leaves no empty history entry here.
        if is_create or self.snapshot != self.own_values(instance):
            super().do_instance_save(instance, is_create)

    def save_instance(self, instance, is_create, row, **kwargs):
        assign_commune(instance)
        instance._change_reason = gettext("Nhập từ tệp")
        if self._is_dry_run(kwargs):
            # A dry run is rolled back; writing its history would only slow it down.
            instance.skip_history_when_saving = True
        super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if not self._is_dry_run(kwargs):  # a dry run is rolled back: no text to keep
            services.refresh_search(instance)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if hasattr(instance, "address"):
            key = self.natural_key(instance.name, instance.address)
            self.known.setdefault(instance.district_id, {})[key] = instance.pk
