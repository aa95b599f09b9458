# Cẩm nang — everyday commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Local runs and tests use development settings unless told otherwise.
export DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help install translations setup run test lint fmt bench relevance lighthouse check-python clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1))."; exit 1; }

$(BIN)/.installed: requirements.txt requirements-dev.txt | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed ## Create the virtual environment and install the pinned requirements

translations: install ## Compile the translation catalogues (English interface)
	$(BIN)/python manage.py compile_translations

setup: install translations ## Migrate the database, load the reference data, the staff roles and the demo data
	$(BIN)/python manage.py ensure_database
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_places
	$(BIN)/python manage.py load_campaigns
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py load_campaign_demo
	$(BIN)/python manage.py rebuild_search
	$(BIN)/python manage.py create_demo_admin

run: setup ## Set everything up and serve the portal on http://127.0.0.1:8000 (with a background worker)
	@# The worker runs imports and large exports; it stops with the server (Ctrl+C).
	@$(BIN)/python manage.py db_worker --interval 1 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: install translations node_modules/.installed ## Run the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest -m "not browser" -n 2
	$(BIN)/pytest -m browser -p no:warnings

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install ## Fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Benchmarks on PostgreSQL: pages under gunicorn and wrk, then a 50,000-row import (see bench/)
	@command -v wrk >/dev/null || apt-get install -y wrk
	DEBUG=0 $(BIN)/python bench/run.py
	DEBUG=0 $(BIN)/python bench/import_bench.py

relevance: install ## Search relevance on the demo data: success@5 and MRR of bench/search_relevance.json
	$(BIN)/python bench/search_relevance.py

lighthouse: install ## Lighthouse scores (mobile) of the key pages, on the demo data of `make setup`
	DEBUG=0 $(BIN)/python bench/lighthouse.py

clean: ## Remove the virtual environment, the SQLite database and uploads
	rm -rf $(VENV) db.sqlite3 media private-media staticfiles
