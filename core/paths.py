"""URL paths as the layers in front of Django see them (before any URL is resolved)."""

from functools import cache

from django.conf import settings


@cache
def _language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def without_language(path: str) -> str:
    """`path` without the language prefix of a translated page: /en/go/1/ -> /go/1/."""
    for prefix in _language_prefixes():
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def is_under(path: str, prefixes: tuple[str, ...]) -> bool:
    """Whether `path`, in any language, is under one of `prefixes` (settings.NOT_PAGE_URLS ...)."""
    return without_language(path).startswith(prefixes)
