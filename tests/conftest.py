"""Shared fixtures. Data under ../shared is read in place, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "blinken_shanghai.txt"
CORPUS = SHARED / "corpus" / "news.jsonl"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared data folder sits beside the repository)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need(SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text):
    import detente

    return detente.analyze(seed_text, date="2024-04-25", title="Blinken in Shanghai")


@pytest.fixture(scope="session")
def analyze():
    """analyze(text, date=...) -> Analysis, with the model loaded once."""
    import detente

    def run(text: str, date: str | None = "2024-04-25"):
        return detente.analyze(text, date=date)

    return run


def codes(analysis) -> set[tuple]:
    """(source code, type, target code, modality) of every event."""
    return {(e.source.code, e.type, e.target.code if e.target else None, e.modality) for e in analysis.events}


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a throwaway PostgreSQL server (see tests/pgserver.py)."""
    import os

    from tests.pgserver import NoServer, Server

    if os.environ.get("DETENTE_TEST_POSTGRES"):
        yield os.environ["DETENTE_TEST_POSTGRES"]
        return
    try:
        server = Server()
        url = server.start()
    except NoServer as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL tests must run in CI, but no server could be started: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield url
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the throwaway server for each test."""
    import uuid

    import psycopg

    name = "t" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return postgres_server.rsplit("/", 1)[0] + "/" + name
