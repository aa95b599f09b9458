"""The project's layers, checked on the source: core is the kernel and imports no project
app; the demo app is optional, so nothing outside it imports it."""

import ast
import os
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PROJECT_APPS = {"camnang", "shops", "producers", "campaigns", "demo"}
NOT_SOURCE = {".venv", "node_modules", "staticfiles", "media", "artifacts"}


def source_files(folder: Path):
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCE and not d.startswith("."))
        yield from (Path(root) / name for name in sorted(files) if name.endswith(".py"))


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports by absolute name (relative imports stay inside)."""
    packages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            packages.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            packages.add(node.module.split(".")[0])
    return packages


def test_core_imports_no_project_app():
    files = list(source_files(BASE_DIR / "core"))
    assert files
    offending = {
        str(path.relative_to(BASE_DIR)): sorted(imported_packages(path) & PROJECT_APPS) for path in files
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}


def test_nothing_outside_the_demo_app_imports_it():
    demo = BASE_DIR / "demo"
    importers = [
        str(path.relative_to(BASE_DIR))
        for path in source_files(BASE_DIR)
        if not path.is_relative_to(demo) and "demo" in imported_packages(path)
    ]
    assert importers == []


WRITES = {
    "save",
    "delete",
    "update",
    "bulk_create",
    "bulk_update",
    "bulk_create_with_history",
    "bulk_update_with_history",
}


def written_calls(path: Path) -> set[str]:
    """The ORM writes a module calls by name (obj.save(), qs.update(), bulk_create…)."""
    calls = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in WRITES:
                calls.add(name)
    return calls


def test_importers_only_read_and_check_and_services_write():
    """A spreadsheet importer reads and checks rows as a form would; what it writes goes
    through the apps' services (core.services.save_with_history, shops.services,
    producers.services), where every other caller writes too."""
    importers = sorted(BASE_DIR.glob("*/importers.py"))
    assert [path.parent.name for path in importers] == ["producers", "shops"]
    assert {str(path.relative_to(BASE_DIR)): written_calls(path) for path in importers} == {
        "producers/importers.py": set(),
        "shops/importers.py": set(),
    }


# What each domain app may import of the project: producers may use shops, campaigns may
# read both, and none imports the top (camnang) or the demo.
MAY_IMPORT = {
    "shops": set(),
    "producers": {"shops"},
    "campaigns": {"shops", "producers"},
}


def test_the_domain_apps_import_one_way():
    offending = {}
    for app, allowed in MAY_IMPORT.items():
        for path in source_files(BASE_DIR / app):
            if "tests" in path.relative_to(BASE_DIR).parts:
                continue  # tests may use the project's shared fixtures
            wrong = imported_packages(path) & PROJECT_APPS - allowed - {app}
            if wrong:
                offending[str(path.relative_to(BASE_DIR))] = sorted(wrong)
    assert offending == {}
