# Two commands matter: `make run` (install and launch) and `make test` (install and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run test lint dist deb deb-check clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The check names the system libraries Qt's X11 plugin lacks and the apt-get line for them.
run: $(STAMP)
	$(BIN)/python installer/check_qt_libs.py
	$(BIN)/extradesk

lint: $(STAMP)
	$(BIN)/ruff check src tests bench installer
	$(BIN)/lint-imports

# The second pass runs the services and documents tests again on a throw-away PostgreSQL
# server (tests/pg_server.py; skipped, with the reason, when the server binaries are missing).
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/services tests/documents --backend=postgresql

bench: $(STAMP)
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_postgres.py

dist: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dist]"  # -e: keep the editable install the tests use
	$(BIN)/pyinstaller --noconfirm --clean installer/extradesk.spec
	@echo "dist/extradesk : $$(du -sm dist/extradesk | cut -f1) Mo"

# A .deb of the bundle (/opt/extradesk, /usr/bin/extradesk, desktop entry, icons, metainfo).
deb: dist
	installer/build_deb.sh dist/extradesk dist

# Installs the .deb into a throw-away root, runs it (version, batch commands, offscreen GUI
# start, catalogue reader children), removes it and checks nothing is left behind.
deb-check: deb
	installer/check_deb.sh dist/extradesk_*.deb

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
