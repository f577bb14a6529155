"""The actor network: who acts on whom, how often and how.

Edges are directed (source -> target) and weighted by happenings; a node is
a country (or, for country-less actors such as the UN, their code), or an
actor code with ``level="code"``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from detente.analytics.base import FROM, MEASURES, base_where, node, using
from detente.analytics.relations import COUNTS, country_name
from detente.errors import QueryError
from detente.query import check_limit


class Network(NamedTuple):
    edges: object  # DataFrame: source, target, events, quad counts, goldstein_sum/mean, tone_mean
    nodes: object  # DataFrame: node, name, events, outgoing, incoming, partners


def network(db=None, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
            level: str = "country", min_events: int = 1, modality: str | None = "asserted",
            domestic: bool = False, limit: int | None = 500) -> Network:
    """Weighted directed edges with at least ``min_events`` happenings, the
    heaviest ``limit`` of them, and the nodes they touch. Happenings inside
    one country are left out unless ``domestic`` (then they are self-loops
    at country level)."""
    if min_events < 1:
        raise QueryError(f"--min-events {min_events} must be at least 1")
    where = base_where(since, until, modality)
    source, target = node(level, "source"), node(level, "target")
    where.add(f"{target} IS NOT NULL")
    if not domestic:
        where.add('e."source_country" IS DISTINCT FROM e."target_country"')
    sql = (f"SELECT {source} AS source, {target} AS target, {MEASURES} {FROM}{where.sql()} "
           "GROUP BY 1, 2 HAVING COUNT(*) >= ? ORDER BY events DESC, source, target LIMIT ?")
    with using(db) as store:
        edges = store.backend.frame(sql, [*where.params, min_events, check_limit(limit)])
    edges = edges.astype({c: "int64" for c in COUNTS} | {"goldstein_sum": "float64", "goldstein_mean": "float64",
                                                          "tone_mean": "float64"})
    return Network(edges, nodes(edges))


def nodes(edges):
    """Each node of the edges with its happenings out, in, in all (a self-loop
    once) and its number of distinct partners."""
    import pandas as pd

    out = edges.groupby("source")["events"].sum().rename("outgoing")
    into = edges.groupby("target")["events"].sum().rename("incoming")
    frame = pd.concat([out, into], axis=1).fillna(0).astype("int64")
    loops = edges[edges["source"] == edges["target"]].groupby("source")["events"].sum()
    frame["events"] = frame["outgoing"] + frame["incoming"] - loops.reindex(frame.index).fillna(0).astype("int64")
    pairs = pd.concat([edges[["source", "target"]], edges[["target", "source"]].set_axis(["source", "target"], axis=1)])
    frame["partners"] = pairs[pairs["source"] != pairs["target"]].groupby("source")["target"].nunique()
    frame["partners"] = frame["partners"].fillna(0).astype("int64")
    frame = frame.rename_axis("node").reset_index()
    frame.insert(1, "name", frame["node"].map(country_name))
    return frame.sort_values(["events", "node"], ascending=[False, True], ignore_index=True)[
        ["node", "name", "events", "outgoing", "incoming", "partners"]]
