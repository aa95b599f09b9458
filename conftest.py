"""Project-wide test fixtures: fast hashing, plain static files, uploads in a temp dir."""

import io

import pytest


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The English interface needs its compiled catalogue, as `make` builds it."""
    from django.core.management import call_command

    call_command("compile_translations", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Whatever REDIS_URL a developer's environment sets, tests never touch that Redis: the
    # tests about Redis point at a database of their own (camnang/tests/test_page_cache.py).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    # Background tasks run at once, inside the request that queues them; the tests of the
    # real worker (shops/tests/test_import_worker.py) switch the database backend back on.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Login lockout is switched on only in the tests about it (they log in for real).
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a request to an /en/ page leaves English active."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _fresh_cache(_test_settings):
    """Each test starts with an empty cache: rolled-back data must not be served from it."""
    from django.core.cache import caches

    from core import cache as page_cache

    for cache in caches.all():
        cache.clear()
    page_cache._held.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The province's places (reference data, as `make run` loads it) in every test
    database once, like the rows data migrations add."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_places", stdout=io.StringIO())


@pytest.fixture
def districts(db):
    """The province's 27 former district-level units (and today's communes), by slug."""
    from django.core.management import call_command

    from shops.models import District

    if not District.objects.exists():  # a transactional test before this one emptied the tables
        call_command("load_places", stdout=io.StringIO())
        _restore_migrated_rows()
    return {d.slug: d for d in District.objects.all()}


def _restore_migrated_rows():
    """Put back the reference rows data migrations add (goods categories and words, platforms), which
    a transactional test's flush removed along with everything else."""
    from importlib import import_module

    from django.apps import apps

    for module in (
        "shops.migrations.0002_categories",
        "shops.migrations.0011_goods_words",
        "producers.migrations.0002_platforms",
    ):
        import_module(module).forwards(apps, None)
