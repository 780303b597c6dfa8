# G331 Border Corridor Portal: developer set-up and CI entry points.
# `make run` = set up everything and serve; `make test` = set up everything and run all checks.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := run

VENV  := .venv
PY    := $(VENV)/bin/python
REQS  := requirements.txt requirements-dev.txt
# The stamp's name carries a hash of the requirements: new requirements -> new stamp -> reinstall.
STAMP := $(VENV)/.installed-$(shell cat $(REQS) 2>/dev/null | sha256sum | cut -c1-16)

.PHONY: run test lint format services stop-services clean system-deps setup backup restore rehearse rehearse-cluster bench lighthouse

# Serve on 127.0.0.1:$PORT (default 8000) after migrating and loading the demo data.
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data
	$(PY) manage.py load_port_data
	$(PY) manage.py load_event_data
	$(PY) manage.py load_practical_data
	$(PY) manage.py make_demo_photos
	$(PY) manage.py collectstatic --noinput
	exec $(VENV)/bin/gunicorn corridor_portal.wsgi:application --bind 127.0.0.1:$${PORT:-8000}

# Everything CI checks: lint, the layers (.importlinter), Django checks, missing migrations, pytest (incl. browser tests).
test: SYSDEPS_FLAGS := --browser
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n auto --dist loadfile

# Lint without changing anything.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Reformat and apply safe lint fixes.
format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Start PostgreSQL and Redis (if needed) and write their URLs to .env.
services:
	bash scripts/services.sh

# Stop the project's Redis and the PostgreSQL cluster that `make services` uses.
stop-services:
	bash scripts/services.sh stop

# Database (pg_dump, custom format) and media files into backups/, with a timestamp.
backup:
	bash scripts/backup.sh

# Put a backup back into an empty database: make restore BACKUP=backups/g331-<timestamp>
restore:
	bash scripts/restore.sh "$(BACKUP)"

# The production shape on this machine (nginx + TLS, two gunicorns, PostgreSQL, Redis) and its fault
# drills under load; prints the table that docs/deploy.md quotes. Needs root (nginx, a PostgreSQL restart).
rehearse: setup
	bash scripts/rehearse.sh

# Past one machine, on this one: HAProxy -> three gunicorn nodes -> PgBouncer -> PostgreSQL primary + hot standby,
# Redis + Sentinel, shared media; drills under load (node killed, rolling deploy, PgBouncer restart, primary
# failover, Redis failover); prints the table docs/deploy.md quotes. As root; drops everything it made. It needs
# the virtualenv but not `setup`'s services: it brings its own PostgreSQL and Redis and leaves the development ones alone.
rehearse-cluster: $(STAMP)
	$(PY) manage.py compilemessages --ignore=$(VENV) -v0
	bash scripts/rehearse-cluster.sh

# Load the synthetic scale data into corridor_bench* (never the demo database), serve it with the production
# settings and gunicorn.conf.py, and measure the pages with wrk, cached and not; then the mixed load (bench/mixed.py:
# ~500 addresses like real traffic while a listing is saved every 5 s), the pages through nginx
# (deploy/nginx/g331.conf, as root), and page-view counting on against off; prints the tables (docs/performance.md).
bench: setup
	command -v wrk >/dev/null || bash -c 'source scripts/lib.sh && apt_install wrk'
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || bash -c 'source scripts/lib.sh && apt_install nginx'
	$(PY) bench/run.py
	$(PY) bench/misses.py ratios --database corridor_bench  # the cost of a miss: pages with the page cache off (#27)
	$(PY) bench/mixed.py --scale
	$(PY) bench/nginx.py
	$(PY) bench/page_views.py  # 4 servers x 6 pairs: with fewer, one noisy pair moves the median

# Lighthouse (mobile) on six pages of the demo data, served with the production settings; prints the scores, fails under the bar.
lighthouse: setup
	bash scripts/lighthouse.sh

# Remove the virtualenv and collected static files.
clean:
	rm -rf $(VENV) staticfiles

# Common set-up: system packages, venv, services, compiled translations.
setup: system-deps $(STAMP) services
	$(PY) manage.py compilemessages --ignore=$(VENV)

# Install missing Debian packages in one apt run (Chromium and CJK fonts for `make test`).
system-deps:
	@bash scripts/system-deps.sh $(SYSDEPS_FLAGS)

# Create .venv and install requirements-dev.txt; skipped while the requirements are unchanged.
$(STAMP):
	$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && python3 -m venv $(VENV); } \
	  || { echo "error: 'python3 -m venv' failed; install python3-venv (apt-get install python3-venv)" >&2; exit 1; }
	$(PY) -m pip install -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@
