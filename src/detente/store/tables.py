"""The store's tables, derived from the record types in ``detente.schema``.

There is one schema: a stored event has exactly the fields of ``Event``, a
stored actor those of ``Actor``, and so on. Nested records are flattened
with a prefix (``Event.source.code`` → ``source_code``, ``Event.evidence.start``
→ ``evidence_start``); lists of strings and of character spans are kept as
JSON text; lists of records that users query (an event's other mentions) get
their own table. Adding a field to a record adds a column, which
``migrate`` adds to existing databases.

Every data table is keyed by ``article_key`` (the stored article's identity,
see ``detente.store.identity``) so that an article and everything found in
it are written, and never duplicated, together.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from detente.schema import Actor, Article, Event, Evidence, Place, Quote, Record, Theme, Tone

# Bumped when a change is more than added columns (which migrate adds itself).
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, int, float, bool, date, timestamp, bytes, json


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


_SCALARS = {str: "text", int: "int", float: "float", bool: "bool", dt.date: "date", bytes: "bytes"}


def column_kind(annotation) -> str | type[BaseModel]:
    """The column kind of a field annotation, or the record type to flatten."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return column_kind(args[0])
    if origin is typing.Literal:
        return "text"
    if origin is list:
        return "json"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return _SCALARS[annotation]


def record_columns(model: type[Record], prefix: str = "", skip: tuple[str, ...] = ()) -> list[Column]:
    """Columns for a record's fields, nested records flattened with a prefix."""
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        kind = column_kind(info.annotation)
        if isinstance(kind, type):
            columns.extend(record_columns(kind, f"{prefix}{name}_"))
        else:
            columns.append(Column(prefix + name, kind))
    return columns


def _cols(*specs: tuple[str, str]) -> list[Column]:
    return [Column(name, kind) for name, kind in specs]


ARTICLE_KEY = Column("article_key", "text")

ARTICLES = Table(
    "articles",
    (ARTICLE_KEY, *_cols(("external_id", "text")), *record_columns(Article, skip=("id",)),
     *record_columns(Tone, "tone_"),
     *_cols(("story", "text"), ("seq", "int"), ("run_id", "int"), ("ingested_at", "timestamp"),
           ("analysis", "json"))),
    key=("article_key",), indexes=(("date",), ("story",)),
)
ACTORS = Table("actors", (ARTICLE_KEY, *record_columns(Actor)), key=("article_key", "id"),
               indexes=(("code",), ("country",)))
# Besides the Event's own fields, an event row says which happening it
# reports, whether it is that happening's kept report (the one every count
# reads), and its day: its own date, else its article's. Both are derived,
# kept on the row so that analytics over millions of events read one table
# (docs/store.md).
EVENTS = Table(
    "events", (ARTICLE_KEY, *record_columns(Event, skip=("mentions",)),
               *_cols(("happening", "text"), ("kept", "bool"), ("day", "date"))),
    key=("article_key", "id"),
    indexes=(("source_country", "target_country", "day"), ("type",), ("day",), ("happening",)),
)
EVENT_MENTIONS = Table(
    "event_mentions", (ARTICLE_KEY, *_cols(("event_id", "text"), ("n", "int")),
                       *record_columns(Evidence, "evidence_")),
    key=("article_key", "event_id", "n"),
)
PLACES = Table("places", (ARTICLE_KEY, *record_columns(Place)), key=("article_key", "id"),
               indexes=(("country",),))
QUOTES = Table("quotes", (ARTICLE_KEY, Column("n", "int"), *record_columns(Quote)), key=("article_key", "n"))
THEMES = Table("themes", (ARTICLE_KEY, *record_columns(Theme)), key=("article_key", "theme"),
               indexes=(("theme",),))
HAPPENINGS = Table(
    "happenings",
    _cols(("id", "text"), ("story", "text"), ("article_key", "text"), ("event_id", "text"),
          ("num_mentions", "int"), ("num_articles", "int"), ("num_sources", "int")),
    key=("id",), indexes=(("story",), ("article_key", "event_id")),
)
SIGNATURES = Table("signatures", (ARTICLE_KEY, Column("minhash", "bytes")), key=("article_key",))
INGEST_RUNS = Table(
    "ingest_runs",
    _cols(("id", "int"), ("started_at", "timestamp"), ("finished_at", "timestamp"), ("sources", "json"),
          ("status", "text"), ("read", "int"), ("skipped", "int"), ("articles", "int"), ("events", "int")),
    key=("id",),
)
SKIPPED = Table(
    "skipped", _cols(("run_id", "int"), ("n", "int"), ("item", "text"), ("reason", "text"), ("message", "text")),
    key=("run_id", "n"),
)
FEED_ITEMS = Table("feed_items", _cols(("feed", "text"), ("item", "text"), ("seen_at", "timestamp")),
                   key=("feed", "item"))
META = Table("meta", _cols(("name", "text"), ("value", "text")), key=("name",))

# Children of an article, written in the same transaction as the article.
ARTICLE_TABLES = (ARTICLES, ACTORS, EVENTS, EVENT_MENTIONS, PLACES, QUOTES, THEMES, SIGNATURES)
ALL_TABLES = (*ARTICLE_TABLES, HAPPENINGS, INGEST_RUNS, SKIPPED, FEED_ITEMS, META)
