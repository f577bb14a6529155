"""The store: DuckDB by default, PostgreSQL for teams, one schema for both.

    store = open_store()                      # ./detente.duckdb
    store = open_store("postgresql://...")    # or a PostgreSQL database
    store.write(batch, run_id)                # atomic: all of a batch or none

Exactly once: an article's key is its URL or a hash of its normalised text
(``identity.article_key``); every table is keyed by it and written with
``ON CONFLICT DO NOTHING`` inside one transaction per batch, so a batch
killed half-way leaves nothing behind and a rerun writes what is missing.
Near-duplicate stories are matched against the whole store and their
events merged into happenings (``stories.py``, ``detente.merge``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass

from detente.errors import StoreError, StoreVersionError
from detente.merge import merge_reports
from detente.schema import Analysis, Article, MergedEvent
from detente.store import tables as t
from detente.store.backends import TYPES, Backend, connect, quote, unique_rows
from detente.store.identity import article_key
from detente.store.rows import batch_rows
from detente.store.stories import StoryIndex, text_signature

__all__ = ["Store", "open_store", "default_db", "article_key", "Stored", "prepare"]

DEFAULT_DB = "detente.duckdb"
# An event's happening and whether it is that happening's kept report.
Link = tuple[str, bool]


def default_db() -> str:
    """``DETENTE_DB`` if set, else detente.duckdb in the working folder."""
    return os.environ.get("DETENTE_DB") or DEFAULT_DB


@dataclass(frozen=True)
class Stored:
    """One article ready to write: its key, the article, its analysis and
    its MinHash signature (``stories.text_signature``; None for a text
    without words). ``prepare`` makes one; analysis workers do, so the
    single writer does not spend a millisecond per article hashing."""

    key: str
    article: Article
    analysis: Analysis
    signature: bytes | None = None


def prepare(key: str, article: Article, analysis: Analysis) -> Stored:
    """A Stored item with its signature computed (where the analysis ran)."""
    return Stored(key, article, analysis, text_signature(article.text))


class Store:
    def __init__(self, backend: Backend, location: str):
        self.backend = backend
        self.location = location
        self.stories = StoryIndex(backend)

    # --- schema ----------------------------------------------------------------

    def migrate(self) -> None:
        """Create missing tables and add columns that newer record types have."""
        types = TYPES[self.backend.dialect]
        self._check_version()
        for table in t.ALL_TABLES:
            existing = self.backend.table_columns(table.name)
            if not existing:
                self.backend.execute(_create_sql(table, types))
                for columns in self._indexes(table):
                    self.backend.execute(_index_sql(table, columns))
                continue
            for column in table.columns:
                if column.name not in existing:
                    self.backend.execute(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} "
                                         f"{types[column.kind]}")
                    for sql in DERIVED.get((table.name, column.name), ()):
                        self.backend.execute(sql)
        self._drop_duckdb_indexes()
        if self._version() != t.SCHEMA_VERSION:  # write only when it changes: opening is no write
            self.backend.execute('DELETE FROM "meta" WHERE "name" = ?', ("schema_version",))
            self.backend.execute('INSERT INTO "meta" VALUES (?, ?)', ("schema_version", str(t.SCHEMA_VERSION)))

    def _indexes(self, table: t.Table) -> tuple[tuple[str, ...], ...]:
        """Secondary indexes, on PostgreSQL only. DuckDB answers filters and
        joins by scanning (zone maps, hash joins) and uses an ART index only
        for point lookups, while keeping one up to date cost 46 ms of a 55 ms
        64-article write of "happenings" alone (measured); primary keys stay."""
        return table.indexes if self.backend.dialect == "postgres" else ()

    def _drop_duckdb_indexes(self) -> None:
        """DuckDB stores made before the change above lose their secondary
        indexes (looked up first: opening a current store writes nothing)."""
        if self.backend.dialect != "duckdb":
            return
        tables = [table.name for table in t.ALL_TABLES]
        marks = ", ".join("?" for _ in tables)
        for (name,) in self.backend.rows(f"SELECT index_name FROM duckdb_indexes() WHERE index_name LIKE '%_idx' "
                                         f"AND table_name IN ({marks})", tables):
            self.backend.execute(f"DROP INDEX IF EXISTS {quote(name)}")

    def _version(self) -> int | None:
        if not self.backend.table_columns("meta"):
            return None
        rows = self.backend.rows('SELECT "value" FROM "meta" WHERE "name" = ?', ("schema_version",))
        return int(rows[0][0]) if rows else None

    def _check_version(self) -> None:
        version = self._version()
        if version is not None and version > t.SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.location}: written by a newer detente (schema {version}, this one knows "
                f"{t.SCHEMA_VERSION}); upgrade detente (pip install -U detente)")

    # --- writing ----------------------------------------------------------------

    def known(self, keys: Iterable[str]) -> set[str]:
        """Which of these article keys are stored already."""
        keys = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            found |= {r[0] for r in self.backend.rows(
                f'SELECT "article_key" FROM "articles" WHERE "article_key" IN ({marks})', chunk)}
        return found

    def write(self, batch: list[Stored], run_id: int) -> int:
        """Store a batch atomically; returns the number of events written.
        Articles already stored are left as they are."""
        stored = self.known(item.key for item in batch)
        fresh: dict[str, Stored] = {}
        for item in batch:  # the first of an article given twice, as a rerun would keep
            if item.key not in stored:
                fresh.setdefault(item.key, item)
        batch = list(fresh.values())
        if not batch:
            return 0
        try:
            with self.backend.transaction():
                events = self._write(batch, run_id)
        except BaseException:
            self.stories.forget()  # the index saw articles that were rolled back
            raise
        return events

    def _write(self, batch: list[Stored], run_id: int) -> int:
        seq = self.backend.rows('SELECT COALESCE(MAX("seq"), 0) FROM "articles"')[0][0]
        # Items made without prepare() get their signature here (a text
        # without words has none either way, and costs nothing to re-check).
        batch = [item if item.signature is not None else prepare(item.key, item.article, item.analysis)
                 for item in batch]
        stories: dict[str, str] = {}
        for item in batch:
            story, bridged = self.stories.assign(item.key, item.signature)
            self._relabel(bridged, story)
            stories.update({k: story for k, s in stories.items() if s in bridged})
            stories[item.key] = story
        links = self._merge_stories(stories, batch)
        seqs = {item.key: seq + offset for offset, item in enumerate(batch, 1)}
        rows = batch_rows(batch, run_id, stories=stories, seqs=seqs, links=links)
        # write() took out stored keys and repeats, and a DuckDB file has one
        # writer, so the rows are fresh (PostgreSQL checks conflicts anyway).
        for table in t.ARTICLE_TABLES:
            self.backend.insert(table, unique_rows(table, rows[table.name]), fresh=True)
        return sum(len(item.analysis.events) for item in batch)

    def _relabel(self, stories: list[str], story: str) -> None:
        for other in stories:
            self.backend.execute('UPDATE "articles" SET "story" = ? WHERE "story" = ?', (story, other))
            self.backend.execute('DELETE FROM "happenings" WHERE "story" = ?', (other,))

    def _merge_stories(self, stories: dict[str, str], batch: list[Stored]) -> dict[tuple[str, str], Link]:
        """Happenings of every story the batch touches, from all its articles
        (stored ones too); returns (article key, event id) → (happening id,
        whether it is the happening's kept report) for the batch's events,
        and updates stored events whose happening or kept report moved.

        A story named after one of the batch's own articles has no stored
        article (a story is named after its first article), so only the
        others are read back, in one query."""
        new = {item.key: item.analysis.model_copy(update={"id": item.key}) for item in batch}
        old = self._stored_analyses([s for s in dict.fromkeys(stories.values()) if s not in new])
        members: dict[str, list[Analysis]] = {story: list(analyses) for story, analyses in old.items()}
        for key, analysis in new.items():
            members.setdefault(stories[key], []).append(analysis)
        links: dict[tuple[str, str], Link] = {}
        happenings: list[tuple] = []
        for story, analyses in members.items():
            ids = [a.id for a in analyses]
            merged = merge_reports(analyses, [ids] if len(ids) > 1 else [])
            happenings += [_happening_row(story, m, reports[0]) for m, reports in merged]
            links.update({report: (m.id, n == 0) for m, reports in merged for n, report in enumerate(reports)})
        self._replace_happenings(list(old), happenings)
        for (key, event), (happening, kept) in links.items():
            if key not in new:
                self.backend.execute('UPDATE "events" SET "happening" = ?, "kept" = ? WHERE "article_key" = ? '
                                     'AND "id" = ?', (happening, kept, key, event))
        return links

    def _replace_happenings(self, stories: list[str], rows: list[tuple]) -> None:
        for chunk in _chunks(stories, 500):
            marks = ", ".join("?" for _ in chunk)
            self.backend.execute(f'DELETE FROM "happenings" WHERE "story" IN ({marks})', chunk)
        # Happening ids come from their first report, which lies in one story:
        # with the stories' old rows deleted, every row is fresh.
        self.backend.insert(t.HAPPENINGS, unique_rows(t.HAPPENINGS, rows), fresh=True)

    def _stored_analyses(self, stories: list[str]) -> dict[str, list[Analysis]]:
        """The stored articles' analyses of each story, in ingest order."""
        found: dict[str, list[Analysis]] = {story: [] for story in stories}
        for chunk in _chunks(stories, 500):
            marks = ", ".join("?" for _ in chunk)
            rows = self.backend.rows(f'SELECT "story", "article_key", "analysis" FROM "articles" '
                                     f'WHERE "story" IN ({marks}) ORDER BY "seq"', chunk)
            for story, key, analysis in rows:
                found[story].append(Analysis.model_validate_json(analysis).model_copy(update={"id": key}))
        return found

    def derive(self) -> None:
        """Recompute every derived column from the stored rows (see DERIVED)."""
        with self.backend.transaction():
            for statements in DERIVED.values():
                for sql in statements:
                    self.backend.execute(sql)

    # --- runs, skips and feed items ------------------------------------------------

    def start_run(self, sources: list[str]) -> int:
        run_id = self.backend.rows('SELECT COALESCE(MAX("id"), 0) + 1 FROM "ingest_runs"')[0][0]
        self.backend.execute('INSERT INTO "ingest_runs" ("id", "started_at", "sources", "status") VALUES (?, ?, ?, ?)',
                             (run_id, _now(), json.dumps(sources), "running"))
        return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        self.backend.execute(
            'UPDATE "ingest_runs" SET "finished_at" = ?, "status" = ?, "read" = ?, "skipped" = ?, '
            '"articles" = ?, "events" = ? WHERE "id" = ?',
            (_now(), status, counts.get("read", 0), counts.get("skipped", 0), counts.get("articles", 0),
             counts.get("events", 0), run_id))

    def record_skips(self, run_id: int, skips: list[tuple[str, str, str]]) -> None:
        """(item, reason, message) of inputs that were not stored."""
        start = self.backend.rows('SELECT COUNT(*) FROM "skipped" WHERE "run_id" = ?', (run_id,))[0][0]
        self.backend.insert(t.SKIPPED, [(run_id, start + n, *skip) for n, skip in enumerate(skips, 1)])

    def seen_items(self, feed: str) -> set[str]:
        return {r[0] for r in self.backend.rows('SELECT "item" FROM "feed_items" WHERE "feed" = ?', (feed,))}

    def mark_seen(self, feed: str, items: Iterable[str]) -> None:
        self.backend.insert(t.FEED_ITEMS, [(feed, item, _now()) for item in items])

    def merged_events(self, story: str) -> list[MergedEvent]:
        """The happenings of one story as MergedEvents (what merge_events gives)."""
        analyses = self._stored_analyses([story])[story]
        members = [a.id for a in analyses]
        return [m for m, _ in merge_reports(analyses, [members] if len(members) > 1 else [])]

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# How derived columns follow from what a store holds: run when the column is
# added to an existing store, and by ``Store.derive`` after rows were loaded
# by other means than ``write`` (bulk loads, benchmarks, test fixtures).
DERIVED = {
    ("events", "kept"): (
        'UPDATE "events" SET "kept" = FALSE',
        'UPDATE "events" SET "kept" = TRUE FROM "happenings" h '
        'WHERE h."article_key" = "events"."article_key" AND h."event_id" = "events"."id"'),
    ("events", "day"): (
        'UPDATE "events" SET "day" = COALESCE("events"."date", a."date") FROM "articles" a '
        'WHERE a."article_key" = "events"."article_key"',),
}


def _chunks(items: list, size: int) -> Iterable[list]:
    return (items[start:start + size] for start in range(0, len(items), size))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _happening_row(story: str, merged: MergedEvent, kept: tuple[str, str]) -> tuple:
    return (merged.id, story, *kept, merged.num_mentions, merged.num_articles, merged.num_sources)


def _create_sql(table: t.Table, types: dict[str, str]) -> str:
    columns = ", ".join(f"{quote(c.name)} {types[c.kind]}" for c in table.columns)
    key = ", ".join(quote(k) for k in table.key)
    return f"CREATE TABLE IF NOT EXISTS {quote(table.name)} ({columns}, PRIMARY KEY ({key}))"


def _index_sql(table: t.Table, columns: tuple[str, ...]) -> str:
    name = quote(f"{table.name}_{'_'.join(columns)}_idx")
    return f"CREATE INDEX IF NOT EXISTS {name} ON {quote(table.name)} ({', '.join(quote(c) for c in columns)})"


def open_store(db: str | None = None) -> Store:
    """Open (creating and migrating) the store at ``db``: a DuckDB file path,
    ":memory:", or a postgresql:// URL; default ``default_db()``."""
    location = db or default_db()
    backend = connect(location)
    store = Store(backend, location)
    try:
        store.migrate()
    except StoreError:
        backend.close()
        raise
    return store
