"""Conflict alerts: countries and dyads whose conflict in the latest period
rises beyond their own recent baseline.

For every country (as source or target) and every pair of countries (either
direction), count conflict happenings (quad class 3 and 4) in each of the
latest ``window + 1`` periods, missing periods as zero. The last period is
the one tested; the ``window`` before it are the baseline:

    z = (current - mean) / max(std, sqrt(mean), min_std)

``std`` is the baseline's sample standard deviation. The floor matters:
counts of rare events are Poisson-like, so a series that happened to be flat
(std 0) must not turn one more event into an infinite z; ``sqrt(mean)`` is
the Poisson noise of the baseline's rate and ``min_std`` covers a baseline of
zeros. An alert needs ``z >= threshold`` and at least ``min_events``
happenings in the current period. docs/analytics.md discusses the limits.
"""

from __future__ import annotations

import datetime as dt

from detente.analytics.base import (
    CONFLICT, DAY, FROM, as_day, base_where, check_by, period_sql, shift, start_of, using,
)
from detente.errors import QueryError
from detente.query import parse_day

COLUMNS = ("kind", "unit", "period", "conflict", "baseline_mean", "baseline_std", "z", "goldstein_sum", "alert")
# A happening's countries: its source's and its target's (a country-less
# actor's code stands in), and its pair of countries. The window's conflict
# happenings are read once (MATERIALIZED: both databases compute the CTE once).
_UNITS = """
WITH c AS MATERIALIZED (
  SELECT e."happening" AS happening, {period} AS period, e."goldstein" AS goldstein,
         COALESCE(e."source_country", e."source_code") AS source, COALESCE(e."target_country", e."target_code") AS target,
         e."source_country" AS source_country, e."target_country" AS target_country
  {from_}{where})
SELECT 'country' AS kind, source AS unit, happening, period, goldstein FROM c
UNION
SELECT 'country', target, happening, period, goldstein FROM c
UNION
SELECT 'dyad', LEAST(source_country, target_country) || '-' || GREATEST(source_country, target_country),
       happening, period, goldstein FROM c WHERE source_country <> target_country
"""


def alerts(db=None, *, by: str = "week", window: int = 8, threshold: float = 3.0, min_events: int = 3,
           min_std: float = 1.0, until: str | dt.date | None = None, modality: str | None = "asserted",
           everything: bool = False):
    """Countries and dyads whose conflict count in the period holding ``until``
    (default: the latest stored happening) is ``threshold`` floored standard
    deviations above the mean of the ``window`` periods before it. Returns
    the alerts, highest z first; ``everything`` returns every unit with its
    z and an ``alert`` flag instead."""
    by = check_by(by)
    _check(window, threshold, min_events, min_std)
    with using(db) as store:
        latest = parse_day(until, "until") or _latest_day(store, modality)
        if latest is None:
            return _empty()
        try:
            current = start_of(latest, by)
            first, after = shift(current, by, -window), shift(current, by, 1)
        except (OverflowError, ValueError):
            raise QueryError(f"--until {latest}: the window of {window} {by}s around it leaves the calendar "
                             "(years 1 to 9999); give a nearer date or a shorter --window") from None
        counts = _counts(store, by, modality, first, after - dt.timedelta(days=1))
    scored = score(counts, [shift(first, by, n) for n in range(window + 1)], min_std)
    scored["alert"] = (scored["z"] >= threshold) & (scored["conflict"] >= min_events)
    if not everything:
        scored = scored[scored["alert"]]
    return scored.sort_values(["z", "kind", "unit"], ascending=[False, True, True], ignore_index=True)


def _check(window: int, threshold: float, min_events: int, min_std: float) -> None:
    if window < 2:
        raise QueryError(f"--window {window}: the baseline needs at least 2 periods")
    if min_events < 1 or min_std <= 0 or threshold <= 0:
        raise QueryError("--min-events must be at least 1, and --min-std and --threshold above 0")


def _latest_day(store, modality) -> dt.date | None:
    """The day of the latest placed happening."""
    where = base_where(None, None, modality)
    return as_day(store.backend.rows(f"SELECT MAX({DAY}) {FROM}{where.sql()}", where.params)[0][0])


def _counts(store, by: str, modality, first: dt.date, last: dt.date):
    """Conflict happenings and their Goldstein sum per (kind, unit, period)."""
    where = base_where(first, last, modality)
    where.add(CONFLICT)
    units = _UNITS.format(period=period_sql(by), from_=FROM, where=where.sql())
    sql = (f"SELECT kind, unit, period, COUNT(*) AS conflict, COALESCE(SUM(goldstein), 0) AS goldstein_sum "
           f"FROM ({units}) u WHERE unit IS NOT NULL GROUP BY 1, 2, 3")
    return store.backend.frame(sql, where.params)


def score(counts, periods: list[dt.date], min_std: float):
    """z of each unit's last period against the periods before it (zeros where missing)."""
    import numpy as np
    import pandas as pd

    if counts.empty:
        return _empty()
    counts = counts.assign(period=pd.to_datetime(counts["period"]))
    index = pd.to_datetime(periods)
    table = counts.pivot_table(index=["kind", "unit"], columns="period", values="conflict", aggfunc="sum")
    table = table.reindex(columns=index).fillna(0).astype("float64")
    baseline, now = table.iloc[:, :-1], table.iloc[:, -1]
    mean, std = baseline.mean(axis=1), baseline.std(axis=1, ddof=1)
    floor = np.maximum(np.maximum(std, np.sqrt(mean)), min_std)
    latest = counts[counts["period"] == index[-1]].set_index(["kind", "unit"])["goldstein_sum"]
    frame = pd.DataFrame({"period": index[-1], "conflict": now.astype("int64"), "baseline_mean": mean,
                          "baseline_std": std, "z": (now - mean) / floor,
                          "goldstein_sum": latest.reindex(table.index).astype("float64").fillna(0.0)})
    return frame.reset_index()[list(COLUMNS[:-1])]


def _empty():
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
