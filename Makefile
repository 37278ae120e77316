# WAIC Directory: `make run` serves the demo site, `make test` runs the whole suite.
# Both set everything up first on a fresh machine with Python 3.11.
# `make serve` runs the production stack (gunicorn + whitenoise, debug off); `make bench`
# measures it at ten times WAIC's size (docs/benchmarks.md).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEV := DJANGO_DEBUG=1

.PHONY: run serve test bench bench-peer faults install tools migrate demo lint format check clean messages

BIND ?= 127.0.0.1:8000
# The local-memory cache lives in one process: more workers need Redis (REDIS_URL).
WEB_CONCURRENCY ?= $(if $(REDIS_URL),5,1)
export WEB_CONCURRENCY
# Threads per worker (gunicorn's gthread worker). A request waiting for another's render of the
# same page (waic_site/cache.py: only before the page's first copy exists) or a long export
# holds one while it sleeps; /healthz and short pages need one free. bench/crowd.py: a crowd of
# 8 for /schedule.xml left /healthz waiting for the whole render with 8 threads, 47 ms with 16.
WEB_THREADS ?= 16

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The W3C Nu HTML checker and axe-core that the suite runs (npm's vnu-jar and axe-core, pinned in package-lock.json; it
# needs Java). Without npm the suite skips that test and says so (CI fails it instead).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel error
	touch $@

tools:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "npm is missing: the HTML checker test will be skipped"; fi

migrate: install
	$(DEV) $(PY) manage.py migrate --no-input

demo: migrate
	$(DEV) $(PY) manage.py load_demo

run: demo
	@echo
	@echo "  WAIC Directory: http://127.0.0.1:8000/   admin: http://127.0.0.1:8000/admin/"
	@echo "  Organizer login: $(DEV) $(PY) manage.py create_organizer YOUR_NAME"
	@echo "  Administrator:   $(DEV) $(PY) manage.py createsuperuser"
	@echo
	$(DEV) WAIC_PAGE_CACHE_SECONDS=0 $(PY) manage.py runserver 127.0.0.1:8000

serve: install
	@test -n "$$DJANGO_SECRET_KEY" || { echo 'Set DJANGO_SECRET_KEY first, e.g. DJANGO_SECRET_KEY=$$(python3 -c "import secrets; print(secrets.token_urlsafe(50))") make serve'; exit 1; }
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py migrate --no-input
	$(VENV)/bin/gunicorn waic_site.wsgi --bind $(BIND) --threads $(WEB_THREADS) --no-control-socket --access-logfile -

# In parallel, one process per core (pytest-xdist; each worker has a test database of its own).
# While working on one thing, run just its tests: .venv/bin/python -m pytest speakers -m "not slow"
test: install tools
	$(PY) -m pytest --numprocesses auto

# WAIC at ten times its size on the production stack under wrk; writes docs/benchmarks.md.
bench: install
	$(PY) bench/run.py
	$(PY) bench/crowd.py
	$(PY) bench/edits.py
	$(PY) bench/pretalx.py

# Ours at --scale 1 beside pretalx 2025.2.2 (installed into .bench/pretalx-venv/), uncached, in
# one run (issue 17); without pretalx the column is skipped with the reason. BENCH_PEER=0 skips it.
bench-peer: install
	$(PY) bench/pretalx.py

# Two app servers under load while Redis dies and PostgreSQL restarts: errors after recovery.
faults: install
	$(PY) bench/faults.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(DEV) $(PY) manage.py check
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# Update the Chinese catalogue after adding or changing strings (needs GNU gettext's xgettext:
# apt-get install gettext), translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po,
# then run it again: it compiles the .mo in Python, with no gettext needed.
messages: install
	$(DEV) $(PY) manage.py makemessages --locale zh_Hans --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'media/*' --ignore 'node_modules/*'
	$(DEV) $(PY) manage.py compile_catalogues

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles
