"""Admin list filters made of a few named choices, each narrowing the list its own way."""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import QuerySet


class ChoiceFilter(admin.SimpleListFilter):
    """A list filter whose choices each narrow the queryset their own way.

    `narrowings` maps the value in the URL to the label shown and the narrowing
    (queryset -> queryset); without a value, or with an unknown one, the list is whole.
    """

    narrowings: dict[str, tuple[str, Callable[[QuerySet], QuerySet]]] = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _narrow) in self.narrowings.items()]

    def queryset(self, request, queryset):
        label_and_narrowing = self.narrowings.get(self.value())
        return queryset if label_and_narrowing is None else label_and_narrowing[1](queryset)
