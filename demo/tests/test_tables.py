"""The demo tables read from demo/data/*.json refer only to things that exist: a typo in
a data file would otherwise drop a category or stop the loader half-way."""

import pytest

from demo import photos, tables
from producers.models import Producer
from shops.models import Category, Shop


def test_kinds_themes_products_and_pictures_match():
    # Imported rows that say no kind are "unclassified"; the demo gives every shop one.
    shop_kinds = set(Shop.Kind.values) - {Shop.Kind.UNCLASSIFIED}
    assert set(tables.SHOP_TEMPLATES) == shop_kinds
    assert set(tables.OPENING_HOURS) == set(tables.HOME_DELIVERY_CHANCE) == shop_kinds
    assert all(set(weights) <= shop_kinds for weights in tables.SHOP_KIND_WEIGHTS.values())
    assert set(tables.SHOP_KINDS_FIRST) <= shop_kinds
    assert (
        set(tables.PRODUCER_KIND_WEIGHTS)
        == set(tables.PRODUCER_INTROS)
        == set(Producer.Kind.values) - {Producer.Kind.UNCLASSIFIED}
    )

    themes = {theme for listed in tables.DISTRICT_THEMES.values() for theme in listed}
    assert themes | set(tables.FALLBACK_THEMES) <= set(tables.THEMES)
    for key, theme in tables.THEMES.items():
        assert set(theme.products) <= set(tables.PRODUCTS), key
        assert theme.scene in photos.SCENES, key
    for key, spec in tables.PRODUCTS.items():
        assert spec.shape in photos.PRODUCT_SHAPES, key
        assert set(spec.months) <= set(range(1, 13)) and spec.price[0] <= spec.price[1], key


@pytest.mark.django_db
def test_categories_and_districts_exist(districts):
    categories = set(Category.objects.values_list("slug", flat=True))
    for kind, templates in tables.SHOP_TEMPLATES.items():
        for template in templates:
            assert set(template.categories + template.extra_categories) <= categories, (kind, template)
    assert {spec.category for spec in tables.PRODUCTS.values()} <= categories
    assert set(tables.CATEGORY_COLOURS) <= categories

    named = set(tables.DISTRICT_THEMES) | tables.HIGHLAND_DISTRICTS
    named |= tables.BUSY_FARM_DISTRICTS | {tables.PROVINCIAL_CITY}
    named |= {slug for spec in tables.PRODUCTS.values() for slug in spec.districts}
    assert named <= set(districts)
