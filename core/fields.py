"""Model fields shared by the directory apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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
