"""`ingest --workers N`: N analysing processes, one writer, the same rows."""

from __future__ import annotations

from detente.ingest.sources import read_jsonl
from detente.pipeline import ingest_items
from detente.scale import InProcess, Processes
from detente.store import open_store
from tests.store.conftest import corpus_subset, snapshot


def ingest_with(engine, path, location) -> object:
    with open_store(location) as store:
        return ingest_items(read_jsonl(str(path)), store, [str(path)], engine=engine, commit_every=4)


def test_two_workers_store_exactly_what_one_process_stores(tmp_path):
    path = corpus_subset(tmp_path / "articles.jsonl", 16)
    one, two = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    first = ingest_with(InProcess(), path, one)
    second = ingest_with(Processes(2), path, two)
    assert (second.articles, second.events) == (first.articles, first.events) == (16, first.events)
    assert snapshot(two) == snapshot(one)
