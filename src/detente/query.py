"""Ask the store: events, articles, actors and places, as pandas DataFrames.

    events(source="USA", target="CHN", type="CONSULT", since="2024-01-01")
    events(source="USA", sort="-goldstein", offset=100, limit=100)   # a page
    count("events", source="USA")                                     # rows matching, for page totals

Each filter is checked before it reaches SQL (an unknown country or PLOVER
type is an error that says what is known), and every value is a bound
parameter. A three-letter ``source``/``target`` is a country and matches
every actor of it (``USA`` matches USAGOV, USAMIL, ...); a longer code
matches that code exactly. ``both=True`` takes the dyad in both directions.

``db`` is a DuckDB path or postgresql:// URL (opened and closed per call),
or an open ``Store`` (used as it is and left open: a server keeps one per
request instead of migrating the store on every query).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from detente.errors import QueryError
from detente.store import Store, open_store

MAX_LIMIT = 1_000_000
# Event orderings by name; ties are broken by ingest order so pages are stable.
EVENT_SORTS = {
    "-date": 'COALESCE(e."date", a."date") DESC NULLS LAST',
    "date": 'COALESCE(e."date", a."date") ASC NULLS LAST',
    "-goldstein": 'e."goldstein" DESC NULLS LAST',
    "goldstein": 'e."goldstein" ASC NULLS LAST',
}
ACTOR_KINDS = ("person", "office", "state", "organisation", "group")
PLACE_KINDS = ("country", "region", "city", "other")


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


def check_offset(offset: int | None) -> int:
    if offset is None:
        return 0
    if offset < 0:
        raise QueryError(f"--offset {offset} must be 0 or more")
    return offset


def check_sort(sort: str | None) -> str:
    """The ORDER BY of an event sort name (date, -date, goldstein, -goldstein)."""
    if sort is None:
        return EVENT_SORTS["-date"]
    if sort not in EVENT_SORTS:
        raise QueryError(f"--sort {sort!r}: one of {', '.join(EVENT_SORTS)} ('-' for descending)")
    return EVENT_SORTS[sort]


def check_text(value: str | None, name: str) -> str | None:
    """Free text for a filter; PostgreSQL text cannot hold NUL, so no row could match it."""
    if value is not None and "\x00" in value:
        raise QueryError(f"--{name} contains a NUL character; give plain text")
    return value


def check_kind(value: str | None, name: str, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if value.lower() not in allowed:
        raise QueryError(f"--{name} {value!r}: one of {', '.join(allowed)}")
    return value.lower()


@contextmanager
def using(db: str | Store | None) -> Iterator[Store]:
    """``db`` itself when it is an open Store (left open), else the store at
    that location, opened here and closed afterwards."""
    if isinstance(db, Store):
        yield db
        return
    with open_store(db) as store:
        yield store


def _page(db: str | Store | None, sql: str, params: list, order: str, limit: int | None, offset: int | None):
    with using(db) as store:
        return store.backend.frame(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?",
                                   [*params, check_limit(limit), check_offset(offset)])


def _events_sql(*, source: str | None = None, target: str | None = None, type: str | None = None,
                modality: str | None = None, since: str | dt.date | None = None, until: str | dt.date | None = None,
                both: bool = False, include_background: bool = False) -> tuple[str, list]:
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
           f'LEFT JOIN "happenings" h ON h."id" = e."happening"{where.sql()}')
    return sql, where.params


def events(db: str | Store | None = None, *, source: str | None = None, target: str | None = None,
           type: str | None = None, modality: str | None = None, since: str | dt.date | None = None,
           until: str | dt.date | None = None, both: bool = False, include_background: bool = False,
           limit: int | None = None, offset: int | None = 0, sort: str | None = None):
    """Stored events matching the filters, newest first (or by ``sort``:
    date, -date, goldstein, -goldstein), with their article's URL, publisher
    and date and their happening's report counts; ``offset`` skips rows."""
    sql, params = _events_sql(source=source, target=target, type=type, modality=modality, since=since,
                              until=until, both=both, include_background=include_background)
    return _page(db, sql, params, f'{check_sort(sort)}, a."seq", e."id"', limit, offset)


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


def _articles_sql(*, since: str | dt.date | None = None, until: str | dt.date | None = None,
                  publisher: str | None = None, search: str | None = None) -> tuple[str, list]:
    where = Where()
    date_filter(where, 'a."date"', since, until)
    if check_text(publisher, "publisher"):
        where.add('lower(a."publisher") = ?', publisher.lower())
    if check_text(search, "search"):
        where.add('lower(a."title") LIKE ?', f"%{search.lower()}%")
    sql = ('SELECT a."article_key", a."external_id", a."date", a."publisher", a."title", a."url", a."language", '
           'a."tone_tone" AS tone, a."story", (SELECT COUNT(*) FROM "events" e WHERE e."article_key" = a."article_key") '
           f'AS events FROM "articles" a{where.sql()}')
    return sql, where.params


def articles(db: str | Store | None = None, *, since: str | dt.date | None = None,
             until: str | dt.date | None = None, publisher: str | None = None, search: str | None = None,
             limit: int | None = None, offset: int | None = 0):
    """Stored articles (without their text) with their event counts, newest first."""
    sql, params = _articles_sql(since=since, until=until, publisher=publisher, search=search)
    return _page(db, sql, params, 'a."date" DESC NULLS LAST, a."seq"', limit, offset)


def article(db: str | Store | None, key: str) -> dict[str, Any] | None:
    """One stored article by its key: its fields, text, story and the stored
    Analysis as JSON text (``analysis``); None when no article has that key."""
    if "\x00" in key:
        return None  # no key holds NUL, and PostgreSQL refuses it as a parameter
    sql = ('SELECT "article_key", "external_id", "text", "title", "date", "url", "publisher", "author", '
           '"language", "story", "analysis" FROM "articles" WHERE "article_key" = ?')
    with using(db) as store:
        frame = store.backend.frame(sql, [key])
    if frame.empty:
        return None
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")[0]


def _actors_sql(*, country: str | None = None, code: str | None = None, kind: str | None = None) -> tuple[str, list]:
    where = Where()
    if country:
        where.add('c."country" = ?', check_actor_code(country, "country")[:3])
    if code:
        where.add('c."code" = ?', check_actor_code(code, "code"))
    if kind:
        where.add('c."kind" = ?', check_kind(kind, "kind", ACTOR_KINDS))
    sql = ('WITH acted AS (SELECT "source_name" AS name, "source_code" AS code, COUNT(*) AS events '
           'FROM "events" GROUP BY 1, 2) '
           'SELECT c."name", c."code", c."country", c."sector", c."kind", COUNT(DISTINCT c."article_key") AS articles, '
           'COALESCE(MAX(acted.events), 0) AS events FROM "actors" c '
           'LEFT JOIN acted ON acted.name = c."name" AND acted.code = c."code"'
           f'{where.sql()} GROUP BY c."name", c."code", c."country", c."sector", c."kind"')
    return sql, where.params


def actors(db: str | Store | None = None, *, country: str | None = None, code: str | None = None,
           kind: str | None = None, limit: int | None = None, offset: int | None = 0):
    """Actors across stored articles, one row per name and code, with how
    many articles and events name them; most articles first."""
    sql, params = _actors_sql(country=country, code=code, kind=kind)
    order = 'articles DESC, c."name", c."code", c."kind", c."country" NULLS FIRST, c."sector" NULLS FIRST'
    return _page(db, sql, params, order, limit, offset)


def _places_sql(*, country: str | None = None, kind: str | None = None) -> tuple[str, list]:
    where = Where()
    if country:
        where.add('p."country" = ?', check_actor_code(country, "country")[:3])
    if kind:
        where.add('p."kind" = ?', check_kind(kind, "kind", PLACE_KINDS))
    # An event's location is a copy of one of its article's places (PlaceRef),
    # so events are matched to places on name and country across the store.
    sql = ('WITH located AS (SELECT "location_name" AS name, "location_country" AS country, COUNT(*) AS events '
           'FROM "events" WHERE "location_name" IS NOT NULL GROUP BY 1, 2) '
           'SELECT p."name", p."country", p."kind", p."lat", p."lon", COUNT(DISTINCT p."article_key") AS articles, '
           'COALESCE(MAX(located.events), 0) AS events FROM "places" p '
           'LEFT JOIN located ON located.name = p."name" AND located.country IS NOT DISTINCT FROM p."country"'
           f'{where.sql()} GROUP BY p."name", p."country", p."kind", p."lat", p."lon"')
    return sql, where.params


def places(db: str | Store | None = None, *, country: str | None = None, kind: str | None = None,
           limit: int | None = None, offset: int | None = 0):
    """Places across stored articles, one row per name, country, kind and
    coordinates, with how many articles name them and how many events are
    located there; most events first."""
    sql, params = _places_sql(country=country, kind=kind)
    order = ('events DESC, articles DESC, p."name", p."country" NULLS FIRST, p."kind", '
             'p."lat" NULLS FIRST, p."lon" NULLS FIRST')
    return _page(db, sql, params, order, limit, offset)


_QUERIES = {"events": _events_sql, "articles": _articles_sql, "actors": _actors_sql, "places": _places_sql}


def count(what: str, db: str | Store | None = None, **filters: Any) -> int:
    """How many rows ``events``/``articles``/``actors``/``places`` would give
    with these filters and no limit (a page's total)."""
    if what not in _QUERIES:
        raise QueryError(f"cannot count {what!r}; one of {', '.join(_QUERIES)}")
    sql, params = _QUERIES[what](**filters)
    with using(db) as store:
        return int(store.backend.rows(f"SELECT COUNT(*) FROM ({sql}) q", params)[0][0])
