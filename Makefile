# peacewatch: one command each. `make run` runs the service on a local broker, `make test`
# runs every test against a real broker of its own. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KAFKA_PORT ?= 9092
KAFKA_DIR ?= .local/kafka
COMPILED := .local/compiled/.stamp
LAUNCHER := $(BIN)/python deploy/kafka/launcher.py --port $(KAFKA_PORT) --dir $(KAFKA_DIR)

.PHONY: venv compile run test lint kafka-up kafka-down kafka-status bench chaos fuzz eval clean schemas

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(BIN)/.installed

# the extractor's reading modules compiled with mypyc (about twice as fast), rebuilt when a
# source changes; without a C compiler they run as pure Python (see README)
$(COMPILED): $(BIN)/.installed $(shell find services schemas -name '*.py') deploy/scripts/compile.py
	@$(BIN)/python deploy/scripts/compile.py
	@touch $@

compile: $(COMPILED)

run: compile
	@bash deploy/scripts/run.sh $(ARGS)

test: compile
	@bash deploy/scripts/test.sh

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

kafka-up: venv
	$(BIN)/python deploy/kafka/launcher.py up --port $(KAFKA_PORT) --dir $(KAFKA_DIR)

kafka-down: venv
	$(BIN)/python deploy/kafka/launcher.py down --port $(KAFKA_PORT) --dir $(KAFKA_DIR)

kafka-status: venv
	$(BIN)/python deploy/kafka/launcher.py status --port $(KAFKA_PORT) --dir $(KAFKA_DIR)

schemas: venv
	$(BIN)/peacewatch schemas export

eval: compile
	@# every labelled set in tests/data: dev, held-out, and the unseen sets (see README)
	$(BIN)/peacewatch eval $(shell ls tests/data/*.jsonl | sort -V)

bench: compile
	@# a fresh broker of its own each time: topics left by earlier runs skew the figures
	@rm -rf .local/kafka-bench
	@PEACEWATCH_TEST_KAFKA_PORT=19095 PEACEWATCH_TEST_KAFKA_DIR=.local/kafka-bench \
		bash deploy/scripts/with-test-broker.sh $(BIN)/python -m bench $(if $(QUICK),--quick,) $(if $(ONLY),--only $(ONLY),)

chaos: compile
	@bash deploy/scripts/with-test-broker.sh $(BIN)/pytest -q -s -m broker tests/broker/test_chaos.py --chaos-full

fuzz: compile
	@bash deploy/scripts/with-test-broker.sh $(BIN)/pytest -q -s tests/broker/test_fuzz.py --fuzz-records 10000

clean:
	rm -rf $(VENV) .local .mypy_cache .ruff_cache .pytest_cache
