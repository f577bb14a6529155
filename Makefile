# Quickstart targets: `make demo` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test gold gold-baseline enrichment-baseline bench bench-extract docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "detente needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The example articles go into the default store (./detente.duckdb); a second
# run stores nothing new. Then the stored events, newest first.
demo: install
	$(VENV)/bin/detente ingest examples/articles.jsonl
	$(VENV)/bin/detente events --limit 25
	@echo "Dashboard: $(VENV)/bin/detente serve, then open http://127.0.0.1:8000/ (docs/dashboard.md)"

test: install
	$(PY) -m pytest

gold: install
	$(VENV)/bin/detente evaluate tests/gold/gold.jsonl

# Ingest end to end vs bare spaCy, workers, RSS, store writes, 1M/10M-event
# queries (benchmarks/README.md; about 10 minutes; BENCH_ARGS=--quick for 2).
bench: install
	$(PY) benchmarks/bench_ingest.py $(BENCH_ARGS)

bench-extract: install
	$(PY) benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

gold-baseline: install
	$(VENV)/bin/detente evaluate tests/gold/gold.jsonl --write-baseline tests/gold/baseline.json

docs: install
	$(PY) scripts/cli_docs.py

enrichment-baseline: install
	$(PY) -m detente.enrichment_eval tests/gold/enrichment.jsonl --write-baseline tests/gold/enrichment_baseline.json
