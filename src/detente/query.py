"""Ask the store: events, articles and actors, as pandas DataFrames.

    events(source="USA", target="CHN", type="CONSULT", since="2024-01-01")

Each filter is checked before it reaches SQL (an unknown country or PLOVER
type is an error that says what is known), and every value is a bound
parameter. A three-letter ``source``/``target`` is a country and matches
every actor of it (``USA`` matches USAGOV, USAMIL, ...); a longer code
matches that code exactly. ``both=True`` takes the dyad in both directions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from detente.errors import QueryError
from detente.store import open_store

MAX_LIMIT = 1_000_000


@dataclass
class Where:
    """A WHERE clause built from checked filters, with its parameters."""

    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.parts) if self.parts else ""


def parse_day(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--{name} {value!r} is not a date; write YYYY-MM-DD, e.g. 2024-01-31") from None


def check_actor_code(code: str, name: str) -> str:
    """A country (USA), an actor code (USAGOV) or a country-less sector code
    (IGO, NGO), upper-cased."""
    from detente.actors.lexicon import country_lexicon
    from detente.ontology import sectors

    code = code.strip().upper()
    if not code.isalnum() or len(code) < 3:
        raise QueryError(f"--{name} {code!r} is not an actor code; give a country (USA) or a code (USAGOV)")
    if code[:3] not in country_lexicon().by_iso3() and code[:3] not in sectors():
        raise QueryError(f"--{name} {code!r}: {code[:3]} is no known country code; use ISO 3166 alpha-3, e.g. USA, CHN")
    return code


def check_type(value: str) -> str:
    from detente.ontology import plover_types

    known = plover_types()
    if value.upper() not in known:
        raise QueryError(f"--type {value!r} is not a PLOVER event type; one of {', '.join(sorted(known))}")
    return value.upper()


def side_filter(where: Where, side: str, code: str) -> None:
    """``side`` (source or target) is the checked ``code``: a country matches
    every actor of it, a longer or sector code that code exactly."""
    from detente.ontology import sectors

    column = "country" if len(code) == 3 and code not in sectors() else "code"
    where.add(f'e."{side}_{column}" = ?', code)


def dyad_filter(where: Where, source: str | None, target: str | None, both: bool) -> None:
    if not both or not (source and target):
        if source:
            side_filter(where, "source", check_actor_code(source, "source"))
        if target:
            side_filter(where, "target", check_actor_code(target, "target"))
        return
    a, b = check_actor_code(source, "source"), check_actor_code(target, "target")
    forward, backward = Where(), Where()
    side_filter(forward, "source", a), side_filter(forward, "target", b)
    side_filter(backward, "source", b), side_filter(backward, "target", a)
    where.add(f"(({' AND '.join(forward.parts)}) OR ({' AND '.join(backward.parts)}))",
              *forward.params, *backward.params)


def check_limit(limit: int | None) -> int:
    if limit is None:
        return MAX_LIMIT
    if limit < 1:
        raise QueryError(f"--limit {limit} must be at least 1")
    return min(limit, MAX_LIMIT)


def events(db: str | None = None, *, source: str | None = None, target: str | None = None,
           type: str | None = None, modality: str | None = None, since: str | dt.date | None = None,
           until: str | dt.date | None = None, both: bool = False, include_background: bool = False,
           limit: int | None = None):
    """Stored events matching the filters, newest first, with their article's
    URL, publisher and date and their happening's report counts."""
    where = Where()
    dyad_filter(where, source, target, both)
    if type:
        where.add('e."type" = ?', check_type(type))
    if modality:
        where.add('e."modality" = ?', check_modality(modality))
    if not include_background:
        where.add('NOT e."background"')
    date_filter(where, 'COALESCE(e."date", a."date")', since, until)
    sql = ('SELECT e.*, a."url" AS article_url, a."publisher" AS article_publisher, a."date" AS article_date, '
           'h."num_mentions", h."num_articles", h."num_sources" FROM "events" e '
           'JOIN "articles" a ON a."article_key" = e."article_key" '
           'LEFT JOIN "happenings" h ON h."id" = e."happening"'
           f'{where.sql()} ORDER BY COALESCE(e."date", a."date") DESC NULLS LAST, a."seq", e."id" LIMIT ?')
    with open_store(db) as store:
        return store.backend.frame(sql, [*where.params, check_limit(limit)])


def check_modality(value: str) -> str:
    allowed = ("asserted", "future", "negated", "hypothetical")
    if value.lower() not in allowed:
        raise QueryError(f"--modality {value!r}: one of {', '.join(allowed)}")
    return value.lower()


def date_filter(where: Where, column: str, since, until) -> None:
    since, until = parse_day(since, "since"), parse_day(until, "until")
    if since and until and since > until:
        raise QueryError(f"--since {since} is after --until {until}; swap them")
    if since:
        where.add(f"{column} >= ?", since)
    if until:
        where.add(f"{column} <= ?", until)


def articles(db: str | None = None, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
             publisher: str | None = None, search: str | None = None, limit: int | None = None):
    """Stored articles (without their text) with their event counts."""
    where = Where()
    date_filter(where, 'a."date"', since, until)
    if publisher:
        where.add('lower(a."publisher") = ?', publisher.lower())
    if search:
        where.add('lower(a."title") LIKE ?', f"%{search.lower()}%")
    sql = ('SELECT a."article_key", a."external_id", a."date", a."publisher", a."title", a."url", a."language", '
           'a."tone_tone" AS tone, a."story", (SELECT COUNT(*) FROM "events" e WHERE e."article_key" = a."article_key") '
           f'AS events FROM "articles" a{where.sql()} ORDER BY a."date" DESC NULLS LAST, a."seq" LIMIT ?')
    with open_store(db) as store:
        return store.backend.frame(sql, [*where.params, check_limit(limit)])


def actors(db: str | None = None, *, country: str | None = None, code: str | None = None,
           kind: str | None = None, limit: int | None = None):
    """Actors across stored articles, one row per name and code, with how
    many articles and events name them."""
    where = Where()
    if country:
        where.add('c."country" = ?', check_actor_code(country, "country")[:3])
    if code:
        where.add('c."code" = ?', check_actor_code(code, "code"))
    if kind:
        where.add('c."kind" = ?', kind.lower())
    sql = ('WITH acted AS (SELECT "source_name" AS name, "source_code" AS code, COUNT(*) AS events '
           'FROM "events" GROUP BY 1, 2) '
           'SELECT c."name", c."code", c."country", c."sector", c."kind", COUNT(DISTINCT c."article_key") AS articles, '
           'COALESCE(MAX(acted.events), 0) AS events FROM "actors" c '
           'LEFT JOIN acted ON acted.name = c."name" AND acted.code = c."code"'
           f'{where.sql()} GROUP BY c."name", c."code", c."country", c."sector", c."kind" '
           'ORDER BY articles DESC, c."name" LIMIT ?')
    with open_store(db) as store:
        return store.backend.frame(sql, [*where.params, check_limit(limit)])
