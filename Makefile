# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LINTED := $(wildcard src tests bench eval tools)
export BLAMEFREE_DATABASE_URL ?= sqlite:///./blamefree.db

SPEEDUP_SOURCES := $(wildcard src/blamefree/speedups.py src/blamefree/ingest/*.py \
  src/blamefree/ingest/readers/*.py src/blamefree/lint/*.py src/blamefree/lint/rules/*.py)

.PHONY: run test lint typecheck unit e2e bench docs clean speedups

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[speedups]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,speedups]'
	touch $@ $(VENV)/.installed

# Optional: the ingest readers and merger, and the linter's core, compiled with mypyc (less
# CPU on big imports and lint runs). Without a C compiler the build says so and Blamefree
# stays pure Python.
$(VENV)/.speedups: $(SPEEDUP_SOURCES) | $(VENV)/.installed
	-$(BIN)/python tools/speedups.py build
	touch $@

speedups: $(VENV)/.speedups

## make run: install, create and migrate ./blamefree.db, load the examples once, serve :8000
run: $(VENV)/.installed $(VENV)/.speedups
	$(BIN)/blamefree serve --seed --host 127.0.0.1 --port 8000

## make test: install dev tools, then lint, type-check and run every test
test: $(VENV)/.dev-installed lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed $(VENV)/.speedups
	$(BIN)/pytest -n 2 --dist loadgroup
	BLAMEFREE_PURE_PYTHON=1 $(BIN)/pytest -n 2 -q tests/ingest tests/lint tests/test_speedups.py

e2e: $(VENV)/.dev-installed
	$(BIN)/pytest -m e2e

clean:
	-$(BIN)/python tools/speedups.py clean
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis blamefree.db*
