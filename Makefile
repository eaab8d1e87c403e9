# The Way Ahead: everyday commands. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate seed messages bench clean help

help:
	@echo "make run     install, migrate, load demo data and serve on http://$(HOST):$(PORT)/"
	@echo "make test    run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)"
	@echo "make lint    ruff and djLint"
	@echo "make format  format Python and templates"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime dependencies; reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# Runtime plus the test and lint tools.
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(VENV)/.installed $@

run: $(VENV)/.installed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed-dev
	cd $(CURDIR) && DJANGO_DEBUG=true $(BIN)/python manage.py makemessages --all --no-obsolete --no-location --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*'
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf $(VENV) var/static .pytest_cache
