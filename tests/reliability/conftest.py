"""Reliability fixtures: a small tmpfs that fills up, an uninterrupted
reference ingest to compare with, and per-article row counts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.conftest import built_store, store_copy  # noqa: F401 - the API tests' stores, shared
from tests.store.conftest import corpus_subset, snapshot

ARTICLES = 24
COMMIT_EVERY = 3


def ingest_command(path: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "detente", "ingest", str(path), "--db", db, "--commit-every", str(COMMIT_EVERY)]


def ingest(path: Path, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_command(path, db), capture_output=True, text=True, timeout=600)


def error_lines(stderr: str) -> list[str]:
    """The lines the CLI printed as errors; a traceback would be a bug."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def rows_per_article(location: str) -> dict[tuple[str, str], int]:
    """(table, article key) → rows, for every table keyed by the article."""
    from detente.store import open_store
    from detente.store.tables import ARTICLE_TABLES

    counts = {}
    with open_store(location) as store:
        for table in ARTICLE_TABLES:
            for key, rows in store.backend.rows(
                    f'SELECT "article_key", COUNT(*) FROM "{table.name}" GROUP BY "article_key"'):
                counts[(table.name, key)] = rows
    return counts


def assert_whole_batches(location: str, reference: str) -> int:
    """Only whole committed batches are stored, and each stored article has
    every row an uninterrupted run gave it (no partial article); returns
    the number of stored articles."""
    stored, expected = rows_per_article(location), rows_per_article(reference)
    keys = {key for table, key in stored if table == "articles"}
    assert len(keys) % COMMIT_EVERY == 0, f"{len(keys)} articles: not whole batches of {COMMIT_EVERY}"
    assert {k: n for k, n in expected.items() if k[1] in keys} == stored
    return len(keys)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return corpus_subset(tmp_path_factory.mktemp("input") / "articles.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory) -> tuple[str, dict]:
    """An uninterrupted ingest of ``articles``: its location and snapshot."""
    location = str(tmp_path_factory.mktemp("reference") / "reference.duckdb")
    done = ingest(articles, location)
    assert done.returncode == 0, done.stderr
    expected = snapshot(location)
    assert len(expected["articles"]) == ARTICLES and expected["events"]
    return location, expected


@pytest.fixture
def tmpfs(tmp_path) -> Path:
    """An 8 MB tmpfs, unmounted afterwards. Mounting needs root; elsewhere
    the test skips with the reason, except in CI, where it must run."""
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        reason = f"cannot mount a tmpfs ({(done.stderr or done.stdout).strip()}); the full-disk test needs root"
        if os.environ.get("CI") == "true":
            pytest.fail(f"the full-disk test must run in CI: {reason}")
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path, leave: int) -> Path:
    """A file taking all the space of ``folder``'s device but ``leave`` bytes."""
    stat = os.statvfs(folder)
    filler = folder / "filler"
    size = stat.f_bavail * stat.f_frsize - leave
    with open(filler, "wb") as out:
        for start in range(0, size, 1 << 20):
            out.write(b"\0" * min(1 << 20, size - start))
    return filler
