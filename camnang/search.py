"""Search across what the apps registered (shops, producers, products), grouped by type."""

from core import registry
from core.search import Results

MAX_QUERY_LENGTH = 100


def search_groups(query: str, *, district=None) -> list[Results]:
    return [group.results(query, district) for group in registry.search_groups.values()]
