"""How two actors (or one) deal with each other over time, and with whom.

    relations(db, "USA", "CHN", by="week")          # USA -> CHN, one row per week
    relations(db, "USA", "CHN", both=True)           # and CHN -> USA
    relations(db, "RUS", by="month")                 # Russia as source or target
    counterparts(db, "USA", since="2024-01-01")      # whom the USA deals with most

Happenings are counted, not reports (see ``detente.analytics.base``); the
aggregation runs in the database with every value a bound parameter.
"""

from __future__ import annotations

import datetime as dt

from detente.analytics.base import (
    CONFLICT, FREQ, FROM, MEASURES, QUADS, actor_where, as_day, base_where, check_by, node, period_sql,
    start_of, using,
)
from detente.errors import QueryError
from detente.query import Where, check_limit, dyad_filter, parse_day, side_filter

COUNTS = ("events", *QUADS)
# A timeline longer than this is a typo in a date, not a question (100,000 days: 270 years).
MAX_PERIODS = 100_000
COLUMNS = ("period", *COUNTS, "goldstein_sum", "goldstein_mean", "tone_mean")


def relations(db=None, a: str = "", b: str | None = None, *, both: bool = False, by: str = "week",
              since: str | dt.date | None = None, until: str | dt.date | None = None,
              modality: str | None = "asserted"):
    """One row per period (day, week or month) of ``a`` -> ``b`` happenings
    (``both``: either direction; ``b`` None: ``a`` as source or target):
    ``period`` (its first day), ``events``, the four quad-class counts,
    ``goldstein_sum``, ``goldstein_mean`` and ``tone_mean`` (NaN when a period
    has no events). Periods without events are rows of zeros, from ``since``
    (or the first event) to ``until`` (or the last), so timelines are continuous."""
    by = check_by(by)
    where = base_where(since, until, modality)
    if b:
        dyad_filter(where, a, b, both)
    else:
        actor_where(where, a)
    sql = f"SELECT {period_sql(by)} AS period, {MEASURES} {FROM}{where.sql()} GROUP BY 1 ORDER BY 1"
    with using(db) as store:
        frame = store.backend.frame(sql, where.params)
    return fill_periods(frame, by, parse_day(since, "since"), parse_day(until, "until"))


def fill_periods(frame, by: str, since: dt.date | None, until: dt.date | None):
    """Every period from ``since`` (else the first row's) to ``until`` (else
    the last row's), missing ones as zero counts and NaN means."""
    import pandas as pd

    frame = frame.assign(period=pd.to_datetime(frame["period"]))
    first = start_of(since, by) if since else as_day(frame["period"].min())
    last = start_of(until, by) if until else as_day(frame["period"].max())
    if first is None or last is None:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "period" else "float64") for c in COLUMNS})
    index = pd.date_range(first, last, freq=FREQ[by], name="period")
    if len(index) > MAX_PERIODS:
        raise QueryError(f"{len(index):,} {by}s from {first} to {last}: at most {MAX_PERIODS:,}; "
                         "narrow --since/--until or choose a longer --by")
    filled = frame.set_index("period").reindex(index)
    for column in COUNTS:
        filled[column] = filled[column].fillna(0).astype("int64")
    filled["goldstein_sum"] = filled["goldstein_sum"].astype("float64").fillna(0.0)
    for column in ("goldstein_mean", "tone_mean"):
        filled[column] = filled[column].astype("float64")
    return filled.reset_index()[list(COLUMNS)]


def counterparts(db=None, actor: str = "", *, since: str | dt.date | None = None,
                 until: str | dt.date | None = None, level: str = "country", modality: str | None = "asserted",
                 domestic: bool = False, limit: int | None = 10):
    """Whom ``actor`` deals with most: one row per counterpart (the other side
    of each happening, a country or a code by ``level``) with ``events``,
    ``outgoing`` (actor is source), ``incoming``, ``goldstein_mean`` and
    ``conflict_share`` (quad 3 and 4), most events first. Happenings inside
    one country (USAGOV -> USA) are left out unless ``domestic``."""
    where = base_where(since, until, modality)
    code = actor_where(where, actor)
    if not domestic:
        where.add('e."source_country" IS DISTINCT FROM e."target_country"')
    is_source = Where()
    side_filter(is_source, "source", code)
    other = f"CASE WHEN {is_source.parts[0]} THEN {node(level, 'target')} ELSE {node(level, 'source')} END"
    where.add(f"{other} IS NOT NULL", *is_source.params)
    sql = (f"SELECT {other} AS counterpart, COUNT(*) AS events, "
           f"SUM(CASE WHEN {is_source.parts[0]} THEN 1 ELSE 0 END) AS outgoing, "
           f'AVG(e."goldstein") AS goldstein_mean, AVG(CASE WHEN {CONFLICT} THEN 1.0 ELSE 0.0 END) AS conflict_share '
           f"{FROM}{where.sql()} GROUP BY 1 ORDER BY events DESC, counterpart LIMIT ?")
    params = [*is_source.params, *is_source.params, *where.params, check_limit(limit)]
    with using(db) as store:
        frame = store.backend.frame(sql, params)
    frame["incoming"] = frame["events"] - frame["outgoing"]
    frame = frame.astype({"events": "int64", "outgoing": "int64", "incoming": "int64",
                          "goldstein_mean": "float64", "conflict_share": "float64"})
    frame.insert(1, "name", frame["counterpart"].map(country_name))
    return frame[["counterpart", "name", "events", "outgoing", "incoming", "goldstein_mean", "conflict_share"]]


def country_name(code: str | None) -> str | None:
    """The country's name for a node (USA, or USAGOV at code level); None for others."""
    from detente.actors.lexicon import country_lexicon

    row = country_lexicon().by_iso3().get((code or "")[:3])
    return row.name if row else None
