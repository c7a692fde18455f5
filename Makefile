# Two commands for a newcomer: `make run` and `make test` (see README.md).
SHELL := /bin/sh
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-dev.lock | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo is served at, printed by load_demo (and used in links it makes).
SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# pytest-xdist workers: one per core (pytest-django gives each its own test database);
# The default distribution keeps pytest-django's order (transactional tests last in each
# worker); a module-scoped stack (two nodes, nginx, S3, the browser journeys' server) may
# start once in each worker, so each uses its own ports and names. (--dist loadfile broke
# that order; pytest-xdist 3.8's loadgroup does nothing under pytest 9.2.)
PYTEST_WORKERS ?= auto
# Local runs keep the test databases between runs; CI (.ci/run) sets PYTEST_DB=--create-db.
PYTEST_DB ?= --reuse-db

.PHONY: help install run serve migrate demo test lint check-deploy bench faults backup restore clean

help:
	@echo "make run    - set up .venv, migrate SQLite, load the demo bureau, serve http://$(HOST):$(PORT)"
	@echo "make test   - set up and run the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make lint   - ruff format and lint, mypy, makemigrations --check"
	@echo "make bench  - load benchmark on PostgreSQL (make bench N=200000; needs wrk)"
	@echo "make faults - stop the database under traffic: 503s, cached pages, recovery, no lost request"
	@echo "make backup - database + files, encrypted, with checksums (BACKUP_DIR, KEEP_DAYS)"
	@echo "make restore FILE=var/backups/portal-....backup - check it, then restore (stop the site first)"

$(STAMP): requirements.lock requirements-dev.lock
	@PYBIN=$$(scripts/find-python) || exit 1; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Recreating $(VENV): it was made with a Python older than 3.12"; rm -rf $(VENV); fi; \
	[ -x $(PY) ] || "$$PYBIN" -m venv $(VENV) || { echo "Could not create a venv: install the venv module (e.g. apt-get install python3.12-venv)"; exit 1; }
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

# Local targets run in demo mode (development secret allowed); production sets its own
# env. `.env` (git-ignored, written once; delete it to write it again) gives `manage.py`
# run by hand the same demo settings and database: docs/operations.md's commands then
# work as written. `make install` (also run on servers) writes none. `migrate` creates
# the cache table too (portal.apps).
.env:
	@printf '%s\n' \
	  '# Local development settings, written by make (git-ignored). Production sets its' \
	  '# own environment and PORTAL_DOTENV=0; variables set in the environment win.' \
	  'DEMO_MODE=1' \
	  'DATABASE_URL=$(or $(DATABASE_URL),sqlite:///$(CURDIR)/var/db.sqlite3)' > $@
	@echo "Wrote .env (DEMO_MODE=1 and the database) for manage.py commands run by hand."

migrate: install .env
	DEMO_MODE=1 $(PY) manage.py migrate --noinput

# Demo data only in demo mode; loading twice changes nothing.
demo: migrate
	DEMO_MODE=1 SITE_URL=$(SITE_URL) $(PY) manage.py load_demo

run: demo
	DEBUG=1 DEMO_MODE=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Production-like local serving (gunicorn + whitenoise), for trying the real stack.
serve: migrate
	DEMO_MODE=1 $(PY) manage.py collectstatic --noinput -v0
	DEMO_MODE=1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 $(VENV)/bin/gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers 2

test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DB) $(PYTEST_ARGS)

# Format, lint, types of services/selectors/permissions, migrations. The import
# contract (tests/test_architecture.py) runs with `make test` and in pre-commit.
lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	DEMO_MODE=1 $(VENV)/bin/mypy
	DEMO_MODE=1 $(PY) manage.py makemigrations --check --dry-run

# `manage.py check --deploy` with production-like environment; any warning fails.
check-deploy: install
	PORTAL_DOTENV=0 DEBUG=0 SECRET_KEY=ci-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  ALLOWED_HOSTS=rsj.example.gov.cn CSRF_TRUSTED_ORIGINS=https://rsj.example.gov.cn \
	  EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=smtp.example.gov.cn \
	  FIELD_ENCRYPTION_KEY=ci:$$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  $(PY) manage.py check --deploy --fail-level WARNING

# PostgreSQL + wrk + gunicorn (see benchmarks/__main__.py); N items (default 20000).
N ?= 20000
bench: install
	N=$(N) $(PY) -m benchmarks

# Its own PostgreSQL cluster (Debian's initdb/pg_ctl), gunicorn, Redis: see benchmarks/faults.py.
faults: install
	$(PY) -m benchmarks.faults

# Backups use the environment as it is (production: DATABASE_URL, SECRET_KEY,
# BACKUP_ENCRYPTION_KEY, MEDIA_ROOT); locally `.env` gives demo mode. docs/operations.md.
KEEP_DAYS ?= 30
backup: install
	$(PY) manage.py backup --keep-days $(KEEP_DAYS) $(if $(BACKUP_DIR),--output $(BACKUP_DIR))

restore: install
	@[ -n "$(FILE)" ] || { echo "make restore FILE=path/to/portal-YYYYmmdd-HHMMSS.backup"; exit 2; }
	$(PY) manage.py restore "$(FILE)" --yes

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
