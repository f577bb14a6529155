"""What every analytics query shares: the store, the counting rule, periods.

**Counting rule: happenings, not reports.** A wire story printed by five
outlets is one thing that happened; the store merges its reports into one
``happenings`` row (docs/store.md). Every count here is a count of
happenings, read from each happening's kept report (its most detailed
telling): its dyad, type, quad class, Goldstein score, sentence tone,
modality and date. Filters apply to that report, as the GDELT export does.

**Dates.** A happening falls on its event's date, else on its article's
date; one with neither cannot be placed and is left out. Background events
(old news retold in a new story) are left out: they would be counted in the
week they were retold, not the week they happened.
"""

from __future__ import annotations

import datetime as dt

from detente.errors import QueryError
from detente.query import Where, check_actor_code, check_modality, date_filter, side_filter
from detente.query import using as using  # re-exported: every analytics query opens the store this way

PERIODS = ("day", "week", "month")
# pandas frequencies whose periods start where date_trunc's do (ISO weeks start on Monday).
FREQ = {"day": "D", "week": "W-MON", "month": "MS"}

# Each happening is read from its kept report: the event row marked "kept",
# whose "day" is its date, else its article's (both kept up to date by the
# store, so a query reads "events" alone: no join over millions of rows).
DAY = 'e."day"'
FROM = 'FROM "events" e'

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
# Per-happening measures, in SQL both DuckDB and PostgreSQL run.
MEASURES = ", ".join(
    ["COUNT(*) AS events"]
    + [f'SUM(CASE WHEN e."quad_class" = {n} THEN 1 ELSE 0 END) AS {name}' for n, name in enumerate(QUADS, 1)]
    + ['COALESCE(SUM(e."goldstein"), 0) AS goldstein_sum', 'AVG(e."goldstein") AS goldstein_mean',
       'AVG(e."tone") AS tone_mean'])
CONFLICT = 'e."quad_class" IN (3, 4)'
# A node of the actor network: the country, or the code of a country-less actor (IGO, NGO).
NODE = {"country": 'COALESCE(e."{side}_country", e."{side}_code")', "code": 'e."{side}_code"'}


def check_by(by: str) -> str:
    if by not in PERIODS:
        raise QueryError(f"--by {by!r}: one of {', '.join(PERIODS)}")
    return by


def check_level(level: str) -> str:
    if level not in NODE:
        raise QueryError(f"--level {level!r}: one of {', '.join(NODE)}")
    return level


def node(level: str, side: str) -> str:
    return NODE[check_level(level)].format(side=side)


def period_sql(by: str) -> str:
    # ``by`` is checked against PERIODS, so it is safe inside the SQL text.
    # Casting to TIMESTAMP first keeps PostgreSQL off timestamptz (and the session's time zone).
    return f"CAST(date_trunc('{check_by(by)}', CAST({DAY} AS TIMESTAMP)) AS DATE)"


def base_where(since=None, until=None, modality: str | None = "asserted") -> Where:
    """Placed, non-background happenings of one modality ("all" or None: every one)."""
    where = report_where(modality)
    where.add('e."kept"')
    where.add(f"{DAY} IS NOT NULL")
    date_filter(where, DAY, since, until)
    return where


def report_where(modality: str | None) -> Where:
    """Reports (``e``) that are not background, of one modality; no join needed."""
    where = Where()
    where.add('NOT e."background"')
    if modality and modality.lower() != "all":
        where.add('e."modality" = ?', check_modality(modality))
    return where


def actor_where(where: Where, code: str, name: str = "actor") -> str:
    """Happenings where ``code`` is source or target; returns the checked code."""
    code = check_actor_code(code, name)
    source, target = Where(), Where()
    side_filter(source, "source", code)
    side_filter(target, "target", code)
    where.add(f"({source.parts[0]} OR {target.parts[0]})", *source.params, *target.params)
    return code


def start_of(day: dt.date, by: str) -> dt.date:
    """The first day of ``day``'s period, as date_trunc gives it."""
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def shift(start: dt.date, by: str, periods: int) -> dt.date:
    """The start of the period ``periods`` away from the period starting at ``start``."""
    if by == "month":
        months = start.year * 12 + start.month - 1 + periods
        return dt.date(months // 12, months % 12 + 1, 1)
    return start + dt.timedelta(days=periods * (7 if by == "week" else 1))


def as_day(value) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or missing value."""
    if value is None or value != value:  # NaT is not equal to itself
        return None
    return value.date() if isinstance(value, dt.datetime) else value
