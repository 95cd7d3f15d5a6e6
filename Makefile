# The two commands: `make demo` and `make test`. Everything else is what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GUICHET := $(BIN)/guichet
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_URL ?= postgres://postgres@$(PG_HOST):$(PG_PORT)/guichet
CHROMIUM ?= /usr/bin/chromium
# One test process per core (pytest-xdist), each with its own test database; a module's tests
# stay on one process so its module-scoped data (the demo catalogue, the hub) loads once.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: demo test install messages translations chromium fonts node lint format bench serve worker clean

demo: install messages fonts
	$(GUICHET) migrate --noinput
	$(GUICHET) collectstatic --noinput -v0
	$(GUICHET) demo
	@echo ""
	@echo "Serving http://127.0.0.1:8000/ with a task worker. Ctrl-C stops both."
	@$(GUICHET) worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(GUICHET) serve --host 127.0.0.1 --port 8000 --workers 2

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Translations are compiled from the .po files in the repository (needs GNU gettext).
messages: install
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null; } || true
	cd src/guichet && ../../$(GUICHET) compilemessages -v0

# After adding or changing strings: update the catalogues, then translate the new entries.
translations: install
	cd src/guichet && ../../$(GUICHET) makemessages -l zh_Hans -l fr -l th --no-location --no-obsolete

# Debian's chromium for the browser tests; never a downloaded browser.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fonts-thai-tlwg >/dev/null) \
	      || echo "!!! could not install chromium: browser tests will be SKIPPED !!!"; \
	  else echo "!!! $(CHROMIUM) missing and not root: browser tests will be SKIPPED !!!"; fi; \
	fi

# Chinese and Thai fonts for the PDF sheets (they still render, with a fallback font, without).
fonts:
	@if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-noto-cjk fonts-thai-tlwg >/dev/null) \
	      || echo "!!! could not install CJK/Thai fonts: PDF sheets use a fallback font !!!"; \
	  else echo "!!! CJK/Thai fonts missing: PDF sheets use a fallback font !!!"; fi; \
	fi

node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: install messages chromium fonts node
	@echo "=== Test suite on SQLite ==="
	DATABASE_URL= $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)
	@if pg_isready -q -h $(PG_HOST) -p $(PG_PORT) 2>/dev/null || \
	    $(BIN)/python -c "import socket,sys; s=socket.socket(); s.settimeout(2); sys.exit(s.connect_ex(('$(PG_HOST)',$(PG_PORT))))"; then \
	  echo "=== Test suite on PostgreSQL ($(PG_HOST):$(PG_PORT)) ==="; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || exit 1; \
	elif [ "$$CI" = "true" ]; then \
	  echo "!!! PostgreSQL at $(PG_HOST):$(PG_PORT) does not answer, and CI=true: failing. !!!"; exit 1; \
	else \
	  echo ""; echo "!!! PostgreSQL at $(PG_HOST):$(PG_PORT) does not answer: the PostgreSQL run was SKIPPED !!!"; \
	fi

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: install messages
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || true
	$(BIN)/python -m bench all

serve: install
	$(GUICHET) serve

worker: install
	$(GUICHET) worker

clean:
	rm -rf $(VENV) node_modules staticfiles var
