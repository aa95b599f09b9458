import hashlib

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import per_version


class QueryNamesMixin:
    """A form whose fields keep English names in code and the given names in the URL."""

    query_names: dict[str, str] = {}

    def add_prefix(self, field_name):
        return super().add_prefix(self.query_names.get(field_name, field_name))


class FilterForm(forms.Form):
    """A GET filter form whose invalid fields are dropped instead of failing the page.

    Subclasses declare fields and, in `lookups`, what each filters on; `filter(queryset)`
    applies them (a subclass extends it for filters that are not one lookup).
    A choice field named in `slug_fields` is offered from a list of objects with a
    `slug` and is applied as that object; without such a list the field is left out.
    """

    slug_fields: dict[str, str] = {}
    # Field name -> the lookup its value filters on, e.g. {"category": "categories"}.
    lookups: dict[str, str] = {}
    # The fields select_fields() gives (None: all of them).
    select_names: list[str] | None = None

    def __init__(self, data, **objects):
        super().__init__(data)
        self.objects = {}
        for field_name, empty_label in self.slug_fields.items():
            items = objects.get(field_name)
            if items is None:  # not offered on this page
                del self.fields[field_name]
                continue
            self.objects[field_name] = {item.slug: item for item in items}
            self.fields[field_name].choices = [("", empty_label)] + [(item.slug, str(item)) for item in items]

    def filter(self, queryset):
        """`queryset` narrowed by every applied filter that has a lookup."""
        applied = self.applied
        for name, lookup in self.lookups.items():
            if name in applied:
                queryset = queryset.filter(**{lookup: applied[name]})
        return queryset

    @property
    def applied(self) -> dict:
        """Valid, non-empty filters, with slug choices turned into their objects."""
        self.is_valid()
        applied = {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
        for name in self.slug_fields:
            if name in applied:
                applied[name] = self.objects[name][applied[name]]
        return applied

    @property
    def cache_key(self) -> str:
        """The valid filters as text: the same for every request that filters the same way."""
        self.is_valid()
        return "&".join(f"{k}={v}" for k, v in sorted(self.cleaned_data.items()) if v not in ("", None))

    def select_fields(self) -> list[dict]:
        """Each field as a plain select: its options with the selected one marked.

        Rendered by includes/filter_fields.html, far cheaper than Django's widgets.
        """
        self.is_valid()
        fields = []
        for bound in self:
            if self.select_names is not None and bound.name not in self.select_names:
                continue
            current = "" if bound.value() is None else str(bound.value())
            options = [
                (str(value), str(label), str(value) == current) for value, label in bound.field.choices
            ]
            fields.append(
                {"name": bound.html_name, "id": bound.id_for_label, "label": bound.label, "options": options}
            )
        return fields

    def fields_html(self) -> str:
        """The selects of this form, rendered once per choice of filters (and language)."""
        # The fields and options differ between pages (each former district offers its own
        # communes, a commune's page none): they are part of the key.
        offered = repr(
            [
                (name, [value for value, _ in getattr(field, "choices", ())])
                for name, field in self.fields.items()
            ]
        )
        digest = hashlib.blake2b(offered.encode(), digest_size=8).hexdigest()
        key = f"filter-fields:{type(self).__name__}:{digest}:{get_language()}:{self.cache_key}"
        html = per_version(key, lambda: render_to_string("includes/filter_fields.html", {"form": self}))
        return mark_safe(html)
