import hashlib

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from core.cache import per_version


def cached_count(queryset: QuerySet) -> int:
    """The number of rows, counted once per content version.

    Counting a busy district's shops reads thousands of rows; the answer only changes
    when the content does. The key is the query's SQL, so every filter has its own count.
    """
    sql = str(queryset.query)
    return per_version(f"count:{hashlib.blake2b(sql.encode(), digest_size=16).hexdigest()}", queryset.count)


def paginate(request, queryset, per_page: int, *, param: str = "page") -> Page:
    """A page of `queryset`; a missing, malformed or out-of-range number never errors.

    Paginator.get_page() falls back to the first or last page instead of raising,
    which is what a citizen following an old or mistyped link should get.
    """
    paginator = Paginator(queryset, per_page)
    if isinstance(queryset, QuerySet):
        paginator.count = cached_count(queryset)  # Paginator.count is a cached_property
    return paginator.get_page(request.GET.get(param))


def paginate_ids(
    request, queryset, per_page: int, *, key: str, param: str = "page"
) -> tuple[Page, list[int]]:
    """A page of `queryset` as the ids of its rows, both kept until the content changes.

    `key` names the list (the filters that made `queryset`); the page asked for is added
    to it. The Page returned carries the numbers pagination links need, not the rows:
    pair the ids with rendered cards (core.fragments).
    """
    asked = (request.GET.get(param) or "")[:12]

    def compute():
        page = Paginator(queryset, per_page).get_page(asked)
        return page.paginator.count, page.number, list(page.object_list.values_list("pk", flat=True))

    count, number, ids = per_version(f"ids:{key}:{asked}", compute)
    return Paginator(range(count), per_page).get_page(number), ids
