# Everyday commands. `make run` starts the dashboard on the shipped sample data;
# `make test` runs the whole suite (lint, types, the import contracts, unit, AppTest,
# multi-process and browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PORT ?= 8501

.PHONY: run test lint unit browser bench sample chromium postgresql nginx clean

$(STAMP): requirements.txt requirements-dev.txt
	@scripts/ensure-system-packages.sh venv
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.port $(PORT)

chromium:
	@scripts/ensure-system-packages.sh chromium

postgresql:
	@scripts/ensure-system-packages.sh postgresql

nginx:
	@scripts/ensure-system-packages.sh nginx

test: $(STAMP) chromium postgresql nginx
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow"

browser: $(STAMP) chromium postgresql
	$(BIN)/python -m pytest -m browser

sample: $(STAMP)
	$(BIN)/python -m analysis.sample

bench: $(STAMP) chromium
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache .grimp_cache
