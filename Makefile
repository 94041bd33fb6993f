# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run dev test lint format check setup lock upgrade clean fixtures check-ui screenshots bench-serve

# pip installs requirements-dev.txt (the runtime lock and the development tools) into the venv and
# checks every file against its hash; a changed lock file installs again. (A package dropped from
# the locks stays in the venv until `make clean`.)
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; sys.exit("confnotes needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed var/secret_key

# The site's secret key for this checkout (settings read it when DJANGO_SECRET_KEY is unset).
var/secret_key:
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# The site as in production, on SQLite (or DATABASE_URL): migrate, collect the static files,
# load the fixtures into an empty database only, then serve with gunicorn (DEBUG off; workers,
# reload on SIGHUP, logs: confnotes/gunicorn.conf.py; WEB_CONCURRENCY sets the worker count).
run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py seed
	@echo
	@echo "  confnotes is at http://$(HOST):$(PORT)/"
	@echo "  To edit in /admin/, create an account once: $(PY) manage.py createsuperuser"
	@echo
	DJANGO_DEBUG=0 HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn -c confnotes/gunicorn.conf.py confnotes.wsgi

# Development: Django's server with DEBUG on and autoreload, static files from the source folders.
dev: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py seed
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Front-end checks: axe-core and the Nu HTML Checker on every page, whitenoise's headers,
# then Lighthouse 12.2.3 (Debian's Chromium) on every kind of page, anonymous and signed in, served as in
# production; fails under 95 in any category. CI=true: a missing tool fails, never skips.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

check-ui: setup node_modules/.package-lock.json
	CI=true $(PY) -m pytest -q tests/browser/test_accessibility.py tests/test_html_validity.py tests/test_static_files.py
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py

# The serving benchmark (BENCHMARKS.md): the seed data under gunicorn with make run's settings
# beside a bare Django view returning 20 kB, each page measured by wrk (apt-get install wrk);
# REDIS_URL=redis://... measures with Redis as the cache instead of the file cache.
bench-serve: setup
	$(PY) bench/serve.py

# Regenerate docs/screenshots/*.png (list, detail light and dark, phone).
screenshots: setup
	$(PY) bench/screenshots.py

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Compile pyproject.toml's direct dependencies into the hashed lock files, keeping the pinned
# versions that still fit: requirements.txt (runtime) and requirements-dev.txt (runtime, with the
# same pins, and the [dependency-groups] dev tools). `make upgrade` moves every pin to the newest.
LOCK = $(VENV)/bin/uv pip compile pyproject.toml --universal --generate-hashes --quiet \
	--custom-compile-command 'make lock' $(LOCK_FLAGS)

lock: $(VENV)/.installed
	$(LOCK) --output-file requirements.txt
	$(LOCK) --group dev --constraint requirements.txt --output-file requirements-dev.txt

upgrade:
	$(MAKE) lock LOCK_FLAGS=--upgrade

# Rebuild the site's fixtures from the write-up and the facts beside it, in a scratch database.
FIXTURE_ENV = DJANGO_DEBUG=1 DATABASE_URL=sqlite:///var/fixtures.sqlite3
WRITEUP = fixtures/writeups/container-camp-london-2015

fixtures: setup
	mkdir -p var
	rm -f var/fixtures.sqlite3
	$(FIXTURE_ENV) $(PY) manage.py migrate --no-input --verbosity 0
	$(FIXTURE_ENV) $(PY) manage.py import_writeup $(WRITEUP).md --facts $(WRITEUP).facts.toml
	$(FIXTURE_ENV) $(PY) manage.py dumpdata speakers talks taggit --exclude talks.star --exclude talks.note \
		--natural-foreign --indent 2 \
		--output fixtures/container-camp-london-2015.json
	rm -f var/fixtures.sqlite3

# The container image (docs/deploy.md): a Debian base made with mmdebstrap, then the Containerfile
# built with podman, then its contents checked. As root; REBUILD_BASE=1 makes the base again.
.PHONY: image
image:
	./deploy/build-image.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache node_modules
