"""Search across shops, producers and products, grouped by type."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from core.fragments import render_cards
from core.pagination import cached_count
from core.text import fold
from producers.models import Producer, Product
from shops.models import Shop

MAX_QUERY_LENGTH = 100


@dataclass
class ResultGroup:
    key: str
    label: str
    queryset: QuerySet
    card_template: str
    card_name: str

    def count(self) -> int:
        return cached_count(self.queryset)

    def cards(self, rows) -> list:
        """Cards for `rows` (a slice of this group's queryset), each with its district."""
        return render_cards(rows, self.card_template, name=self.card_name, context={"show_district": True})


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
    shops = Shop.objects.public().search(query)
    producers = Producer.objects.public().search(query)
    products = Product.objects.public().search(query)
    if district is not None:
        shops = shops.filter(district=district)
        producers = producers.filter(district=district)
        products = products.filter(producer__district=district)
    return [
        ResultGroup("shops", _("Cửa hàng"), ranked(shops, query), "shops/includes/shop_card.html", "shop"),
        ResultGroup(
            "producers",
            _("Cơ sở sản xuất"),
            ranked(producers, query),
            "producers/includes/producer_card.html",
            "producer",
        ),
        ResultGroup(
            "products",
            _("Sản phẩm"),
            ranked(products, query),
            "producers/includes/product_card.html",
            "product",
        ),
    ]
