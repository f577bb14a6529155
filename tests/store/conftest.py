"""Store fixtures: the same tests run on DuckDB and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, need

EXAMPLES = ROOT / "examples" / "articles.jsonl"
DATA_TABLES = ("articles", "actors", "events", "event_mentions", "places", "quotes", "themes", "happenings",
               "signatures")
# Columns that describe the run, not the data: they differ between runs.
RUN_COLUMNS = {"run_id", "ingested_at"}


@pytest.fixture(params=["duckdb", "postgres"])
def db(request, tmp_path):
    """A store location on each backend (a fresh database each time)."""
    if request.param == "duckdb":
        return str(tmp_path / "test.duckdb")
    return request.getfixturevalue("postgres_url")


def corpus_subset(path: Path, count: int, publisher: str = "Reuters", skip: int = 0) -> Path:
    """The first ``count`` articles of one publisher from the shared corpus."""
    rows = []
    with open(need(CORPUS), encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("source") == publisher:
                rows.append(line)
            if len(rows) >= count + skip:
                break
    path.write_text("".join(rows[skip:]), encoding="utf-8")
    return path


def snapshot(location: str) -> dict[str, list[tuple]]:
    """Every data table's rows, sorted, without the run's own columns."""
    from detente.store import open_store

    with open_store(location) as store:
        tables = {}
        for name in DATA_TABLES:
            columns = [c for c in store.backend.table_columns(name) if c not in RUN_COLUMNS]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = store.backend.rows(f'SELECT {select} FROM "{name}"')
            tables[name] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
        return tables


def _plain(value):
    return bytes(value) if isinstance(value, memoryview | bytearray) else value
