"""Crash safety: a full disk, a second writer and a lost PostgreSQL server
each give one clear error and a non-zero exit, leave only whole committed
batches, and a rerun ends with exactly the rows of an uninterrupted run."""

from __future__ import annotations

import random
import subprocess
import time

import psycopg

from detente.errors import StoreFullError, StoreLockedError
from detente.store import open_store
from tests.reliability.conftest import ARTICLES, assert_whole_batches, error_lines, fill, ingest, ingest_command
from tests.store.conftest import snapshot


def test_full_disk_is_a_clear_error_and_a_rerun_completes(articles, reference, tmpfs):
    location = str(tmpfs / "store.duckdb")
    open_store(location).close()
    # About 300 kB left: a few batches fit, the rest of the 24 articles do not.
    filler = fill(tmpfs, leave=300_000)
    done = ingest(articles, location)
    assert done.returncode == StoreFullError.exit_code == 4, done.stderr
    assert error_lines(done.stderr) == [
        f"error: {location}: no space left on the device holding the store; free space or use --db elsewhere "
        "(the batch being written was rolled back)"]

    filler.unlink()  # space freed: the same store opens and holds whole batches only
    assert assert_whole_batches(location, reference[0]) < ARTICLES
    rerun = ingest(articles, location)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(location) == reference[1]


def test_second_writer_is_refused_and_the_first_finishes(articles, reference, tmp_path):
    location = str(tmp_path / "store.duckdb")
    first = subprocess.Popen(ingest_command(articles, location), stderr=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, text=True)
    try:
        line = first.stderr.readline()  # the first committed batch: the store is open and held
        assert "stored" in line, line
        second = ingest(articles, location)
        rest = first.communicate(timeout=600)[1]
    finally:
        first.kill()
        first.wait()
    assert second.returncode == StoreLockedError.exit_code == 4, second.stderr
    assert error_lines(second.stderr) == [
        f"error: {location}: the database is in use by another process (DuckDB allows one writer); "
        "wait for it to finish, or give another --db"]
    assert first.returncode == 0, rest
    assert snapshot(location) == reference[1]


def terminate_connections(url: str) -> int:
    """End every other session on the database, as a server shutting down
    does (SIGTERM to each backend): the ingest's transaction dies mid-batch."""
    with psycopg.connect(url, autocommit=True) as con:
        return len(con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall())


def test_postgres_batch_failing_mid_transaction_leaves_nothing_partial(articles, reference, postgres_url):
    process = subprocess.Popen(ingest_command(articles, postgres_url), stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True)
    try:
        committed = 0
        while committed < 2:
            line = process.stderr.readline()
            assert line, "the ingest ended before its connection could be cut"
            committed += "stored" in line
        time.sleep(random.uniform(0.0, 0.6))
        assert terminate_connections(postgres_url) >= 1
        stderr = process.communicate(timeout=600)[1]
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 4, stderr
    [message] = error_lines(stderr)
    assert message.startswith("error: postgresql://") and "lost the connection to PostgreSQL" in message, message

    assert 2 * 3 <= assert_whole_batches(postgres_url, reference[0]) < ARTICLES
    rerun = ingest(articles, postgres_url)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(postgres_url) == reference[1]
