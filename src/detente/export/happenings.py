"""One row per happening, as the GDELT and POLECAT exports need it.

A happening (``happenings`` table) is one event however many articles
report it; its row is the kept (most detailed) report's event joined with
that report's article, the happening's counts, the average tone and first
ingest time over all its articles, where the report is first told in its
article (for GDELT's IsRootEvent), and the place and actors it names.

Filters are checked by ``detente.query`` (same messages, same parameters)
and apply to the kept report, as ``detente events`` applies them to events.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from detente.errors import QueryError
from detente.query import Where, check_modality, check_type, date_filter, dyad_filter

# Characters of the article read to find its lead sentences (IsRootEvent):
# two sentences of wire copy fit with room to spare.
LEAD_CHARS = 2000

_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")

_SELECT = f"""
WITH reports AS (
  SELECT DISTINCT "happening", "article_key" FROM "events" WHERE "happening" IS NOT NULL),
seen AS (
  SELECT r."happening", AVG(a2."tone_tone") AS avg_tone, MIN(a2."ingested_at") AS first_added
  FROM reports r JOIN "articles" a2 ON a2."article_key" = r."article_key" GROUP BY r."happening"),
retold AS (
  SELECT "article_key", "event_id", MIN("evidence_start") AS first_start FROM "event_mentions"
  GROUP BY "article_key", "event_id")
SELECT h."id" AS happening_id, h."num_mentions" AS num_mentions, h."num_articles" AS num_articles,
  h."num_sources" AS num_sources, e.*, a."url" AS article_url, a."publisher" AS article_publisher,
  a."date" AS article_date, a."language" AS article_language, a."ingested_at" AS article_ingested_at,
  SUBSTR(a."text", 1, {LEAD_CHARS}) AS article_lead, a."tone_tone" AS article_tone, seen.avg_tone AS avg_tone,
  seen.first_added AS first_added, retold.first_start AS mention_start,
  p."kind" AS location_kind, p."geonameid" AS location_geonameid, p."mentions" AS location_mentions,
  s."kind" AS source_kind, s."role" AS source_role, s."mentions" AS source_mentions,
  t."kind" AS target_kind, t."role" AS target_role, t."mentions" AS target_mentions
FROM "happenings" h
JOIN "events" e ON e."article_key" = h."article_key" AND e."id" = h."event_id"
JOIN "articles" a ON a."article_key" = e."article_key"
LEFT JOIN seen ON seen."happening" = h."id"
LEFT JOIN retold ON retold."article_key" = e."article_key" AND retold."event_id" = e."id"
LEFT JOIN "places" p ON p."article_key" = e."article_key" AND p."id" = e."location_id"
LEFT JOIN "actors" s ON s."article_key" = e."article_key" AND s."id" = e."source_id"
LEFT JOIN "actors" t ON t."article_key" = e."article_key" AND t."id" = e."target_id"
"""

_ORDER = ' ORDER BY COALESCE(e."date", a."date") NULLS LAST, a."seq", e."id"'


def build_where(*, source=None, target=None, type=None, since=None, until=None, modality=None,
                include_background: bool = False, default_modality: str | None = None) -> Where:
    """The checked filters on a report ``e`` of article ``a``. ``modality``
    "all" takes every modality; None takes ``default_modality`` (None: all)."""
    where = Where()
    dyad_filter(where, source, target, False)
    if type:
        where.add('e."type" = ?', check_type(type))
    chosen = default_modality if modality is None else modality
    if chosen and chosen.lower() != "all":
        where.add('e."modality" = ?', check_modality(chosen))
    if not include_background:
        where.add('NOT e."background"')
    date_filter(where, 'COALESCE(e."date", a."date")', since, until)
    return where


def happening_rows(store, where: Where) -> list[dict[str, Any]]:
    """The happenings whose kept report matches ``where``, oldest first,
    as dicts with missing values as None (DuckDB gives NaN/NaT, PostgreSQL None)."""
    frame = store.backend.frame(_SELECT + where.sql() + _ORDER, where.params)
    return [{k: blank(v) for k, v in row.items()} for row in frame.to_dict("records")]


def blank(value: Any) -> Any:
    """None for every flavour of missing (None, NaN, NaT, pandas NA)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NaT or value is pd.NA:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return value


def day(value: Any) -> dt.date | None:
    """A date from a date, datetime or pandas Timestamp (None stays None)."""
    value = blank(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # pandas Timestamp is a datetime too
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise QueryError(f"unexpected date value {value!r} in the store; check the store with detente articles")


def moment(value: Any) -> dt.datetime | None:
    value = blank(value)
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def integer(value: Any) -> int | None:
    value = blank(value)
    return None if value is None else int(value)


def event_day(row: dict[str, Any]) -> dt.date | None:
    """The event's date, else its article's (as GDELT dates an event by its report)."""
    return day(row.get("date")) or day(row.get("article_date"))


def clean(value: Any) -> str:
    """A cell for a tab-separated file: '' for missing, no tabs or line breaks."""
    value = blank(value)
    if value is None:
        return ""
    return _BREAKS.sub(" ", value) if isinstance(value, str) else str(value)
