# belowtheline — developer commands. Needs Python 3.11+, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: install dev demo test test-fast bench lint typecheck clean

install: $(VENV)/.installed   ## the package and what `btl analyze` needs

$(VENV)/.venv-created:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.venv-created pyproject.toml
	$(PIP) install -q -e .
	touch $@

dev: $(VENV)/.dev-installed   ## plus test, lint, type-check and benchmark tools

$(VENV)/.dev-installed: $(VENV)/.installed pyproject.toml
	$(PIP) install -q -e '.[dev]'
	touch $@

demo: install   ## analyse the bundled example captures
	$(BIN)/btl analyze examples/ --out out/
	@echo "Open the report: out/report.html (JSON per document in out/)"

test: dev   ## the whole test suite, quality gates included
	$(BIN)/python -m pytest

test-fast: dev
	$(BIN)/python -m pytest -x -q -m "not shared_data"

$(VENV)/.bench-installed: $(VENV)/.dev-installed pyproject.toml
	$(PIP) install -q -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench-installed   ## speed and quality benchmarks (baselines alt-profanity-check, textacy, trafilatura in the same run)
	$(BIN)/python benchmarks/run_all.py

lint: dev
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
