"""Staff pages beside the admin's model pages, registered by the apps that own them.

Each app adds its pages in its AppConfig.ready(); the admin site (camnang.admin) mounts
them under /quan-tri/ behind its login, and its home page lists those a user may open.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffPage:
    name: str  # URL name, in the admin's namespace
    title: str = ""  # shown on the admin's home page when listed
    summary: str = ""
    route: str = ""  # under /quan-tri/; empty for a link to a page mounted elsewhere
    view: Callable | None = None
    permission: str = ""  # needed to open the page (403 without it), and to see it listed
    listed: bool = True
    # Views that set their own Cache-Control (files) are mounted without never_cache.
    cacheable: bool = False
    # The URL name of a page mounted elsewhere (listed as a link), and a query to add to it.
    url_name: str = ""
    query: str = ""
    # How many things wait there for this user (shown beside the link), if it says.
    count: Callable | None = None


PAGES: list[StaffPage] = []


def register(*pages: StaffPage) -> None:
    for page in pages:
        if all(existing.name != page.name for existing in PAGES):
            PAGES.append(page)


def listed_for(user) -> list[StaffPage]:
    return [page for page in PAGES if page.listed and (not page.permission or user.has_perm(page.permission))]
