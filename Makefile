# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench

$(BIN)/threadline: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/threadline

demo: install
	$(BIN)/threadline demo

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
