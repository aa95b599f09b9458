"""Search relevance benchmark: the queries people type, and what must come first.

    python bench/search_relevance.py [--keep-db] [--verbose]

1. Builds the demo database: a fresh SQLite file (/tmp/camnang-relevance.sqlite3) with
   `migrate`, `load_places` and `load_demo_data`. When DATABASE_URL is set (PostgreSQL, for
   instance), that database is set up and used instead; it is never dropped, and rows other
   than the demo data in it may change the ranking. --keep-db skips the set-up when the
   database is already there. Demo photos go to /tmp/camnang-relevance-media unless
   MEDIA_ROOT is set.
2. Asks the public search page each query of bench/search_relevance.json, as a citizen
   would: GET /tim-kiem/?q=<query>&type=<group>, and reads the result names in order from
   the cards. A misspelt query ("typo": true) also counts when the page offers "Có phải bạn
   muốn tìm" and the suggested query's page has the expected results.
3. Prints the queries that failed, success@5 (every expected name among the first five)
   and the mean reciprocal rank (first expected name within the first 20), writes
   bench/results/search_relevance.json, and exits 1 below success@5 of 0.95.

Each query: {"query", "who": citizen|postal|editor, "group": shops|producers|products|places,
"expect": [exact public names], "why", optional "typo": true}. Add one for every search bug.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
QUERIES = BENCH / "search_relevance.json"
RESULTS = BENCH / "results"
SQLITE_PATH = Path("/tmp/camnang-relevance.sqlite3")
MEDIA_ROOT = Path("/tmp/camnang-relevance-media")
HOST = "127.0.0.1"
SEARCH_URL = "/tim-kiem/"

GROUPS = ("shops", "producers", "products", "places")
WHO = ("citizen", "postal", "editor")
TOP = 5  # success@5
DEPTH = 20  # reciprocal rank counts within the first page
THRESHOLD = 0.95
SUGGESTION_PHRASES = ("co phai ban muon tim", "did you mean")


# --- Text ----------------------------------------------------------------------------


def clean(text: str) -> str:
    """One spelling of a name: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def folded(text: str) -> str:
    """Lower case without diacritics (đ -> d), for finding a phrase whatever its accents."""
    text = str(text).replace("đ", "d").replace("Đ", "d")
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# --- The results page -----------------------------------------------------------------


class ResultsPage(HTMLParser):
    """Card titles in page order, and the first "Có phải bạn muốn tìm" link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.suggestion: str | None = None
        self._title: list[str] | None = None
        self._title_tag = ""
        self._depth = 0
        self._open_links: list[str | None] = []
        self._phrase_seen = False

    @staticmethod
    def _classes(attrs) -> set[str]:
        return set((dict(attrs).get("class") or "").split())

    def handle_starttag(self, tag, attrs):
        if self._title is not None:
            if tag == self._title_tag:
                self._depth += 1
        elif "card-title" in self._classes(attrs):
            self._title, self._title_tag, self._depth = [], tag, 1
        if tag == "a":
            href = dict(attrs).get("href")
            self._open_links.append(href)
            if self._phrase_seen and self.suggestion is None and is_search_link(href):
                self.suggestion = href

    def handle_endtag(self, tag):
        if tag == "a" and self._open_links:
            self._open_links.pop()
        if self._title is not None and tag == self._title_tag:
            self._depth -= 1
            if self._depth == 0:
                self.titles.append(clean("".join(self._title)))
                self._title = None

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
        if not self._phrase_seen and any(p in folded(data) for p in SUGGESTION_PHRASES):
            self._phrase_seen = True
            # The phrase may be the link's own text.
            inside = [href for href in self._open_links if is_search_link(href)]
            if inside and self.suggestion is None:
                self.suggestion = inside[-1]


def is_search_link(href: str | None) -> bool:
    if not href:
        return False
    url = urllib.parse.urlsplit(href)
    return url.path.endswith(SEARCH_URL) and "q" in urllib.parse.parse_qs(url.query)


def read_page(html: str) -> ResultsPage:
    page = ResultsPage()
    page.feed(html)
    page.close()
    return page


# --- Scoring ---------------------------------------------------------------------------


def rank_of(names: list[str], titles: list[str]) -> int | None:
    """1-based rank of the first result that is one of `names`, within DEPTH."""
    for i, title in enumerate(titles[:DEPTH], start=1):
        if title in names:
            return i
    return None


def score(expect: list[str], titles: list[str]) -> dict:
    expect = [clean(name) for name in expect]
    top = set(titles[:TOP])
    rank = rank_of(expect, titles)
    return {
        "success": all(name in top for name in expect),
        "missing": [name for name in expect if name not in top],
        "rank": rank,
        "rr": 1 / rank if rank else 0.0,
    }


# --- Set-up ------------------------------------------------------------------------------


def environment(own_database: bool) -> dict:
    env = {
        "DEBUG": "1",
        "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
        # Relevance only: no shared cache between runs, no remote file storage.
        "REDIS_URL": "",
        "AWS_STORAGE_BUCKET_NAME": "",
        "LOG_LEVEL": "WARNING",
    }
    if own_database:
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    if "MEDIA_ROOT" not in os.environ:
        env["MEDIA_ROOT"] = str(MEDIA_ROOT)
    return env


def manage(*args: str, env: dict) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        text=True,
        capture_output=True,
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit(f"manage.py {' '.join(args)} failed (exit {done.returncode})")
    print(f"  manage.py {args[0]:<15} {time.monotonic() - started:5.1f} s")


def set_up(own_database: bool, keep: bool, env: dict) -> bool:
    """Build the demo database unless it is kept; returns whether it was built."""
    if own_database:
        if keep and SQLITE_PATH.exists():
            return False
        SQLITE_PATH.unlink(missing_ok=True)
        if env.get("MEDIA_ROOT") == str(MEDIA_ROOT):
            shutil.rmtree(MEDIA_ROOT, ignore_errors=True)  # the demo photos of the last build
    elif keep:
        return False
    print("Setting up the demo database")
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_places", env=env)
    manage("load_demo_data", env=env)
    return True


# --- Queries ---------------------------------------------------------------------------------


def load_queries() -> list[dict]:
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    problems = []
    for n, item in enumerate(queries, start=1):
        label = f"#{n} {item.get('query')!r}"
        if not str(item.get("query", "")).strip():
            problems.append(f"{label}: no query")
        if item.get("group") not in GROUPS:
            problems.append(f"{label}: group must be one of {', '.join(GROUPS)}")
        if item.get("who") not in WHO:
            problems.append(f"{label}: who must be one of {', '.join(WHO)}")
        if not item.get("expect") or not all(isinstance(name, str) for name in item["expect"]):
            problems.append(f"{label}: expect must list at least one name")
        if not item.get("why"):
            problems.append(f"{label}: say why")
    if problems:
        sys.exit("bench/search_relevance.json:\n  " + "\n  ".join(problems))
    return queries


def public_names(group: str, names: list[str]) -> set[str] | None:
    """Which of `names` a public row of the group has; None when that cannot be told."""
    try:
        from core import registry

        rows = registry.search_groups.get(group).rows()
        return {clean(name) for name in rows.filter(name__in=names).values_list("name", flat=True)}
    except Exception:  # a check for stale expectations only, never a failure of its own
        return None


def search(client, query: str, group: str) -> ResultsPage:
    response = client.get(SEARCH_URL, {"q": query, "type": group}, HTTP_HOST=HOST)
    if response.status_code != 200:
        raise RuntimeError(f"{SEARCH_URL}?q={query}&type={group} answered {response.status_code}")
    return read_page(response.content.decode(response.charset or "utf-8"))


def suggested_query(href: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["q"][0]


def run_query(client, item: dict) -> dict:
    group = item["group"]
    page = search(client, item["query"], group)
    result = {
        "query": item["query"],
        "group": group,
        "who": item["who"],
        "typo": bool(item.get("typo")),
        "expect": item["expect"],
        "top": page.titles[:TOP],
        **score(item["expect"], page.titles),
    }
    if result["typo"] and not result["success"] and page.suggestion:
        suggestion = suggested_query(page.suggestion)
        followed = score(item["expect"], search(client, suggestion, group).titles)
        result["suggestion"] = suggestion
        result["suggestion_success"] = followed["success"]
        if followed["success"]:
            result.update(success=True, missing=[])
        if followed["rr"] > result["rr"]:
            result.update(rank=followed["rank"], rr=followed["rr"])
    return result


# --- Report -----------------------------------------------------------------------------------


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_failures(results: list[dict]) -> None:
    failed = [r for r in results if not r["success"]]
    if not failed:
        print("\nEvery query has its expected results in the top 5.")
        return
    print(f"\nFailed ({len(failed)}):")
    print(f"  {'query':<38} {'group':<9} {'missing from the top 5':<44} first results")
    for r in failed:
        first = " | ".join(r["top"][:3]) or "(nothing)"
        if r.get("suggestion"):
            first += f"  [suggested: {r['suggestion']}]"
        print(
            f"  {shorten(r['query'], 38):<38} {r['group']:<9} "
            f"{shorten('; '.join(r['missing']), 44):<44} {first}"
        )
        if r.get("not_public"):
            print(f"  {'':<38} {'':<9} no public row is named: {'; '.join(r['not_public'])}")


def print_verbose(results: list[dict]) -> None:
    for r in results:
        mark = "ok  " if r["success"] else "FAIL"
        rank = r["rank"] or "-"
        print(f"{mark} rank {rank!s:>2}  [{r['group']}] {r['query']}")
        for n, title in enumerate(r["top"], start=1):
            print(f"           {n}. {title}")
        if r.get("suggestion"):
            outcome = "found" if r["suggestion_success"] else "missed"
            print(f"           suggested: {r['suggestion']} ({outcome})")


def summary(results: list[dict], key: str) -> dict:
    out = {}
    for value in sorted({r[key] for r in results}, key=str):
        part = [r for r in results if r[key] == value]
        out[str(value)] = {
            "queries": len(part),
            "success_at_5": round(sum(r["success"] for r in part) / len(part), 4),
            "mrr": round(sum(r["rr"] for r in part) / len(part), 4),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep-db", action="store_true", help="reuse the demo database if it exists")
    parser.add_argument("--verbose", action="store_true", help="print every query's first results")
    args = parser.parse_args()

    queries = load_queries()
    own_database = "DATABASE_URL" not in os.environ
    env = environment(own_database)
    started = time.monotonic()
    built = set_up(own_database, args.keep_db, env)
    setup_seconds = time.monotonic() - started

    # Settings are read once, at set-up: the environment must be complete before.
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camnang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    started = time.monotonic()
    results = []
    for item in queries:
        result = run_query(client, item)
        if not result["success"]:
            known = public_names(item["group"], item["expect"])
            if known is not None:
                result["not_public"] = [name for name in item["expect"] if clean(name) not in known]
        results.append(result)
    query_seconds = time.monotonic() - started

    count = len(results)
    success = sum(r["success"] for r in results) / count
    mrr = sum(r["rr"] for r in results) / count
    if args.verbose:
        print_verbose(results)
    print_failures(results)
    print(
        f"\nsuccess@5 {success:.3f}   MRR {mrr:.3f}   queries {count}   "
        f"(set-up {setup_seconds:.1f} s, queries {query_seconds:.1f} s, {connection.vendor})"
    )
    for key in ("who", "group"):
        parts = summary(results, key).items()
        print(f"  by {key}: " + ", ".join(f"{k} {v['success_at_5']:.2f} ({v['queries']})" for k, v in parts))

    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "database": connection.vendor,
        "database_built": built,
        "queries": count,
        "success_at_5": round(success, 4),
        "mrr": round(mrr, 4),
        "threshold": THRESHOLD,
        "passed": success >= THRESHOLD,
        "seconds": {"set_up": round(setup_seconds, 1), "queries": round(query_seconds, 1)},
        "by_who": summary(results, "who"),
        "by_group": summary(results, "group"),
        "results": results,
    }
    out = RESULTS / "search_relevance.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Written to {out.relative_to(ROOT)}")
    if success < THRESHOLD:
        print(f"success@5 {success:.3f} is below {THRESHOLD}")
        sys.exit(1)


if __name__ == "__main__":
    main()
