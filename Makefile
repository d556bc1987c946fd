# The verbs a newcomer needs. Every target creates the virtualenv from
# uv.lock first, so a fresh machine needs only `make demo` / `make test`.
SHELL := /bin/bash
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
ARTEFACTS := models/artefacts
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
# glibc gives every thread that allocates its own heap arena (up to 8 per core) and keeps
# freed memory in each; the flow process runs Prefect's and Dask's threads, so two arenas
# keep its peak about 50 MiB lower at 1M comments (`make bench`). Served runs inherit it.
export MALLOC_ARENA_MAX ?= 2

.PHONY: install train demo test bench lint format clean server

$(BIN)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	uv sync --frozen
	@touch $@

install: $(BIN)/.synced ## create .venv from uv.lock

$(ARTEFACTS)/manifest.json: $(BIN)/.synced $(wildcard models/corpus/*.jsonl) $(wildcard models/*.py) models/configs/textcat.cfg
	$(BIN)/coachlens train

train: $(ARTEFACTS)/manifest.json ## build the classifiers (deterministic) and models/MODEL_CARD.md

demo: train ## generate demo data and run the monthly flow on it
	$(BIN)/coachlens demo

test: train ## run the test suite
	$(BIN)/pytest

N ?= 1000000

bench: train ## classify throughput, then the whole flow end to end on N comments (make bench N=100000)
	$(BIN)/python -m models.bench
	$(BIN)/python -m pipelines.bench --n $(N)

server: train ## local Prefect server (own SQLite) serving the monthly + analyst-rerun deployments
	$(BIN)/coachlens serve --start-server --port $${PREFECT_SERVER_PORT:-4200}

lint: install ## ruff + mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(ARTEFACTS) var .pytest_cache .mypy_cache .ruff_cache
