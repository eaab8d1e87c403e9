# The Way Ahead: everyday commands. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate seed messages bench clean help lock lock-check

help:
	@echo "make run     install, migrate, load demo data and serve on http://$(HOST):$(PORT)/"
	@echo "make test    run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)"
	@echo "make lint    ruff, djLint and mypy"
	@echo "make format  format Python and templates"
	@echo "make lock    rewrite the pinned versions in requirements/ from pyproject.toml"
	@echo "make bench   benchmarks against their baselines on PostgreSQL (bench/results.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pyproject.toml keeps the version ranges; requirements/ pins exact versions within them
# (make lock writes both files, make lock-check shows they are in step with pyproject.toml).
# lock.txt: runtime plus the dev extra, for make and CI. runtime.txt: runtime only, the
# same versions, for the Docker image.
LOCK := requirements/lock.txt
RUNTIME_LOCK := requirements/runtime.txt
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--custom-compile-command 'make lock'

# Runtime dependencies at the locked versions; reinstalled whenever the lock changes.
$(VENV)/.installed: $(RUNTIME_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(RUNTIME_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# Runtime plus the test and lint tools.
$(VENV)/.installed-dev: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(VENV)/.installed $@

# Rewrites the lock files from pyproject.toml, keeping every pin that still fits.
# LOCK_ARGS=--upgrade moves everything to the newest allowed versions,
# LOCK_ARGS='--upgrade-package django' only one package.
lock: $(VENV)/.installed-dev
	$(UV_COMPILE) --extra dev $(LOCK_ARGS) -o $(LOCK)
	$(UV_COMPILE) --constraint $(LOCK) -o $(RUNTIME_LOCK)

# Fails when pyproject.toml asks for something the lock files do not pin (run make lock).
lock-check: $(VENV)/.installed-dev
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp $(LOCK) "$$tmp/lock.txt"; cp $(RUNTIME_LOCK) "$$tmp/runtime.txt"; \
	$(UV_COMPILE) --extra dev -o "$$tmp/lock.txt" \
		&& $(UV_COMPILE) --constraint $(LOCK) -o "$$tmp/runtime.txt" \
		&& diff -u $(LOCK) "$$tmp/lock.txt" && diff -u $(RUNTIME_LOCK) "$$tmp/runtime.txt" \
		|| { echo "requirements/ is out of step with pyproject.toml: run 'make lock' and commit." >&2; exit 1; }

# The printed demo login, emails, feeds and API links use the address actually served.
RUN_ENV = DJANGO_DEBUG=$${DJANGO_DEBUG:-true} DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://$(HOST):$(PORT)}

run: $(VENV)/.installed
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite is spread over the machine's cores by pytest-xdist (each worker has its own
# test database and live server); PYTEST_WORKERS=0 runs it in one process. --dist load
# hands the tests out in pytest-django's order, so on each worker the browser tests, which
# empty the database (reference data included), still run after all the others
# (worksteal would break that). A quick loop without the slow tests (demo seeding,
# browsers, the Celery worker):
#   make test PYTEST_ARGS="-m 'not slow'"
PYTEST_WORKERS ?= auto
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files '*.py' | grep -v -e '^vendor/' -e '/migrations/' | xargs $(BIN)/django-upgrade --target-version 5.2 || true
	@# A second djLint pass settles the few tags that the first one leaves half-wrapped.
	$(BIN)/djlint --reformat --quiet templates && $(BIN)/djlint --reformat --quiet templates

messages: $(VENV)/.installed-dev
	cd $(CURDIR) && DJANGO_DEBUG=true $(BIN)/python manage.py makemessages --all --no-obsolete --no-location --no-wrap --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*' --ignore='vendor/*' --ignore='scripts/*'
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --ignore='.venv/*'

# Benchmarks (bench/README.md): PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth),
# a dedicated database seeded once with 50,000 organisations, gunicorn on a loopback port
# driven by wrk; results in bench/results.md. About 15 minutes. gunicorn is stopped at the
# end whatever happens. BENCH_ARGS passes options to bench/run.py (--only api,search ...).
BENCH_DB ?= waytahead_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_ORGANISATIONS ?= 50000

bench: $(VENV)/.installed
	@tmp=$$(mktemp -d); \
	trap 'if [ -s "$$tmp/gunicorn.pid" ]; then kill "$$(cat "$$tmp/gunicorn.pid")" 2>/dev/null || true; fi; rm -rf "$$tmp"' EXIT; \
	set -e; \
	export DATABASE_URL="$(BENCH_DATABASE_URL)" DJANGO_DEBUG=false DJANGO_STATIC_ROOT="$$tmp/static" \
		DJANGO_SECRET_KEY="bench-throwaway-$$(date +%s%N)"; \
	$(BIN)/python bench/prepare.py --create-database; \
	$(BIN)/python manage.py migrate --noinput -v0; \
	$(BIN)/python bench/prepare.py --seed $(BENCH_ORGANISATIONS); \
	$(BIN)/python manage.py collectstatic --noinput -v0; \
	$(BIN)/python bench/run.py --pidfile "$$tmp/gunicorn.pid" $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static .pytest_cache
