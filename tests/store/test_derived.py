"""The store's fast paths keep the data right: derived event columns
(``kept``, ``day``), signatures made beside the analysis, inserts without a
per-row conflict check, and DuckDB stores without secondary indexes."""

from __future__ import annotations

import json

import pytest

from detente.ingest.sources import read_jsonl
from detente.pipeline import ingest_items
from detente.store import Stored, open_store, prepare
from detente.store.stories import text_signature
from tests.store.conftest import EXAMPLES, snapshot


def ingest_file(location: str, path) -> object:
    with open_store(location) as store:
        return ingest_items(read_jsonl(str(path)), store, [str(path)])


def copies(tmp_path, name: str, lines: list[dict]):
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def story_and_copy() -> tuple[dict, dict]:
    story = json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[0])
    copy = {**story, "id": "copy", "publisher": "Another Wire",
            "text": story["text"].replace("on Monday", "on Monday,") + "\n\nReporting by a wire desk."}
    return {**story, "publisher": story.get("publisher") or "First Wire"}, copy


def check_derived(location: str) -> int:
    """Every event's kept flag says whether it is its happening's kept
    report, and its day is its date, else its article's; returns how many
    events are kept."""
    with open_store(location) as store:
        rows = store.backend.rows(
            'SELECT e."article_key", e."id", e."kept", e."day", e."date", a."date", h."article_key", h."event_id" '
            'FROM "events" e JOIN "articles" a ON a."article_key" = e."article_key" '
            'LEFT JOIN "happenings" h ON h."id" = e."happening"')
        happenings = store.backend.rows('SELECT COUNT(*) FROM "happenings"')[0][0]
    assert rows
    for key, event, kept, day, date, article_date, kept_key, kept_event in rows:
        assert kept == ((kept_key, kept_event) == (key, event)), (key, event)
        assert day == (date or article_date), (key, event)
    assert sum(row[2] for row in rows) == happenings
    return happenings


def test_kept_and_day_are_right_after_one_run_and_after_a_copy_arrives_later(db, tmp_path, story_and_copy):
    story, copy = story_and_copy
    ingest_file(db, EXAMPLES)
    before = check_derived(db)
    ingest_file(db, copies(tmp_path, "copy.jsonl", [copy]))  # a later run: the stored story's happenings move
    assert check_derived(db) == before  # the copy adds reports, not happenings
    with open_store(db) as store:
        two = store.backend.rows('SELECT COUNT(*) FROM "happenings" WHERE "num_articles" = 2')[0][0]
    assert two > 0


def test_derive_recomputes_what_a_bulk_load_left_empty(db, tmp_path, story_and_copy):
    ingest_file(db, copies(tmp_path, "two.jsonl", list(story_and_copy)))
    written = snapshot(db)
    with open_store(db) as store:
        store.backend.execute('UPDATE "events" SET "kept" = NULL, "day" = NULL')
        store.derive()
    assert snapshot(db) == written


def test_a_store_made_before_the_derived_columns_gets_them_filled_on_open(db, tmp_path, story_and_copy):
    ingest_file(db, copies(tmp_path, "two.jsonl", list(story_and_copy)))
    written = snapshot(db)
    with open_store(db) as store:
        for column in ("kept", "day"):
            store.backend.execute(f'ALTER TABLE "events" DROP COLUMN "{column}"')
    assert snapshot(db) == written  # opening migrated it back, filled from the stored rows


def test_signatures_made_beside_the_analysis_equal_the_writers(db, tmp_path):
    ingest_file(db, EXAMPLES)  # the engine made them with prepare()
    with open_store(db) as store:
        stored = dict(store.backend.rows('SELECT s."article_key", s."minhash" FROM "signatures" s'))
        texts = dict(store.backend.rows('SELECT "article_key", "text" FROM "articles"'))
    assert len(stored) == 6
    assert all(bytes(stored[key]) == text_signature(texts[key]) for key in stored)


def test_an_article_given_twice_in_one_batch_is_written_once(db):
    from detente.analysis import analyze_many
    from detente.schema import Article

    article = Article(text=json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[1])["text"], id="x")
    analysis = next(iter(analyze_many([article.model_copy(update={"id": "k1"})])))
    with open_store(db) as store:
        run = store.start_run(["test"])
        events = store.write([prepare("k1", article, analysis), Stored("k1", article, analysis)], run)
        assert events == len(analysis.events) > 0
        assert store.write([Stored("k1", article, analysis)], run) == 0
        counts = [store.backend.rows(f'SELECT COUNT(*) FROM "{table}" WHERE "article_key" = ?', ("k1",))[0][0]
                  for table in ("articles", "events", "signatures")]
    assert counts == [1, len(analysis.events), 1]


def test_duckdb_stores_keep_no_secondary_index_and_lose_old_ones(tmp_path):
    location = str(tmp_path / "old.duckdb")
    with open_store(location) as store:
        assert store.backend.rows("SELECT COUNT(*) FROM duckdb_indexes()")[0][0] == 0
        store.backend.execute('CREATE INDEX "events_type_idx" ON "events" ("type")')  # as stores made earlier had
    with open_store(location) as store:
        assert store.backend.rows("SELECT COUNT(*) FROM duckdb_indexes()")[0][0] == 0


def test_postgres_stores_keep_their_secondary_indexes(postgres_url):
    with open_store(postgres_url) as store:
        names = {row[0] for row in store.backend.rows(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '%_idx'")}
    assert {"events_source_country_target_country_day_idx", "happenings_story_idx"} <= names


def test_two_stores_writing_one_duckdb_file_at_once_get_a_clear_error_and_lose_nothing(tmp_path):
    """Fresh rows skip the conflict check; if a second Store in the same
    process stored the same article meanwhile, the batch is refused whole."""
    from detente.analysis import analyze_many
    from detente.errors import StoreError
    from detente.schema import Article

    location = str(tmp_path / "two.duckdb")
    article = Article(text=json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[2])["text"], id="x")
    analysis = next(iter(analyze_many([article.model_copy(update={"id": "k1"})])))
    with open_store(location) as first, open_store(location) as second:
        item = prepare("k1", article, analysis)
        first_run, second_run = first.start_run(["first"]), second.start_run(["second"])
        assert second.known(["k1"]) == set()  # both see the article as new ...
        first.write([item], first_run)
        second.known = lambda keys: set()  # ... and the second still thinks so when it writes
        with pytest.raises(StoreError, match="stored meanwhile by another writer"):
            second.write([item], second_run)
        assert second.backend.rows('SELECT COUNT(*) FROM "articles"')[0][0] == 1
        assert second.backend.rows('SELECT COUNT(*) FROM "events"')[0][0] == len(analysis.events)


def test_postgres_writes_go_on_after_a_batch_was_rolled_back(postgres_url):
    """Rows reach PostgreSQL through session staging tables; a batch rolled
    back (here: the first, which made them) must not break the next one."""
    import psycopg

    from detente.analysis import analyze_many
    from detente.schema import Article

    texts = [json.loads(line)["text"] for line in EXAMPLES.read_text(encoding="utf-8").splitlines()[:2]]
    articles = [Article(text=text, id=f"x{n}") for n, text in enumerate(texts)]
    analyses = list(analyze_many([a.model_copy(update={"id": f"k{n}"}) for n, a in enumerate(articles)]))
    items = [prepare(f"k{n}", a, analysis) for n, (a, analysis) in enumerate(zip(articles, analyses))]
    with open_store(postgres_url) as store:
        run = store.start_run(["test"])
        store.backend.execute('ALTER TABLE "themes" ADD CONSTRAINT "no_themes" CHECK (false)')
        with pytest.raises(psycopg.errors.CheckViolation):
            store.write(items[:1], run)  # rolled back inside the themes insert
        store.backend.execute('ALTER TABLE "themes" DROP CONSTRAINT "no_themes"')
        assert store.write(items, run) == sum(len(a.events) for a in analyses)
        assert store.backend.rows('SELECT COUNT(*) FROM "articles"')[0][0] == 2
        assert store.backend.rows('SELECT COUNT(*) FROM "themes"')[0][0] == sum(len(a.themes) for a in analyses)
