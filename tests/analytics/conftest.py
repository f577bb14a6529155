"""Stores for the analytics tests.

``news_db``: short realistic articles written for these tests, ingested for
real: a US-China economic meeting (week of 1 April 2024), sanctions and
China's protest (week of 8 April), the Xi-Blinken meeting run by two
outlets (week of 22 April: one happening per direction, two articles each)
and an accusation over tariffs (week of 13 May). Weeks 15 April, 29 April
and 6 May have nothing.

``synthetic``: rows written straight into ``articles``, ``events`` and
``happenings`` through the store's backend, so counts are exact.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

ARTICLES = [
    {"id": "yellen", "date": "2024-04-02", "publisher": "Reuters", "title": "Yellen meets Chinese vice premier",
     "url": "https://www.reuters.com/world/yellen-meets-he-lifeng",
     "text": "GUANGZHOU (Reuters) - U.S. Treasury Secretary Janet Yellen met Chinese Vice Premier He Lifeng in "
             "Guangzhou on Tuesday. The two sides agreed to hold further talks on balanced growth, a Treasury "
             "official said."},
    {"id": "sanctions", "date": "2024-04-10", "publisher": "Reuters", "title": "China condemns U.S. sanctions",
     "url": "https://www.reuters.com/world/china-condemns-us-sanctions",
     "text": "BEIJING (Reuters) - China on Wednesday condemned new U.S. sanctions on Chinese companies, calling "
             "them illegal. The United States imposed sanctions on five Chinese firms on Tuesday over their "
             "support for Russia's military."},
    {"id": "blinken-reuters", "date": "2024-04-26", "publisher": "Reuters", "title": "Xi meets Blinken",
     "url": "https://www.reuters.com/world/xi-meets-blinken",
     "text": "BEIJING (Reuters) - Chinese President Xi Jinping met U.S. Secretary of State Antony Blinken in "
             "Beijing on Friday. Blinken later met Foreign Minister Wang Yi for more than five hours of talks."},
    {"id": "blinken-ap", "date": "2024-04-26", "publisher": "AP", "title": "Xi meets Blinken in Beijing",
     "url": "https://apnews.com/article/xi-blinken",
     "text": "BEIJING (AP) - Chinese President Xi Jinping met U.S. Secretary of State Antony Blinken in "
             "Beijing on Friday. Blinken later met Foreign Minister Wang Yi for more than five hours of talks."},
    {"id": "tariffs", "date": "2024-05-14", "publisher": "Reuters", "title": "China accuses U.S. of hypocrisy",
     "url": "https://www.reuters.com/world/china-accuses-us",
     "text": "BEIJING (Reuters) - China accused the United States on Tuesday of hypocrisy over its new tariffs "
             "on Chinese electric vehicles."},
]


def build_news(location: str, folder: Path) -> str:
    """Ingest ARTICLES into the store at ``location`` as ``detente ingest`` does."""
    from detente.pipeline import ingest

    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    summary = ingest([str(path)], db=location)
    assert summary.articles == len(ARTICLES), summary
    return location


@pytest.fixture(scope="session")
def news_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("analytics_news")
    return build_news(str(folder / "news.duckdb"), folder)


def insert_synthetic(location: str, events: list[dict]) -> str:
    """One happening per item of ``events`` (keys: day, source, target,
    quad, goldstein, and optionally tone, modality, background, copies =
    how many articles report it, source_code, target_code)."""
    from detente.store import open_store
    from detente.store import tables as t

    articles, rows, happenings = [], [], []
    for n, event in enumerate(events):
        day = dt.date.fromisoformat(event["day"]) if isinstance(event["day"], str) else event["day"]
        happening = f"h{n}"
        for copy in range(event.get("copies", 1)):
            key = f"synthetic:{n}:{copy}"
            articles.append(_row(t.ARTICLES, article_key=key, date=day, seq=len(articles) + 1, story=happening,
                                 tone_tone=event.get("tone", 0.0)))
            rows.append(_row(t.EVENTS, article_key=key, id="e1", type="CONSULT", date=day,
                             source_country=event["source"], target_country=event["target"],
                             source_code=event.get("source_code", event["source"]),
                             target_code=event.get("target_code", event["target"]),
                             quad_class=event["quad"], goldstein=event["goldstein"], tone=event.get("tone", 0.0),
                             modality=event.get("modality", "asserted"), background=event.get("background", False),
                             confidence=1.0, happening=happening))
        happenings.append(_row(t.HAPPENINGS, id=happening, story=happening, article_key=f"synthetic:{n}:0",
                               event_id="e1", num_mentions=event.get("copies", 1),
                               num_articles=event.get("copies", 1), num_sources=event.get("copies", 1)))
    with open_store(location) as store:
        for table, table_rows in ((t.ARTICLES, articles), (t.EVENTS, rows), (t.HAPPENINGS, happenings)):
            store.backend.insert(table, table_rows)
        store.derive()
    return location


def _row(table, **values) -> tuple:
    unknown = set(values) - set(table.names)
    assert not unknown, f"no such columns in {table.name}: {unknown}"
    return tuple(values.get(name) for name in table.names)


def weekly(start: str, counts: list[int], source: str = "USA", target: str = "CHN", quad: int = 4,
           goldstein: float = -5.0) -> list[dict]:
    """``counts[i]`` happenings on the Tuesday of the i-th week from ``start`` (a Monday)."""
    monday = dt.date.fromisoformat(start)
    return [{"day": monday + dt.timedelta(days=7 * week + 1), "source": source, "target": target, "quad": quad,
             "goldstein": goldstein} for week, count in enumerate(counts) for _ in range(count)]


@pytest.fixture(params=["duckdb", "postgres"])
def backend_db(request, tmp_path):
    """An empty store location on each backend."""
    if request.param == "duckdb":
        return str(tmp_path / "analytics.duckdb")
    return request.getfixturevalue("postgres_url")
