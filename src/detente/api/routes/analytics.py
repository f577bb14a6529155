"""Analytics over stored happenings (``detente.analytics``): relations over
time, counterparts, the actor network, conflict alerts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from detente.api.context import Context, context
from detente.errors import QueryError
from detente.query import parse_day
from detente.api.convert import records
from detente.api.models import Alert, Counterpart, Network, Relations

router = APIRouter(tags=["analytics"])
Ctx = Annotated[Context, Depends(context)]
By = Annotated[Literal["day", "week", "month"], Query(description="period length")]
Level = Annotated[Literal["country", "code"], Query(description="nodes are countries or actor codes")]
Modality = Annotated[str, Query(description="asserted, future, negated, hypothetical, or all")]
DATE = {"format": "date"}  # documented as a date, checked (with its message) by the library
Since = Annotated[str | None, Query(description="from this date, YYYY-MM-DD", json_schema_extra=DATE)]
Until = Annotated[str | None, Query(description="up to this date, YYYY-MM-DD", json_schema_extra=DATE)]
# Bounds that keep an answer's size and the library's date arithmetic in
# range: relations fills every period between since and until with zeros.
EARLIEST, LATEST = dt.date(1000, 1, 1), dt.date(9000, 12, 31)
MAX_PERIODS = 20_000
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30.44}


def check_dates(since: str | None, until: str | None, by: str | None = None) -> None:
    """Refuse dates outside EARLIEST..LATEST and, with ``by``, spans of more
    than MAX_PERIODS periods (an unknown end is today, or the stored data's)."""
    first, last = parse_day(since, "since"), parse_day(until, "until")
    for name, day in (("since", first), ("until", last)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise QueryError(f"--{name} {day} is out of range; give a date from {EARLIEST} to {LATEST}")
    if by is None or (first is None and last is None):
        return
    today = dt.date.today()
    start, end = first or min(last, today), last or max(first, today)
    if (end - start).days / PERIOD_DAYS[by] > MAX_PERIODS:
        raise QueryError(f"from {start} to {end} is more than {MAX_PERIODS:,} periods by {by}; "
                         "narrow the dates or use a longer period (week, month)")
Domestic = Annotated[bool, Query(description="include happenings inside one country")]


@router.get("/relations", response_model=Relations)
def relations(
    ctx: Ctx,
    a: Annotated[str, Query(description="a country (USA) or actor code (USAGOV)")],
    b: Annotated[str | None, Query(description="the other side; without it, a's happenings with anyone")] = None,
    both: Annotated[bool, Query(description="a -> b and b -> a (else a -> b only)")] = False,
    by: By = "week", since: Since = None, until: Until = None, modality: Modality = "asserted",
):
    """Happenings per period between a and b (``detente.analytics.relations``),
    with periods without any as zeros so the timeline is continuous."""
    from detente.analytics.relations import relations as run

    check_dates(since, until, by)
    with ctx.store.reader() as store:
        frame = run(store, a, b, both=both, by=by, since=since, until=until, modality=modality)
    return {"a": a.upper(), "b": b.upper() if b else None, "both": both, "by": by, "periods": records(frame)}


@router.get("/counterparts", response_model=list[Counterpart])
def counterparts(
    ctx: Ctx,
    actor: Annotated[str, Query(description="a country (USA) or actor code (USAGOV)")],
    since: Since = None, until: Until = None, level: Level = "country", modality: Modality = "asserted",
    domestic: Domestic = False, limit: Annotated[int, Query(ge=1, le=1000)] = 10,
):
    """Whom an actor deals with most (``detente.analytics.relations.counterparts``)."""
    from detente.analytics.relations import counterparts as run

    check_dates(since, until)
    with ctx.store.reader() as store:
        frame = run(store, actor, since=since, until=until, level=level, modality=modality, domestic=domestic,
                    limit=limit)
    return records(frame)


@router.get("/network", response_model=Network)
def network(
    ctx: Ctx,
    since: Since = None, until: Until = None, level: Level = "country",
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="leave out lighter edges")] = 1,
    modality: Modality = "asserted", domestic: Domestic = False,
    limit: Annotated[int, Query(ge=1, le=5000, description="the heaviest edges kept")] = 500,
):
    """Directed edges between actors weighted by happenings, and their nodes (``detente.analytics.network``)."""
    from detente.analytics.network import network as run

    check_dates(since, until)
    with ctx.store.reader() as store:
        result = run(store, since=since, until=until, level=level, min_events=min_events, modality=modality,
                     domestic=domestic, limit=limit)
    return {"nodes": records(result.nodes), "edges": records(result.edges)}


@router.get("/alerts", response_model=list[Alert])
def alerts(
    ctx: Ctx,
    by: By = "week",
    window: Annotated[int, Query(ge=2, le=520, description="baseline periods before the current one")] = 8,
    threshold: Annotated[float, Query(gt=0, le=1000, description="z at or above which a unit alerts")] = 3.0,
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="conflict happenings needed to alert")] = 3,
    until: Annotated[str | None, Query(description="the period holding this date, YYYY-MM-DD "
                                              "[default: the latest stored happening]", json_schema_extra=DATE)] = None,
    modality: Modality = "asserted",
    everything: Annotated[bool, Query(description="every unit with its z, not only alerts")] = False,
):
    """Countries and dyads whose conflict count jumped above their baseline (``detente.analytics.alerts``)."""
    from detente.analytics.alerts import alerts as run

    check_dates(None, until)
    with ctx.store.reader() as store:
        frame = run(store, by=by, window=window, threshold=threshold, min_events=min_events, until=until,
                    modality=modality, everything=everything)
    return records(frame)
