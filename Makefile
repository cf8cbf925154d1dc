# Medvirk — the two commands that matter are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-8)
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/medvirk

.PHONY: run setup serve test lint messages compilemessages clean theme

## make run: set up (venv, install, migrate, translations, demo) and serve on http://127.0.0.1:8000 with a task worker
run: setup serve

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)
	scripts/ensure-system-packages.sh gettext
	scripts/ensure-node.sh
	mkdir -p var
	$(PY) manage.py compilemessages --ignore '.venv/*' --verbosity 0
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo

serve:
	scripts/serve-dev.sh

## make test: set up and run the whole suite (lint, migration check, pytest on PostgreSQL, browser tests)
test: $(STAMP)
	scripts/ensure-system-packages.sh gettext chromium poppler-utils
	scripts/ensure-node.sh --with-dev
	scripts/ensure-postgres.sh
	$(PY) manage.py compilemessages --ignore '.venv/*' --verbosity 0
	$(MAKE) --no-print-directory lint
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP)
	mkdir -p var
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) manage.py makemigrations --check --dry-run

## make messages: refresh the .po files after changing user-facing text
messages: $(STAMP)
	$(PY) manage.py makemessages --locale nb --locale en --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*' --no-obsolete

## make theme: rebuild static/css/theme.css from design/designsystemet.config.json with Designsystemet's CLI
theme:
	scripts/ensure-node.sh
	npm ci --no-audit --no-fund --loglevel=error
	npm run theme
	rm -f node_modules/.installed-*

clean:
	rm -rf $(VENV) var/medvirk.sqlite3 var/static var/test-media node_modules static/vendor
