"""Stores built from short realistic articles written for these tests.

Two outlets run the same Reuters-style story of a meeting in Beijing (near
duplicates: one happening, two articles, two sources); a UN Security
Council statement (a known international group); police arrests in
Chicago (a US city, an article without a URL).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MEETING = (
    "BEIJING (Reuters) - Chinese President Xi Jinping met U.S. Secretary of State Antony Blinken in Beijing "
    "on Friday, as the two countries tried to steady ties strained by disputes over trade and Taiwan. "
    "Xi told Blinken that China and the United States should be partners rather than rivals, according to "
    "state media. Blinken said he had raised concerns about Chinese support for Russia's defence industry. "
    "The talks at the Great Hall of the People lasted about 80 minutes, a State Department official said. "
    "Blinken later met Foreign Minister Wang Yi for more than five hours of talks that both sides described "
    "as candid. He is due to leave China on Saturday after a three-day visit.")
# The same story as another agency runs it: its own dateline, one word changed.
COPY = MEETING.replace("BEIJING (Reuters) -", "BEIJING (AP) -").replace("about 80 minutes", "roughly 80 minutes")
UN = (
    "UNITED NATIONS (Reuters) - The United Nations Security Council condemned North Korea on Monday over its "
    "latest ballistic missile launch, which landed in waters off Japan. Diplomats said the council would "
    "meet again later this week to discuss further steps. North Korea's envoy rejected the statement.")
PROTEST = (
    "CHICAGO (Reuters) - Police arrested dozens of protesters in Chicago on Tuesday after a march against "
    "the war in Gaza blocked a highway near the city centre, officials said. Organisers said the march "
    "would continue on Wednesday.")

REUTERS_URL = "https://www.reuters.com/world/xi-meets-blinken"
AP_URL = "https://apnews.com/article/xi-blinken-beijing"
UN_URL = "https://www.reuters.com/world/un-north-korea"
ARTICLES = [
    {"id": "meeting-reuters", "date": "2024-04-26", "publisher": "Reuters", "url": REUTERS_URL,
     "title": "Xi meets Blinken", "text": MEETING},
    {"id": "meeting-ap", "date": "2024-04-26", "publisher": "AP", "url": AP_URL,
     "title": "Xi meets Blinken in Beijing", "text": COPY},
    {"id": "un-korea", "date": "2024-03-18", "publisher": "Reuters", "url": UN_URL,
     "title": "UN council condemns launch", "text": UN},
    {"id": "chicago", "date": "2024-05-14", "publisher": "Reuters", "title": "Arrests in Chicago", "text": PROTEST},
]


def build_store(location: str, folder: Path) -> str:
    """Ingest ARTICLES into the store at ``location``; returns the location."""
    from detente.ingest.sources import read_jsonl
    from detente.pipeline import ingest_items
    from detente.store import open_store

    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with open_store(location) as store:
        ingest_items(read_jsonl(str(path)), store, [str(path)])
    return location


@pytest.fixture(scope="session")
def store_db(tmp_path_factory) -> str:
    """A DuckDB store holding ARTICLES (built once; tests only read it)."""
    folder = tmp_path_factory.mktemp("export_store")
    return build_store(str(folder / "news.duckdb"), folder)
