"""The store on both backends: schema from the records, exactly-once
ingest, near-duplicate stories, queries."""

from __future__ import annotations

import json

import pytest

from detente import query
from detente.errors import QueryError, StoreError
from detente.ingest.sources import read_jsonl
from detente.pipeline import ingest_items
from detente.schema import Event
from detente.store import open_store, tables
from tests.store.conftest import EXAMPLES, snapshot


def ingest_file(location: str, path) -> object:
    with open_store(location) as store:
        return ingest_items(read_jsonl(str(path)), store, [str(path)])


def test_tables_follow_the_record_types(db):
    with open_store(db) as store:
        columns = store.backend.table_columns("events")
    for name in ("type", "mode", "cameo", "goldstein", "quad_class", "modality", "source_code", "target_country",
                 "location_lat", "evidence_sentence", "evidence_start", "date_precision", "background", "happening"):
        assert name in columns
    assert len(columns) == len(tables.EVENTS.columns)
    assert set(Event.model_fields) - {"mentions", "source", "target", "location", "evidence"} <= set(columns)


def test_ingest_stores_every_article_once_and_a_rerun_adds_nothing(db):
    first = ingest_file(db, EXAMPLES)
    assert first.articles == 6 and first.events > 10 and not first.skipped
    before = snapshot(db)
    again = ingest_file(db, EXAMPLES)
    assert (again.articles, again.events, dict(again.skipped)) == (0, 0, {"already stored": 6})
    assert snapshot(db) == before


def test_offsets_and_codes_survive_the_round_trip(db):
    ingest_file(db, EXAMPLES)
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in EXAMPLES.open(encoding="utf-8")}
    with open_store(db) as store:
        rows = store.backend.rows(
            'SELECT a."external_id", e."evidence_start", e."evidence_end", e."evidence_sentence", e."cameo_root", '
            'e."quad_class" FROM "events" e JOIN "articles" a ON a."article_key" = e."article_key"')
    assert rows
    for external_id, start, end, sentence, root, quad in rows:
        assert texts[external_id][start:end] == sentence
        assert root is None or (len(root) == 2 and quad in (1, 2, 3, 4))


def test_near_duplicate_copies_become_one_happening(db, tmp_path):
    story = json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[0])
    copy = {**story, "id": "copy", "publisher": "Another Wire",
            "text": story["text"].replace("on Monday", "on Monday,") + "\n\nReporting by a wire desk."}
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps({**r, "publisher": r.get("publisher") or "First Wire"})
                              for r in (story, copy)) + "\n", encoding="utf-8")
    summary = ingest_file(db, path)
    assert summary.articles == 2
    with open_store(db) as store:
        stories = store.backend.rows('SELECT DISTINCT "story" FROM "articles"')
        counts = store.backend.rows('SELECT "num_articles", "num_sources" FROM "happenings"')
        unlinked = store.backend.rows('SELECT COUNT(*) FROM "events" WHERE "happening" IS NULL')[0][0]
    assert len(stories) == 1
    assert counts and all(row == (2, 2) for row in counts)
    assert unlinked == 0


def test_queries_filter_by_dyad_type_and_date(db):
    ingest_file(db, EXAMPLES)
    everything = query.events(db)
    assert len(everything) > 10
    consult = query.events(db, type="consult")
    assert len(consult) and set(consult["type"]) == {"CONSULT"}
    german = query.events(db, source="DEU")
    assert len(german) and set(german["source_country"]) == {"DEU"}
    both = query.events(db, source="DEU", target="IND", both=True)
    assert {tuple(r) for r in both[["source_country", "target_country"]].values} <= {("DEU", "IND"), ("IND", "DEU")}
    assert len(query.events(db, since="2100-01-01")) == 0
    assert len(query.articles(db)) == 6
    assert "Annalena Baerbock" in set(query.actors(db, country="DEU")["name"])


@pytest.mark.parametrize("filters, words", [
    ({"source": "XYZ"}, "no known country code"),
    ({"type": "PARTY"}, "not a PLOVER event type"),
    ({"since": "last week"}, "is not a date"),
    ({"since": "2024-02-01", "until": "2024-01-01"}, "swap them"),
    ({"source": "USA' OR 1=1 --"}, "not an actor code"),
])
def test_bad_filters_are_clear_errors(db, filters, words):
    with pytest.raises(QueryError, match=words):
        query.events(db, **filters)


def test_a_database_from_a_newer_detente_is_refused(tmp_path):
    location = str(tmp_path / "new.duckdb")
    with open_store(location) as store:
        store.backend.execute('UPDATE "meta" SET "value" = ? WHERE "name" = ?', ("999", "schema_version"))
    with pytest.raises(StoreError, match="newer detente"):
        open_store(location)


def test_new_record_fields_are_added_to_old_databases(tmp_path):
    location = str(tmp_path / "old.duckdb")
    with open_store(location) as store:
        store.backend.execute('ALTER TABLE "quotes" DROP COLUMN "verb"')
    with open_store(location) as store:
        assert "verb" in store.backend.table_columns("quotes")


def test_an_unreachable_postgres_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
