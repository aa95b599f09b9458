"""Model fields shared by the directory apps."""

from contextlib import suppress

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Lookup, Value
from django.db.models.functions import Concat
from django.db.models.lookups import Contains
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

from core.contact import (
    MAX_EXTRA_PHONES,
    TOO_MANY_MESSAGE,
    display_phone,
    normalise_phone,
    parse_phone,
    split_phones,
    validate_phone,
)
from core.images import ImageUploadFormField, reencode, validate_image

MONTH_CHOICES = [(m, _("Tháng %(month)d") % {"month": m}) for m in range(1, 13)]


def parse_months(value) -> list[int]:
    if value in (None, ""):
        return []
    items = value.split(",") if isinstance(value, str) else value
    try:
        months = sorted({int(str(item).strip()) for item in items if str(item).strip()})
    except ValueError:
        raise ValidationError(_("Tháng thu hoạch phải là các số từ 1 đến 12."), code="invalid") from None
    if any(m < 1 or m > 12 for m in months):
        raise ValidationError(_("Tháng thu hoạch phải là các số từ 1 đến 12."), code="invalid")
    return months


class MonthsField(models.CharField):
    description = _("Danh sách tháng")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return parse_months(value)

    def to_python(self, value):
        return parse_months(value)

    def get_prep_value(self, value):
        return ",".join(str(m) for m in parse_months(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        # Skip CharField.formfield: a multiple-choice field takes no max_length. The
        # admin offers a text input for every CharField; checkboxes are kept instead.
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": MONTH_CHOICES,
            "coerce": int,
            "initial": [],
            **kwargs,
            "widget": forms.CheckboxSelectMultiple,
        }
        return models.Field.formfield(self, **defaults)

    def validate(self, value, model_instance):
        parse_months(value)


@MonthsField.register_lookup
class HasMonth(Lookup):
    """`harvest_months__has_month=5`: the list holds month 5.

    The list is stored as "4,5,6": the column, with a comma added at each end, holds
    ",5,". Written with Django's Concat and Contains, so it reads the same on SQLite
    and PostgreSQL.
    """

    lookup_name = "has_month"
    prepare_rhs = False

    def get_prep_lookup(self):
        month = int(self.rhs)
        if not 1 <= month <= 12:
            raise ValueError(f"A month is 1 to 12, not {self.rhs!r}.")
        return month

    def as_sql(self, compiler, connection):
        padded = Concat(Value(","), self.lhs, Value(","), output_field=models.CharField())
        return compiler.compile(Contains(padded, f",{self.rhs},"))


class WebAddressField(models.URLField):
    """A URL field whose form takes an address typed without a scheme as https://."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class PhotoField(models.ImageField):
    """An image field that accepts only what core.images accepts, and stores it re-encoded.

    The form field explains each refusal (not an image, SVG or GIF, too heavy, too
    many pixels); the validator repeats the check for uploads saved outside forms.
    A new upload is re-encoded before it is written (EXIF and GPS dropped).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def reencode_pending(self, instance) -> None:
        """Replace a new, not yet stored upload by its re-encoded version."""
        file = getattr(instance, self.attname)
        if file and not file._committed:
            name, content = reencode(file.file, file.name)
            file.save(name, content, save=False)

    def pre_save(self, model_instance, add):
        self.reencode_pending(model_instance)
        return super().pre_save(model_instance, add)


# --- Phone numbers (core.contact) -----------------------------------------------------

# How much a form takes as typed: several numbers with their spaces and separators.
TYPED_PHONES_MAX_LENGTH = 200


class PhoneFormField(forms.CharField):
    """Takes numbers as people type them, one or several ("0912.345.678 / 0237 3852 000"),
    names each part that is not a phone number, and shows stored numbers grouped for reading.

    The cleaned value is the text as typed, once every part reads: the model field stores
    it in one form and decides what several numbers mean (the main number and other
    numbers, or a refusal naming what was typed).
    """

    separator = ", "

    def __init__(self, **kwargs):
        kwargs["max_length"] = max(kwargs.get("max_length") or 0, TYPED_PHONES_MAX_LENGTH)
        super().__init__(**kwargs)

    def numbers(self, value) -> list[str]:
        text = super().to_python(value)
        return split_phones(text) if text else []

    def to_python(self, value):
        self.numbers(value)
        return super().to_python(value)

    def has_changed(self, initial, data):
        try:
            return split_phones(initial or "") != self.numbers(data)
        except ValidationError:
            return True

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return self.separator.join(display_phone(number) for number in value)
        try:
            numbers = split_phones(value)
        except ValidationError:
            return value  # as typed, so the person sees what to correct
        return self.separator.join(display_phone(number) for number in numbers) or value


class PhoneListFormField(PhoneFormField):
    """Several numbers in one box; the cleaned value is their list in stored form."""

    def has_changed(self, initial, data):
        try:
            initial = self.numbers(initial) if isinstance(initial, str) else list(initial or [])
            return initial != self.numbers(data)
        except ValidationError:
            return True

    def to_python(self, value):
        numbers = self.numbers(value)
        if len(numbers) > MAX_EXTRA_PHONES:
            raise ValidationError(TOO_MANY_MESSAGE, code="too_many_phones", params={"max": MAX_EXTRA_PHONES})
        return numbers


class PhoneAttribute(DeferredAttribute):
    """A number assigned in any spelling is kept in its stored form at once.

    So a form, an imported row or code that sets "0912.345.678" holds "+84912345678"
    before anything compares or saves it (an import sees an unchanged row as unchanged).
    What is not exactly one number is kept as given, for validation to name it.
    """

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = normalise_phone(value)


class PhoneField(models.CharField):
    """One Vietnamese phone number, stored as E.164 ("+84912345678"); see core.contact."""

    descriptor_class = PhoneAttribute

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("validators", [validate_phone])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("max_length") == 30:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneFormField, **kwargs})


class PhoneListAttribute(DeferredAttribute):
    """Typed text assigned to a list of numbers becomes the list when it reads."""

    def __set__(self, instance, value):
        if isinstance(value, str):
            with suppress(ValidationError):  # else kept as given, for validation to name
                value = split_phones(value)
        instance.__dict__[self.field.attname] = value


def _stored_list(text: str) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


class PhoneListField(models.CharField):
    """A short list of phone numbers in stored form, kept as "+84912345678,+842373852000"."""

    description = _("Danh sách số điện thoại")
    descriptor_class = PhoneListAttribute

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return _stored_list(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return split_phones(value)

    def get_prep_value(self, value):
        if isinstance(value, str):
            try:
                value = split_phones(value)
            except ValidationError:
                return value
        return ",".join(normalise_phone(number) for number in value or [])

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        errors = []
        for number in value:
            try:
                parse_phone(number)
            except ValidationError as error:
                errors.extend(error.error_list)
        if len(value) > MAX_EXTRA_PHONES:
            errors.append(
                ValidationError(TOO_MANY_MESSAGE, code="too_many_phones", params={"max": MAX_EXTRA_PHONES})
            )
        if errors:
            raise ValidationError(errors)

    def formfield(self, **kwargs):
        # An empty list is the default: no hidden copy of it in the form (a callable default
        # would add one, and a form posted without it would look changed).
        return super().formfield(**{"form_class": PhoneListFormField, "show_hidden_initial": False, **kwargs})


def optional_link(to, *, related_name, verbose_name, **options):
    """An optional foreign key, emptied (never cascaded) when the row it points to is deleted."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def recorded_link(to, verbose_name):
    """A link the code sets, never a form, kept (as empty) when the row it points to is deleted."""
    return optional_link(to, related_name="+", verbose_name=verbose_name, editable=False)


def staff_member_field(verbose_name):
    """The staff member who did something in the admin: set by the code, never by a form,
    and kept (as empty) when the account is deleted."""
    return recorded_link(settings.AUTH_USER_MODEL, verbose_name)


def directory_kind_field(kinds):
    """A directory record's kind (a shop's, a producer's), "Chưa phân loại" (`kinds.UNCLASSIFIED`)
    until staff say: an import that gives none never guesses one."""
    return models.CharField(
        _("loại hình"), max_length=20, choices=kinds.choices, default=kinds.UNCLASSIFIED, db_index=True
    )
