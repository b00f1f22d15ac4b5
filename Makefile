# The README's commands. `make run` and `make test` work on a fresh clone with nothing configured.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development values for `make run`; production sets real ones (see .env.example).
DEV := DJANGO_DEBUG=true
ADDRESS ?= 127.0.0.1:8000

CHROMIUM ?= /usr/bin/chromium

.PHONY: install browser run test audit lint bench bench-import bench-growth lock clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements/development.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/development.txt
	touch $@

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py import_seeds fixtures/seeds
	@$(MAKE) --no-print-directory local-admin
	$(DEV) $(BIN)/python manage.py runserver $(ADDRESS)

# A local admin account on the first run; its password is printed once.
.PHONY: local-admin
local-admin:
	@password=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))'); \
	if out=$$($(DEV) DJANGO_SUPERUSER_PASSWORD=$$password $(BIN)/python manage.py createsuperuser \
	        --noinput --username admin --email admin@localhost 2>&1); then \
	    echo "Admin account created: http://$(ADDRESS)/admin/  user: admin  password: $$password"; \
	    echo "(shown once; to change it: $(DEV) $(BIN)/python manage.py changepassword admin)"; \
	elif ! echo "$$out" | grep -q "already taken"; then echo "$$out" >&2; exit 1; fi

# The journeys in tests/e2e drive Debian's Chromium: installed here when running as root (CI).
browser:
	@test -x $(CHROMIUM) || { \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	    else echo "The browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# tests/deploy runs Debian's nginx with the site in deploy/nginx/: installed here when running as
# root (CI). The tests start nginx processes of their own; the one the package starts is stopped.
.PHONY: nginx
nginx:
	@test -x /usr/sbin/nginx || { \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx \
	        && { service nginx stop >/dev/null 2>&1 || true; }; \
	    else echo "The nginx tests need nginx: sudo apt-get install nginx" >&2; exit 1; fi; }

# tests/deploy/test_varnish.py runs Debian's Varnish and its xkey module (varnish-modules) with
# deploy/varnish/: installed here when running as root (CI). The tests start varnishd processes
# of their own; the one the package starts is stopped.
.PHONY: varnish
varnish:
	@{ test -x /usr/sbin/varnishd && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; } || { \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules \
	        && { service varnish stop >/dev/null 2>&1 || true; }; \
	    else echo "The Varnish tests need it: sudo apt-get install varnish varnish-modules" >&2; exit 1; fi; }

# axe-core for the accessibility tests and Lighthouse for `make audit`, as package-lock.json pins them.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Lint, format, types and migrations: the checks that run before the tests.
.PHONY: checks test-fast
checks: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	git ls-files '*.py' | xargs $(BIN)/django-upgrade --target-version 6.1 --check
	git ls-files 'templates/*.html' | xargs $(BIN)/djhtml --check
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

# The tests make test runs, as pytest -m markers (pyproject.toml); .ci/run's SQLite run leaves
# the browser journeys to its PostgreSQL run.
MARKERS ?= not scaleout
test: install browser nginx varnish node_modules/.installed checks
	$(BIN)/pytest -m "$(MARKERS)"

# For the edit-test loop: SQLite, no browser, no nginx, no service started; a minute or less.
test-fast: checks
	env -u DATABASE_URL $(BIN)/pytest -m "not scaleout and not browser and not services"

# The browser tests save their screenshots under tests/e2e/screenshots/ (ignored); this refreshes
# the copies docs/design.md shows.
.PHONY: screenshots
screenshots: install browser node_modules/.installed
	$(BIN)/pytest -q tests/e2e
	cp tests/e2e/screenshots/*.png docs/screenshots/

# Two gunicorn servers sharing a PostgreSQL primary, its streaming replica and a Redis server,
# all their own (docs/operations.md, "Several app servers"); about half a minute.
.PHONY: test-scaleout
test-scaleout: install
	$(BIN)/pytest -m scaleout tests/test_scale_out.py

# What the pre-commit hooks do (.pre-commit-config.yaml), on every file.
lint: install
	git ls-files '*.py' | xargs $(BIN)/django-upgrade --target-version 6.1 --exit-zero-even-if-changed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files 'templates/*.html' | xargs $(BIN)/djhtml

# Lighthouse on an article page served as in production; fails if a score is under 95.
audit: install browser node_modules/.installed
	$(BIN)/python -m tests.audit

# The pages under load against Django's own ceiling, the uncached thread and comment posting, on
# production settings with PostgreSQL and Redis (CACHE_URL, default redis://127.0.0.1:6379/2) and
# wrk as the load; about two minutes. docs/performance.md.
bench: install varnish wrk
	$(BIN)/python tests/bench/pages.py

# The load generator of the benchmarks.
.PHONY: wrk
wrk:
	@command -v wrk >/dev/null || { \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	    else echo "The benchmarks need wrk: sudo apt-get install wrk" >&2; exit 1; fi; }

# Generates 10,000 seed files and times their import into a new SQLite database.
bench-import: install
	$(BIN)/python tests/bench/import_seeds.py --files 10000

# Every kind of page, admin list and search on 1,000 articles with 20,000 comments and on
# 100,000 with 2,000,000, side by side, with import and export at both sizes. The data sets are
# kept in PostgreSQL databases of their own ($(GROWTH_DATABASES)_1000, _100000) between runs: the
# first run builds them (about 10 minutes on 2 cores), BENCH_GROWTH_ARGS=--rebuild again.
# docs/performance.md, "`make bench-growth`".
GROWTH_DATABASES ?= newsroom_growth
bench-growth: install varnish wrk
	$(BIN)/python tests/bench/growth.py --database-prefix $(GROWTH_DATABASES) $(BENCH_GROWTH_ARGS)

# Pins pyproject.toml's ranges, with hashes: requirements/production.txt for servers, and
# requirements/development.txt (production's pins plus the dev group) for make install. Versions
# already pinned stay; `make lock UPGRADE=--upgrade` takes the newest the ranges allow.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.13 --custom-compile-command "make lock" $(UPGRADE)
lock: install
	$(UV_COMPILE) -o requirements/production.txt
	$(UV_COMPILE) --group dev --constraint requirements/production.txt -o requirements/development.txt

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .hypothesis
