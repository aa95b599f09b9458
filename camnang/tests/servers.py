"""Real servers for the tests that need them: a PostgreSQL database of their own, and
gunicorn with production settings."""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-test-key-" + "x" * 30,
    "ALLOWED_HOSTS": "camnang.example.gov.vn,127.0.0.1",
}


def http_get(url: str, timeout: float = 5, headers: dict | None = None):
    """(status, headers, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def run_manage(*args, env_overrides, check=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, **env_overrides},
        capture_output=True,
        text=True,
        timeout=180,
        check=check,
    )


@contextlib.contextmanager
def postgres_database(name: str):
    """A new, empty PostgreSQL database on the test server; yields (user, password, host, port)."""
    import psycopg2

    db = settings.DATABASES["default"]
    admin = psycopg2.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield db["USER"], db["PASSWORD"], db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int | None = 1):
    """gunicorn serving the portal on 127.0.0.1:`port`, once /healthz/ answers (or it has
    exited); `workers=None` leaves the number to gunicorn.conf.py (WEB_CONCURRENCY)."""
    command = [sys.executable, "-m", "gunicorn", "camnang.wsgi", "-c", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}"] + (["--workers", str(workers)] if workers else [])
    # A file, not a pipe: a pipe nobody reads would fill up and stall the server.
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed when the server stops)
    server = subprocess.Popen(
        command, cwd=BASE_DIR, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, text=True
    )
    server.log = log
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        if server.poll() is not None:
            break
        try:
            if http_get(base + "/healthz/", timeout=1)[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    try:
        yield base, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def server_output(server) -> str:
    server.log.seek(0)
    return server.log.read()
