"""How an app describes one of its open-data files; camnang.opendata serves them."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    name: str
    description: str


@dataclass(frozen=True)
class Dataset:
    """A published table: its documented fields, its rows (public ones only) and each row's values."""

    slug: str
    title: str
    fields: tuple[Field, ...]

    def queryset(self, district=None):
        raise NotImplementedError

    def row(self, obj, request) -> dict[str, Any]:
        raise NotImplementedError
