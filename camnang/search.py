"""Search across what the apps registered (places, shops, producers, products), grouped by type."""

from core.search import Query, Results, read_query, search

MAX_QUERY_LENGTH = 100


def search_groups(text: str, *, district=None, places: bool = True) -> tuple[Query, list[Results], bool]:
    """The query as read, each group's results, and whether they are partial matches."""
    query = read_query(text, places=places)
    if query.empty:
        return query, [], False
    groups, partial = search(query, district)
    return query, groups, partial
