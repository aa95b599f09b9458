"""Lighthouse audits (mobile preset) of the key pages, served as in production.

    make lighthouse        (after `make setup`, which loads the demo data)

Serves the portal with gunicorn and production settings on the database `make setup`
filled (SQLite, or DATABASE_URL), runs Lighthouse from npm with Debian's Chromium on
each page and prints the four category scores; writes bench/results/lighthouse.json.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import RESULTS, ROOT, Server, production_env, sh

LIGHTHOUSE = "lighthouse@13.5.0"
CHROMIUM = "/usr/bin/chromium"
PORT = 8767
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def key_pages(env: dict) -> dict:
    code = (
        "from shops.models import Shop; from producers.models import Producer;"
        "from campaigns.models import HandbookChapter;"
        "s = Shop.objects.public().filter(district__slug='ha-trung').first();"
        "p = Producer.objects.public().filter(district__slug='ha-trung').first();"
        "c = HandbookChapter.objects.public().first();"
        "print(s.get_absolute_url(), p.get_absolute_url(), c.get_absolute_url())"
    )
    shop, producer, chapter = sh(
        sys.executable, "manage.py", "shell", "-c", code, env=env, capture=True
    ).stdout.split()[-3:]
    return {
        "home": "/",
        "district": "/dia-ban/ha-trung/",
        "shop": shop,
        "producer": producer,
        "search": "/tim-kiem/?q=ha+trung",
        "handbook chapter": chapter,
        "banner kit": "/banner/",
    }


def audit(url: str, out: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
    subprocess.run(
        [
            "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            "--quiet",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    report = json.loads(out.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    tmp = Path(tempfile.mkdtemp(prefix="camnang-lighthouse-"))
    env = production_env(
        tmp / "static",
        "lighthouse",
        SERVE_MEDIA="1",
        WEB_CONCURRENCY="2",
        REDIS_URL="redis://127.0.0.1:6379/13",  # several workers share one page cache
    )
    sh(sys.executable, "manage.py", "compile_translations", env=env, capture=True)
    sh(sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    pages = key_pages(env)
    results = {}
    with Server(env, port=PORT):
        print(f"{'page':<18}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for name, path in pages.items():
            scores = audit(f"http://127.0.0.1:{PORT}{path}", tmp / "report.json")
            results[name] = {"path": path, **scores}
            print(f"{name:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
