# Every target sets up its own environment from uv.lock; nothing relies on hand installs.
SHELL := /bin/bash
UV_VERSION := 0.13.9
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PORT ?= 8000
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON := $(PYTHON)
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export AWS_ACCOUNT_ID_ENDPOINT_MODE := disabled
RUN := $(UV) run --frozen --no-sync

.PHONY: setup test lint format run synth layers openapi bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	touch $@

setup: $(VENV)/.synced

test: setup
	$(RUN) pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy layers/core/python/carethread functions infra

format: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# The local runtime: moto embedded, the real handlers, a movable clock (infra/local).
run: setup
	$(RUN) python -m infra.local --port $(PORT)

# Lambda layers for the Lambda platform (pip install --target; no Docker), then synth.
layers: setup
	$(RUN) python -m infra.build_layers

synth: layers
	$(RUN) python -m infra.app

openapi: setup
	PYTHONPATH=layers/core/python:functions $(RUN) python -m api.openapi_export > openapi.json.tmp
	mv openapi.json.tmp openapi.json

bench: setup
	$(RUN) python -m benchmarks

clean:
	rm -rf $(VENV) $(TOOLS) build cdk.out
