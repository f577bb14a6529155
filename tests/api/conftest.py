"""A real store built from examples/articles.jsonl (plus one article with a
URL, whose key holds ':' and '/'), served by the real app through
FastAPI's TestClient."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "articles.jsonl"
TOKEN = "test-token-0123456789abcdef"
URL_ARTICLE = {
    "id": "ex-url",
    "url": "https://Example.org/world/2024/05/blinken-beijing/?utm_source=feed",
    "title": "Blinken meets Wang Yi in Beijing",
    "date": "2024-04-26",
    "publisher": "Example Wire",
    "text": ("US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Friday. "
             "Blinken warned China against supplying Russia's war effort in Ukraine, and Wang accused "
             "Washington of interfering in China's internal affairs."),
}
PARAGRAPH = ("German Foreign Minister Annalena Baerbock arrived in New Delhi on Monday for a two-day visit. "
             "She held talks with Indian External Affairs Minister Subrahmanyam Jaishankar, and the two "
             "ministers signed an agreement on migration.")


def build_store(location: str) -> None:
    from detente.ingest.sources import read_jsonl
    from detente.pipeline import ingest_items
    from detente.schema import Article
    from detente.store import open_store

    with open_store(location) as store:
        ingest_items(read_jsonl(str(EXAMPLES)), store, [str(EXAMPLES)])
        ingest_items([Article(**URL_ARTICLE)], store, ["url article"])


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("api") / "built.duckdb"
    build_store(str(path))
    return str(path)


@pytest.fixture
def store_copy(built_store, tmp_path) -> str:
    """A private copy of the built store, for tests that write."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(built_store, path)
    return str(path)


def make_client(db: str, **options):
    from fastapi.testclient import TestClient

    from detente.api import create_app

    return TestClient(create_app(db, **options))


@pytest.fixture(scope="module")
def client(built_store, tmp_path_factory):
    """A read-only server over a copy of the built store, shared by a module's tests."""
    path = tmp_path_factory.mktemp("read") / "read.duckdb"
    shutil.copy(built_store, path)
    with make_client(str(path)) as test_client:
        yield test_client


def table_counts(location: str) -> dict[str, int]:
    from detente.store import open_store
    from detente.store.tables import ALL_TABLES

    with open_store(location) as store:
        return {t.name: store.backend.rows(f'SELECT COUNT(*) FROM "{t.name}"')[0][0] for t in ALL_TABLES}
