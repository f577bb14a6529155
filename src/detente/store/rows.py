"""One analysed article as rows of the store's tables.

Rows are built from the records' own fields in the tables' column order
(``tables.record_columns`` flattened them), so a field added to a record
reaches the store without code here.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from pydantic import BaseModel

from detente.schema import Actor, Analysis, Article, Event, Evidence, Place, Quote, Theme, Tone
from detente.store import tables as t


def flatten(record: BaseModel | None, model: type[BaseModel], prefix: str = "",
            skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's values keyed by column name (None throughout for an absent
    record), nested records flattened as ``tables.record_columns`` does."""
    values: dict[str, Any] = {}
    for name, column, nested in _plan(model, prefix, skip):
        value = getattr(record, name) if record is not None else None
        if nested is not None:
            values.update(flatten(value, nested, column))
        else:
            values[column] = _cell(value)
    return values


@cache
def _plan(model: type[BaseModel], prefix: str, skip: tuple[str, ...]) -> tuple[tuple[str, str, Any], ...]:
    """(field, column or nested prefix, nested record type or None) per field:
    worked out once per record type, not for every row."""
    plan = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        kind = t.column_kind(info.annotation)
        nested = kind if isinstance(kind, type) else None
        plan.append((name, f"{prefix}{name}_" if nested else prefix + name, nested))
    return tuple(plan)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps([v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value],
                          ensure_ascii=False)
    return value


def _row(table: t.Table, values: dict[str, Any]) -> tuple:
    return tuple(values.get(name) for name in table.names)


def article_rows(key: str, article: Article, analysis: Analysis, run_id: int, minhash: bytes | None, *,
                 story: str, seq: int, happening: dict[tuple[str, str], str]) -> dict[str, list[tuple]]:
    """Rows for every table an article writes, keyed by table name;
    ``happening`` maps (article key, event id) to the event's happening."""
    head = {"article_key": key}
    article_values = {**head, **flatten(article, Article, skip=("id",)), "external_id": article.id,
                      **flatten(analysis.tone, Tone, "tone_"),
                      "story": story, "seq": seq, "run_id": run_id, "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                      "analysis": analysis.model_dump_json()}
    rows = {
        "articles": [_row(t.ARTICLES, article_values)],
        "actors": [_row(t.ACTORS, {**head, **flatten(a, Actor)}) for a in analysis.actors],
        "events": [_row(t.EVENTS, {**head, **flatten(e, Event, skip=("mentions",)),
                                   "happening": happening.get((key, e.id))}) for e in analysis.events],
        "event_mentions": [_row(t.EVENT_MENTIONS, {**head, "event_id": e.id, "n": n,
                                                   **flatten(m, Evidence, "evidence_")})
                           for e in analysis.events for n, m in enumerate(e.mentions, 1)],
        "places": [_row(t.PLACES, {**head, **flatten(p, Place)}) for p in analysis.places],
        "quotes": [_row(t.QUOTES, {**head, "n": n, **flatten(q, Quote)}) for n, q in enumerate(analysis.quotes, 1)],
        "themes": [_row(t.THEMES, {**head, **flatten(th, Theme)}) for th in analysis.themes],
    }
    rows["signatures"] = [(key, minhash)] if minhash is not None else []
    return rows
