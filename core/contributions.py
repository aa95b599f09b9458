"""What an app contributes to the pages that span the apps, declared in one call.

Each app calls `contribute()` from its AppConfig.ready() with everything it adds: the
query parameters its public pages read, the models whose changes retire cached public
pages, the rows whose search text quotes its rows, its entries in the registries of
core.registry and its staff pages. Each part is registered where it belongs, in the
order given.
"""

from collections.abc import Callable, Iterable

from core import cache, registry, staff_pages
from core.models import search_dependents as search_dependent_rules
from core.search import SearchGroup


def contribute(
    *,
    query_parameters: Iterable[str] = (),
    watched: Iterable = (),
    search_dependents: Iterable[tuple] = (),
    sitemaps: dict | None = None,
    datasets: Iterable = (),
    public_rows: dict | None = None,
    importers: Iterable = (),
    query_readers: dict | None = None,
    search_words: dict | None = None,
    search_groups: Iterable = (),
    pages: Iterable[staff_pages.StaffPage] = (),
) -> None:
    """Register what one app contributes.

    - `query_parameters`: the query names its public pages read (core.cache.query_parameters);
    - `watched`: models whose saves, deletions and relinks retire the cached pages
      (core.cache.watch);
    - `search_dependents`: (model, dependents) pairs, `dependents(obj)` giving the rows
      whose search text quotes `obj` (core.models.search_dependents);
    - `sitemaps`, `public_rows`, `query_readers`, `search_words`: {name: item} for the
      registries of those names in core.registry;
    - `datasets`, `importers`, `search_groups`: registered by their own slug or key;
    - `pages`: staff pages (core.staff_pages).
    """
    cache.query_parameters.register(*query_parameters)
    cache.watch(*watched)
    for model, dependents in search_dependents:
        search_dependent_rules.register(model, dependents)
    for named, items in (
        (registry.sitemaps, sitemaps),
        (registry.public_rows, public_rows),
        (registry.query_readers, query_readers),
        (registry.search_words, search_words),
    ):
        for name, item in (items or {}).items():
            named.register(name, item)
    for dataset in datasets:
        registry.datasets.register(dataset.slug, dataset)
    for importer in importers:
        registry.importers.register(importer.key, importer)
    for group in search_groups:
        registry.search_groups.register(group.key, group)
    staff_pages.register(*pages)


def view_page(view: Callable, route: str, title: str, summary: str, **options) -> staff_pages.StaffPage:
    """A staff page listed on the admin's home page, named after its view."""
    return staff_pages.StaffPage(
        name=view.__name__, route=route, view=view, title=title, summary=summary, **options
    )


def hidden_page(name: str, route: str, view: Callable, *, cacheable: bool = False) -> staff_pages.StaffPage:
    """A staff page reached from other pages, not listed on the admin's home page; its view
    checks what the user may see."""
    return staff_pages.StaffPage(name=name, route=route, view=view, listed=False, cacheable=cacheable)


def admin_list_page(model, name: str, title: str, summary: str, *, query: str, count: Callable):
    """A link from the admin's home page to the admin list of `model`, narrowed by `query`,
    for users who may view the model, with `count(user)` beside it."""
    app_label, model_name = model._meta.app_label, model._meta.model_name
    return staff_pages.StaffPage(
        name=name,
        url_name=f"admin:{app_label}_{model_name}_changelist",
        query=query,
        title=title,
        summary=summary,
        permission=f"{app_label}.view_{model_name}",
        count=count,
    )


def search_group(key: str, model, label: str, **paths) -> SearchGroup:
    """A group of search results: the public rows of `model`, each shown with its app's card
    template `<app>/includes/<model>_card.html`, where the row is named `<model>`."""
    app_label, model_name = model._meta.app_label, model._meta.model_name
    card_template = f"{app_label}/includes/{model_name}_card.html"
    return SearchGroup(key, label, lambda: model.objects.public(), card_template, model_name, **paths)
