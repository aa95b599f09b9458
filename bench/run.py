"""Load benchmark: the portal under gunicorn, as in production, driven by wrk over loopback.

    make bench        (or: python bench/run.py [--duration 10] [--keep-db])

1. (Re)creates the PostgreSQL database `camnang_bench` and seeds it at scale
   (bench/seed.py: 10,000 shops, 3,000 producers, 10,000 products, 27 districts).
2. Collects static files and starts gunicorn with production settings, twice: once with
   the page cache off (uncached) and once with it on, in Redis (cached).
3. Drives each URL with wrk and prints a table; writes the figures to
   bench/results/latest.json. Every page's throughput is also given as a ratio to the
   static CSS file measured in the same run, so figures compare across machines.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "camnang_bench"
REDIS_URL = "redis://127.0.0.1:6379/14"
PORT = 8765

# (label, path, connections): 64 connections for the static file and cached pages,
# 16 for pages rendered on every request.
SEARCH_PLAIN = "/tim-kiem/?q=" + urllib.parse.quote("nha thuoc thanh hoa")
SEARCH_ACCENTS = "/tim-kiem/?q=" + urllib.parse.quote("nhà thuốc thanh hóa")


def sh(*args, env=None, check=True, capture=False):
    return subprocess.run(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, check=check, text=True, capture_output=capture
    )


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def parse_wrk(output: str) -> dict:
    def latency_ms(percentile: str) -> float | None:
        found = re.search(rf"{percentile}%\s+([\d.]+)(us|ms|s|m)\b", output)
        if not found:  # no request completed
            return None
        value, unit = found.groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50, p99 = latency_ms("50"), latency_ms("99")
    errors = 0
    if socket_errors := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in socket_errors.groups())
    if non_2xx := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(non_2xx.group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {
        "rps": round(rps, 1),
        "p50_ms": None if p50 is None else round(p50, 2),
        "p99_ms": None if p99 is None else round(p99, 2),
        "errors": errors,
        "requests": requests,
    }


def run_wrk(url: str, connections: int, duration: int) -> dict:
    threads = min(2, connections)
    # Warm up (connections, caches, the first render), then measure.
    sh("wrk", "-t", str(threads), "-c", str(connections), "-d", "2s", url, capture=True)
    result = sh(
        "wrk",
        "--latency",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        url,
        capture=True,
    )
    return parse_wrk(result.stdout)


def _ms(value: float | None) -> str:
    return f"{'-':>9}" if value is None else f"{value:>9.1f}"


class Server:
    """gunicorn with production settings on a loopback port, for the length of a `with`."""

    def __init__(self, env: dict, port: int = PORT):
        self.env = env
        self.port = port
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "camnang.wsgi",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{self.port}/healthz/")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def production_env(static_root: Path, secret: str, **extra) -> dict:
    """Production settings for a server on loopback: no HTTPS redirect, quiet logs."""
    return {
        "DEBUG": "0",
        "SECRET_KEY": f"{secret}-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def pick_urls(env: dict) -> dict:
    """The busiest district and one of its shops, looked up in the seeded database."""
    code = (
        "from shops.models import District, Shop;"
        "d = District.objects.with_counts().order_by('-shop_count').first();"
        "s = Shop.objects.public().filter(district=d).order_by('pk').first();"
        "print(d.get_absolute_url(), d.shop_count, s.get_absolute_url())"
    )
    out = sh(sys.executable, "manage.py", "shell", "-c", code, env=env, capture=True).stdout.split()
    district_url, shop_count, shop_url = out[-3], out[-2], out[-1]
    return {"district": district_url, "district_shops": int(shop_count), "shop": shop_url}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--keep-db", action="store_true", help="reuse the seeded database if it exists")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    static_root = Path(tempfile.mkdtemp(prefix="camnang-bench-static-"))
    env = production_env(
        static_root, "benchmark", DATABASE_URL=f"{PG}/{DB_NAME}", MEDIA_ROOT=str(static_root / "media")
    )
    exists = sh(
        "psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{DB_NAME}'", capture=True
    )
    if not (args.keep_db and exists.stdout.strip() == "1"):
        sh("psql", f"{PG}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        sh("psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {DB_NAME}")
        sh(sys.executable, "manage.py", "migrate", "--noinput", "-v0", env=env)
        sh(sys.executable, "bench/seed.py", env=env)
        # As autovacuum would do on a real server: plan with statistics of the seeded rows.
        sh("psql", f"{PG}/{DB_NAME}", "-qc", "VACUUM ANALYZE")
    sh(sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    urls = pick_urls(env)

    static_path = (
        "/static/" + json.loads((static_root / "staticfiles.json").read_text())["paths"]["css/site.css"]
    )
    pages = [
        ("home", "/"),
        ("district", urls["district"]),
        ("shop", urls["shop"]),
        ("search (no accents)", SEARCH_PLAIN),
        ("search (accents)", SEARCH_ACCENTS),
    ]
    base = f"http://127.0.0.1:{PORT}"
    rows = []
    statics = []
    with Server({**env, "PUBLIC_CACHE_SECONDS": "0"}):
        statics.append(run_wrk(base + static_path, 64, args.duration))
        for label, path in pages:
            rows.append((label, "uncached", 16, run_wrk(base + path, 16, args.duration)))
    with Server({**env, "REDIS_URL": REDIS_URL}):
        sh("redis-cli", "-n", "14", "flushdb", capture=True, check=False)
        for label, path in pages:
            rows.append((label, "cached", 64, run_wrk(base + path, 64, args.duration)))
        statics.append(run_wrk(base + static_path, 64, args.duration))
    # The static file is the same work in both server runs; measuring it at the start of
    # one and at the end of the other, and averaging, evens out a busy moment of the machine.
    static = {
        "rps": round(sum(s["rps"] for s in statics) / len(statics), 1),
        "p50_ms": max(s["p50_ms"] or 0 for s in statics),
        "p99_ms": max(s["p99_ms"] or 0 for s in statics),
        "errors": sum(s["errors"] for s in statics),
        "requests": sum(s["requests"] for s in statics),
        "runs_rps": [s["rps"] for s in statics],
    }
    rows.insert(0, ("static CSS", "-", 64, static))

    results = []
    header = (
        f"{'page':<22}{'mode':<14}{'conns':>6}{'rps':>10}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    )
    cores = os.cpu_count()
    print(f"\nPortal on gunicorn ({cores} cores), PostgreSQL, wrk over loopback, {args.duration} s each")
    print(f"busiest district {urls['district']} has {urls['district_shops']} shops\n")
    print(header)
    print("-" * len(header))
    for label, mode, connections, figures in rows:
        ratio = figures["rps"] / static["rps"] if static["rps"] else 0
        print(
            f"{label:<22}{mode:<14}{connections:>6}{figures['rps']:>10.0f}{ratio:>7.1%}"
            f"{_ms(figures['p50_ms'])}{_ms(figures['p99_ms'])}{figures['errors']:>8}"
        )
        results.append(
            {"page": label, "mode": mode, "connections": connections, "ratio": round(ratio, 4), **figures}
        )
    RESULTS.mkdir(exist_ok=True)
    report = {
        "cores": os.cpu_count(),
        "duration_s": args.duration,
        "host": socket.gethostname(),
        "urls": urls,
        "results": results,
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nWritten to {(RESULTS / 'latest.json').relative_to(ROOT)}")
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
