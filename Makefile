# Two commands: `make demo` and `make test`. Everything else is set up on the way.
# Every install reads the lock (constraints.txt), so a whole term runs on one set of
# versions; a failed install stops the build: no output filter, nothing that ignores failure.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
LOCK := constraints.txt
# Grading and tests: the course (editable), the grading-only answer key, test tools.
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# A trainee's install: the course only. The answer key is never installed here.
TRAINEE_VENV := .venv-trainee
TRAINEE_BIN := $(CURDIR)/$(TRAINEE_VENV)/bin
# nbgrader shells out to alembic, so the venv's bin must be on PATH.
export PATH := $(BIN):$(PATH)
PIP_INSTALL = --disable-pip-version-check --quiet install --constraint $(CURDIR)/$(LOCK)
# Runs from outside the checkout, so an import cannot succeed from the working tree.
IMPORT_CHECK = cd /tmp &&

.PHONY: setup setup-test sysdeps-test demo test check lint format bench lab cohorts lock clean

$(VENV)/.grading: pyproject.toml answer_key/pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip $(PIP_INSTALL) -e '.[author,test]' -e ./answer_key
	$(IMPORT_CHECK) $(BIN)/python -c "import course, answer_key, jupytext, pytest, playwright"
	touch $@

$(TRAINEE_VENV)/.venv: pyproject.toml $(LOCK)
	rm -rf $(TRAINEE_VENV)
	$(PYTHON) -m venv $(TRAINEE_VENV)
	touch $@

# Reinstalled whenever the course changes, so `make lab` after an update runs the new
# course. Built from a private copy: setuptools builds in the source tree (build/,
# *.egg-info), and a trainee's folder gets only what the README names.
TRAINEE_SOURCES := pyproject.toml README.md $(shell find course -type f -not -path '*/__pycache__/*')
$(TRAINEE_VENV)/.trainee: $(TRAINEE_VENV)/.venv $(TRAINEE_SOURCES)
	rm -rf $(TRAINEE_VENV)/src
	mkdir -p $(TRAINEE_VENV)/src
	cp -r pyproject.toml README.md course $(TRAINEE_VENV)/src/
	$(TRAINEE_BIN)/pip --disable-pip-version-check --quiet uninstall --yes alliance-course
	$(TRAINEE_BIN)/pip $(PIP_INSTALL) $(CURDIR)/$(TRAINEE_VENV)/src
	$(IMPORT_CHECK) $(TRAINEE_BIN)/python -c "import course, nbgrader, jupyterlab"
	$(IMPORT_CHECK) ! $(TRAINEE_BIN)/python -c "import answer_key" 2>/dev/null
	touch $@

setup: $(VENV)/.grading

setup-test: $(VENV)/.grading sysdeps-test

sysdeps-test:
	scripts/install-system-deps.sh chromium bubblewrap postgresql npm
	# The JupyterHub test's site (hub, proxy, trainee and grader installs); it needs root,
	# as the hub does, and the test skips without it.
	if [ "$$(id -u)" -eq 0 ]; then scripts/install-hub.sh /tmp/alliance-hub-test; fi

# Grading runs trainees' code in bubblewrap; the demo uses it when it can run here.
demo: setup
	scripts/install-system-deps.sh bubblewrap
	$(BIN)/alliance-course demo --trainees 24

lint: $(VENV)/.grading
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.grading
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The fast lane: lint, unit tests and doctests (no nbgrader runs, browser or sandbox).
check: lint
	$(BIN)/python -m pytest -n 2 -q -m "not (e2e or browser or adversarial or slow)"

test: setup-test lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=25

bench: setup-test
	$(BIN)/python -m benchmarks

# A trainee's JupyterLab: the trainee install only (no answer key), on the student copy.
# `make lab ID=YOUR_STUDENT_ID` also sets the trainee id (once per computer);
# `make lab ARGS="--no-browser --port=8899"` passes options on to JupyterLab.
lab: $(TRAINEE_VENV)/.trainee
	$(if $(ID),$(TRAINEE_BIN)/alliance-course whoami set '$(ID)')
	$(TRAINEE_BIN)/alliance-course lab $(ARGS)

cohorts: setup
	$(BIN)/alliance-course simulate --cohorts

# Re-resolve the lock after changing a dependency in pyproject.toml. Resolved for Python
# 3.11.2 (Debian 12's python3, the oldest 3.11 a trainee's machine is likely to have),
# so no locked release needs a newer 3.11 than the trainee has.
lock: $(VENV)/.grading
	$(BIN)/pip $(PIP_INSTALL) uv
	$(BIN)/uv pip compile pyproject.toml --extra author --extra test --no-header --quiet \
		--python-version 3.11.2 --python-platform x86_64-unknown-linux-gnu -o $(LOCK)

clean:
	rm -rf $(VENV) $(TRAINEE_VENV) instructor demo-output tests/artifacts .pytest_cache .ruff_cache
