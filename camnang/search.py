"""Search across shops, producers and products, grouped by type."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from camnang.text import fold
from producers.models import Producer, Product
from shops.models import Shop

MAX_QUERY_LENGTH = 100


@dataclass
class ResultGroup:
    key: str
    label: str
    queryset: QuerySet

    def count(self) -> int:
        return self.queryset.count()


def ranked(queryset: QuerySet, query: str) -> QuerySet:
    """Names that start with the query first, then the rest, each alphabetically."""
    folded = fold(query)
    return queryset.annotate(
        name_rank=Case(
            When(search_text__startswith=folded, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("name_rank", "name", "pk")


def search_groups(query: str, *, district=None) -> list[ResultGroup]:
    shops = Shop.objects.published().filter(district__is_active=True).search(query)
    producers = Producer.objects.published().filter(district__is_active=True).search(query)
    products = Product.objects.published().filter(producer__district__is_active=True).search(query)
    if district is not None:
        shops = shops.filter(district=district)
        producers = producers.filter(district=district)
        products = products.filter(producer__district=district)
    return [
        ResultGroup("shops", _("Cửa hàng"), ranked(shops, query).for_listing()),
        ResultGroup("producers", _("Cơ sở sản xuất"), ranked(producers, query).for_listing()),
        ResultGroup("products", _("Sản phẩm"), ranked(products, query).for_listing()),
    ]
