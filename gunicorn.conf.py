"""gunicorn settings for the portal (`gunicorn camnang.wsgi` picks this file up)."""

import gc
import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# The usual 2 x cores + 1 sync workers; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Load the application once in the master: a worker that is recycled (or replaces one
# that died) is a cheap fork instead of a fresh import of Django.
preload_app = True
# Recycle workers now and then so slow leaks never grow; jitter keeps them from all
# restarting at once. A TV spot can bring thousands of requests a minute per worker,
# so the count is high enough that recycling stays rare under load.
max_requests = 20000
max_requests_jitter = 2000
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
logger_class = "core.logging.GunicornJsonLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    # Without a shared cache each worker keeps its own page cache and its own content
    # version, so an edit would show only in the worker that saved it: refuse to start so.
    count = server.cfg.workers  # after the command line's --workers, if given
    if count > 1 and not os.environ.get("REDIS_URL") and os.environ.get("PUBLIC_CACHE_SECONDS") != "0":
        raise SystemExit(
            f"REDIS_URL is not set: with {count} workers each would keep its own page cache and a "
            "staff edit would show in one of them only. Set REDIS_URL (shared by every worker and "
            "machine), run one worker (WEB_CONCURRENCY=1), or turn the page cache off "
            "(PUBLIC_CACHE_SECONDS=0)."
        )


def pre_fork(server, worker):
    # Everything the preloaded application created is kept for good: moving it out of
    # the garbage collector's sight spares every worker from rescanning it.
    gc.freeze()
