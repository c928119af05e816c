# The README's commands. `make run` serves the demo; `make test` runs everything.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres lint lock services-stop clean messages

# The TypeScript client's pinned tools (openapi-typescript, tsc) for its test.
CLIENT_TOOLS := clients/typescript/node_modules/.package-lock.json

$(VENV)/.installed: requirements-dev.lock requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-virtualenv -r requirements-dev.lock
	@touch $@

$(CLIENT_TOOLS): clients/typescript/package-lock.json
	npm ci --prefix clients/typescript --no-audit --no-fund --prefer-offline

run: $(VENV)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	@# The task worker (renditions, webhooks, search indexing) runs beside the server and
	@# is stopped with it, however make run ends (Ctrl+C, an error, the server exiting).
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite on SQLite, then again on a real PostgreSQL that the script
# installs, starts and reuses between runs. Both runs also test search on a real
# Elasticsearch (tests/search run once per backend), started here and stopped at
# the end, pass or fail; if it cannot start, the run fails with the script's reason.
# The browser tests drive Debian's chromium, installed here if missing.
test: $(VENV)/.installed $(CLIENT_TOOLS)
	@scripts/postgres.sh start
	@trap 'scripts/elasticsearch.sh stop' EXIT; trap 'exit 130' INT TERM; \
	CHROMIUM=$$(scripts/chromium.sh) || exit 1; export CHROMIUM; \
	scripts/elasticsearch.sh start || exit 1; \
	export SEARCH_TEST_ELASTICSEARCH_URL=$$(scripts/elasticsearch.sh url); \
	status=0; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-postgres || status=1; \
	exit $$status

test-sqlite: $(VENV)/.installed $(CLIENT_TOOLS)
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed $(CLIENT_TOOLS)
	@echo "== tests on PostgreSQL =="
	DATABASE_URL=$$(scripts/postgres.sh url) $(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo
	$(PY) scripts/import_cycles.py
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=ci-dummy-secret-key-$$(date +%s)-with-enough-length-and-entropy-0123456789 \
		ALLOWED_HOSTS=cms.example.gov.vn $(MANAGE) check --deploy --fail-level WARNING
	$(VENV)/bin/hadolint Dockerfile

# Regenerate the pinned sets from pyproject.toml's ranges in throwaway venvs.
lock:
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet .
	var/lock-venv/bin/pip freeze --exclude govcms > requirements.lock
	var/lock-venv/bin/pip install --quiet ".[dev]"
	var/lock-venv/bin/pip freeze --exclude govcms > requirements-dev.lock
	rm -rf var/lock-venv build *.egg-info

services-stop:
	-scripts/postgres.sh stop
	-scripts/elasticsearch.sh stop

clean:
	rm -rf $(VENV) var/static clients/typescript/node_modules

# Re-extract our own strings into locale/vi/LC_MESSAGES/django.po (needs GNU
# gettext), then compile the committed .mo files with polib (no msgfmt needed), merging
# in Wagtail's admin strings from locale/vi/wagtail/ (scripts/compile_messages.py).
# Translate any new empty msgstr, then run it again; fuzzy guesses are not compiled.
messages: $(VENV)/.installed
	$(MANAGE) makemessages -l vi --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=clients --no-location
	$(PY) scripts/compile_messages.py
