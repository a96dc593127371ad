# edcluster — the two commands a new user runs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?= -n 2
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install run test lint sysdeps demo clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

## install: Python packages into .venv and front-end packages into node_modules
install: $(VENV)/.installed node_modules/.installed

## sysdeps: Debian packages the tests need (Chromium, fonts, poppler, LibreOffice); needs root
sysdeps:
	@scripts/sysdeps.sh

## run: migrate the SQLite database, load the demo cluster, serve on 127.0.0.1:$(PORT)
run: install
	edcluster migrate --noinput
	edcluster collectstatic --noinput -v 0
	edcluster demo
	@echo ""
	@echo "edcluster: http://127.0.0.1:$(PORT)/  (остановить: Ctrl+C)"
	edcluster runserver 127.0.0.1:$(PORT)

## lint: ruff on everything, mypy on the services
lint: install
	ruff check src tests bench
	ruff format --check src tests bench
	mypy

## test: install everything and run the whole suite (SQLite by default; PostgreSQL/Redis when
## DATABASE_URL / CELERY_BROKER_URL point at them)
test: install sysdeps lint
	edcluster check
	edcluster makemigrations --check --dry-run
	pytest $(PYTEST_ARGS)

demo: install
	edcluster migrate --noinput
	edcluster demo

clean:
	rm -rf $(VENV) node_modules var/static var/test*.sqlite3
