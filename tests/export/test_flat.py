"""CSV, Parquet and JSON lines: the stored events with article and happening columns."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from detente import query
from detente.export import export
from detente.store import tables


@pytest.fixture(scope="module")
def exported(store_db, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("flat")
    return {fmt: export(store_db, fmt, folder / f"events.{fmt}") for fmt in ("csv", "parquet", "jsonl")}


def test_every_stored_event_with_its_article_and_counts(exported, store_db):
    frame = pd.read_csv(exported["csv"].path, dtype=str, keep_default_na=False)
    expected = query.events(store_db)
    assert exported["csv"].rows == len(frame) == len(expected) > 0
    event_columns = [c.name for c in tables.EVENTS.columns]
    assert list(frame.columns[:len(event_columns)]) == event_columns
    for column in ("article_url", "article_publisher", "article_date", "num_mentions", "num_articles",
                   "num_sources"):
        assert column in frame.columns
    assert frame.date.str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    assert frame.day.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()  # the date, else the article's: always there
    assert set(frame.kept) == {"True", "False"} and frame[frame.kept == "True"].happening.is_unique
    assert set(frame.quad_class) <= {"1", "2", "3", "4"}  # integers, not 1.0
    meeting = frame[frame.location_name == "Beijing"]
    assert len(meeting) == 2 and set(meeting.num_articles) == {"2"}  # both reports, one happening
    assert meeting.happening.nunique() == 1


def test_parquet_holds_the_same_rows(exported):
    csv = pd.read_csv(exported["csv"].path, dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(exported["parquet"].path)
    assert list(parquet.columns) == list(csv.columns) and len(parquet) == len(csv)
    assert str(parquet.quad_class.dtype) == "Int64"
    assert [str(d) for d in parquet.date] == [d or "None" for d in csv.date]


def test_jsonl_has_lists_and_iso_dates(exported):
    records = [json.loads(line) for line in exported["jsonl"].path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == exported["csv"].rows
    assert all(isinstance(r["contexts"], list) for r in records)
    assert {r["article_date"] for r in records} >= {"2024-04-26", "2024-03-18"}


def test_filters_apply(store_db, tmp_path):
    summary = export(store_db, "csv", tmp_path / "us.csv", source="USA")
    frame = pd.read_csv(summary.path, dtype=str, keep_default_na=False)
    assert set(frame.source_country) == {"USA"}
