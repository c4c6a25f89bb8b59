# Two commands: `make demo` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PYTHON ?= python3
# nbgrader shells out to alembic, so the venv's bin must be on PATH.
export PATH := $(BIN):$(PATH)
PIP := $(BIN)/pip --disable-pip-version-check -q
PIP_FILTER := 2>&1 | grep -v -E 'WARNING: Location|BuildBackendWarning|^\s*$$|!!|\*{10}|corresp\(|return |Please |By 20|See https|with strategy|name as your package|be careful with folders' || true

.PHONY: setup setup-test sysdeps-test demo test lint format bench lab cohorts clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools wheel $(PIP_FILTER)
	$(PIP) install -e . $(PIP_FILTER)
	$(BIN)/python -c "import course" 
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PIP) install -e '.[test]' $(PIP_FILTER)
	$(BIN)/python -c "import pytest, playwright, hypothesis"
	touch $@

setup: $(VENV)/.base

setup-test: $(VENV)/.test sysdeps-test

sysdeps-test:
	scripts/install-system-deps.sh chromium bubblewrap postgresql

# Grading runs trainees' code in bubblewrap; the demo uses it when it can run here.
demo: setup
	scripts/install-system-deps.sh bubblewrap
	$(BIN)/alliance-course demo --trainees 24

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup-test lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: setup-test
	$(BIN)/python -m benchmarks

lab: setup
	$(BIN)/alliance-course lab

cohorts: setup
	$(BIN)/alliance-course simulate --cohorts

clean:
	rm -rf $(VENV) instructor demo-output tests/artifacts .pytest_cache .ruff_cache
