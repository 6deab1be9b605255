# The first two targets are the README's first two commands.
#   make run    bring the site up with demo content on http://127.0.0.1:$(PORT)
#   make test   run the whole suite (lint, Django checks, pytest incl. browser tests)

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
# The id `make run`'s background worker claims tasks under (reap_stale_tasks).
WORKER_ID ?= $(shell hostname)-make-run

STAMP := $(VENV)/.installed
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: run test help dev lint check test-postgres bench clean-local system-run system-test

run: $(STAMP) system-run ## bring the site up with demo content on 127.0.0.1:$(PORT)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py update_index --verbosity 0  # re-segment the search index (core/search_backend.py)
	$(PY) manage.py ensure_admin
	$(PY) manage.py set_site_url  # links in calendar files, feeds, e-mails and QR codes (SITE_URL, else BIND/PORT)
	@echo "网站：http://127.0.0.1:$(PORT)/    管理后台：http://127.0.0.1:$(PORT)/admin/"
	$(PY) manage.py reap_stale_tasks --worker-id "$(WORKER_ID)"
	@# The background worker (mail, search index, Wagtail's tasks) beside gunicorn:
	@# when either stops, the other is stopped too, so Ctrl-C ends both.
	$(PY) manage.py db_worker --worker-id "$(WORKER_ID)" --no-reload --interval 1 -v 1 & worker=$$!; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py & web=$$!; \
	trap 'kill $$worker $$web 2>/dev/null' INT TERM EXIT; \
	wait -n $$worker $$web; status=$$?; kill $$worker $$web 2>/dev/null; wait; exit $$status

# pytest-xdist: one test process per core (each with its own test database,
# media directory and servers); TEST_JOBS=0 runs the suite in one process.
TEST_JOBS ?= auto

test: $(STAMP) system-test lint check ## the whole suite: lint, Django checks, pytest (one process per core)
	$(VENV)/bin/pytest -n $(TEST_JOBS) --durations=10

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

# site/ is a source root (config, accounts, core, home): a .pth file puts it and
# the repository on the environment's path, so any tool run in it
# (lint-imports, a shell, an editor) imports them as manage.py does.
# One virtualenv for running and testing: the runtime (requirements.txt, all a
# production server installs) plus tests and tooling (requirements-test.txt).
$(STAMP): requirements.txt requirements-test.txt Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt
	printf '%s\n%s\n' "$(CURDIR)/site" "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/community-source-roots.pth"
	touch $@

CERTIFICATE_FONT ?= /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

system-run: ## Debian packages the running site uses: ffmpeg (videos' duration and poster), the certificates' Chinese font
	@command -v ffmpeg >/dev/null && test -f $(CERTIFICATE_FONT) || { $(APT_GET) update -qq && $(APT_GET) install -y -qq ffmpeg fonts-wqy-microhei; } || echo "ffmpeg 或字体未安装：网站照常运行，视频时长需手动填写，服务证明 PDF 不嵌入中文字体。"

system-test: ## Debian packages the tests use: Chromium for the browser tests, ffmpeg for the course videos, the certificates' font, redis-server for the cache-outage tests
	@command -v chromium >/dev/null && command -v ffmpeg >/dev/null && command -v redis-server >/dev/null && test -f $(CERTIFICATE_FONT) || { $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium ffmpeg fonts-wqy-microhei redis-server; }

lint: $(STAMP) ## ruff lint and format check; which package may import which (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

check: $(STAMP) ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

dev: $(STAMP) ## runserver with DEBUG on (code reloads on change)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py set_site_url
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

test-postgres: $(STAMP) ## the suite on a local PostgreSQL server (installed and started if needed)
	DATABASE_URL="$$(.ci/postgres-up)" $(MAKE) test

BENCHMARKS := $(basename $(notdir $(filter-out bench/__init__.py bench/common.py bench/http_load.py,$(wildcard bench/*.py))))

bench: $(STAMP) ## run every benchmark in bench/ against the local database (make run fills it)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_demo > /dev/null
	set -e; for b in $(BENCHMARKS); do echo "### bench/$$b.py"; $(PY) -m bench.$$b; done

clean-local: ## delete the local database, media and generated secrets (var/)
	rm -rf var
