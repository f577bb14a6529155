"""An ingest killed with SIGKILL at any moment and run again ends with
exactly the rows of an uninterrupted run, on DuckDB and on PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from tests.store.conftest import corpus_subset, snapshot

ARTICLES = 24
COMMIT_EVERY = 3


def ingest_command(path, db) -> list[str]:
    return [sys.executable, "-m", "detente", "ingest", str(path), "--db", db, "--commit-every", str(COMMIT_EVERY)]


def run_to_the_end(path, db) -> None:
    done = subprocess.run(ingest_command(path, db), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def kill_mid_ingest(path, db, after_batches: int) -> None:
    """Start an ingest and SIGKILL it a random moment after a number of
    committed batches (each prints a progress line), inside a later batch."""
    process = subprocess.Popen(ingest_command(path, db), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        committed = 0
        while committed < after_batches:
            line = process.stderr.readline()
            assert line, "the ingest ended before it could be killed"
            committed += "stored" in line
        time.sleep(random.uniform(0.0, 0.6))
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def stored_articles(db) -> int:
    return len(snapshot(db)["articles"])


def test_killed_ingest_rerun_equals_an_uninterrupted_one(db, tmp_path):
    path = corpus_subset(tmp_path / "articles.jsonl", ARTICLES)
    reference = str(tmp_path / "reference.duckdb")
    run_to_the_end(path, reference)
    expected = snapshot(reference)
    assert len(expected["articles"]) == ARTICLES and expected["events"]

    kill_mid_ingest(path, db, after_batches=2)
    partial = stored_articles(db)
    assert 0 < partial < ARTICLES and partial % COMMIT_EVERY == 0  # whole batches only
    run_to_the_end(path, db)
    assert snapshot(db) == expected

    run_to_the_end(path, db)  # and once more: nothing changes
    assert snapshot(db) == expected
