from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int, *, param: str = "page") -> Page:
    """A page of `queryset`; a missing, malformed or out-of-range number never errors.

    Paginator.get_page() falls back to the first or last page instead of raising,
    which is what a citizen following an old or mistyped link should get.
    """
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
