"""What the apps contribute to pages that span them, registered in their AppConfig.ready()
through core.contributions.contribute().

The top of the project (camnang) serves the sitemap, the open-data files and the search
page from these registries, so the kernel and the pages that combine apps never name a
domain app's models.
"""


class Registry:
    """Named contributions, kept in the order the apps registered them."""

    def __init__(self, what: str):
        self.what = what
        self._items: dict = {}

    def register(self, key: str, item) -> None:
        if key in self._items and self._items[key] is not item:
            raise ValueError(f"{self.what} {key!r} is registered twice")
        self._items[key] = item

    def get(self, key: str, default=None):
        return self._items.get(key, default)

    def items(self):
        return list(self._items.items())

    def values(self):
        return list(self._items.values())

    def __contains__(self, key) -> bool:
        return key in self._items


# Sections of sitemap.xml: section name -> Sitemap class.
sitemaps = Registry("sitemap section")
# Open-data files: slug -> core.opendata.Dataset.
datasets = Registry("dataset")
# Groups of search results: key -> core.search.SearchGroup.
search_groups = Registry("search group")
# What apps recognise in a search query (places, goods): name -> callable(the query's
# core.search.Token list, positions already read) -> [core.search.Reading], in the order
# registered (places first).
query_readers = Registry("query reader")
# Words search may suggest beside the searched rows' names: name -> callable() -> phrases.
search_words = Registry("search words")
# Public rows that may be demo rows (core.models.DemoMarked): name -> callable() -> the
# model's public QuerySet. While any of them holds a demo row, every page says so.
public_rows = Registry("public rows")
# Lists staff import from spreadsheets: key -> core.imports.base.Importer.
importers = Registry("importer")
