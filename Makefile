# dateline's task runner: make install | demo | test | lint | eval | bench
# `make demo` and `make test` each install everything they need on a fresh machine.

# The first Python >= 3.12 found: on PATH, or installed by pyenv but not selected (its shim then refuses to run).
PYTHON ?= $(shell for p in python3.12 python3.13 $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) python3; do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB := dateline/web
EVAL_DATA ?= ../shared/eval

.PHONY: install browser demo test test-fast lint check eval gate bench clean

install: $(STAMP) $(WEB)/node_modules/.installed

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "dateline needs Python >= 3.12 (python3.12 on PATH, or PYTHON=/path/to/python3.12)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -c "from dateline.places import load_gazetteer; load_gazetteer()"  # build the gazetteer cache once
	touch $(STAMP)

$(WEB)/node_modules/.installed: $(WEB)/package.json $(wildcard $(WEB)/package-lock.json)
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

demo: install
	$(BIN)/dateline demo

test: install browser
	$(BIN)/python -m pytest -n 2 --dist loadfile

test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not browser and not slow"

lint: install
	$(BIN)/ruff check dateline tests eval
	$(BIN)/ruff format --check dateline tests eval
	$(BIN)/mypy

# Refuses (exit 2, nothing written) without the gold data: see eval/README.md, "Getting the data".
eval:
	@test -d "$(EVAL_DATA)" || { echo "make eval: no evaluation data at $(EVAL_DATA); eval/README.md (\"Getting the data\") says where each data set comes from; then run make eval EVAL_DATA=/path/to/eval. Nothing was written."; exit 2; }
	@$(MAKE) --no-print-directory install
	$(BIN)/python eval/run_all.py --data $(EVAL_DATA) --write docs/EVALUATION.md

# Fuzz the API against its own OpenAPI (schemathesis) and hold 32 concurrent clients for 60 s (docs/RELIABILITY.md).
check: install
	$(BIN)/python scripts/check_api.py

# The evaluation gate: fails when a pinned score in eval/baseline.json regressed (run after `make eval`).
gate: install
	$(BIN)/python eval/gate.py

bench: install
	$(BIN)/dateline bench

clean:
	rm -rf $(VENV) $(WEB)/node_modules .pytest_cache .mypy_cache .ruff_cache dateline.duckdb
