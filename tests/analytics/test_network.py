"""network(): weighted directed edges and their nodes."""

from __future__ import annotations

import pandas as pd
import pytest

from detente.analytics.network import network
from detente.errors import QueryError
from tests.analytics.conftest import insert_synthetic

EVENTS = (
    [{"day": "2024-03-04", "source": "USA", "target": "CHN", "quad": 1, "goldstein": 2.0}] * 3
    + [{"day": "2024-03-05", "source": "CHN", "target": "USA", "quad": 3, "goldstein": -4.0}] * 2
    + [{"day": "2024-03-06", "source": "RUS", "target": "UKR", "quad": 4, "goldstein": -10.0, "copies": 4}]
    + [{"day": "2024-03-07", "source": "USA", "target": "USA", "source_code": "USAGOV", "target_code": "USAMIL",
        "quad": 2, "goldstein": 5.0}]
    + [{"day": "2024-03-08", "source": "IGO", "target": "UKR", "source_code": "IGOUNO", "quad": 1, "goldstein": 3.0}]
    # a conflict report about the future: not an edge
    + [{"day": "2024-03-09", "source": "CHN", "target": "USA", "quad": 4, "goldstein": -9.0, "modality": "future"}]
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return insert_synthetic(str(tmp_path_factory.mktemp("network") / "n.duckdb"), EVENTS)


def edges(result) -> list[tuple]:
    return [(r.source, r.target, r.events, r.verbal_coop, r.material_coop, r.verbal_conflict, r.material_conflict)
            for r in result.edges.itertuples()]


def test_edges_are_weighted_by_happenings_heaviest_first(db):
    result = network(db)
    assert edges(result) == [
        ("USA", "CHN", 3, 3, 0, 0, 0),
        ("CHN", "USA", 2, 0, 0, 2, 0),
        ("IGO", "UKR", 1, 1, 0, 0, 0),
        ("RUS", "UKR", 1, 0, 0, 0, 1),  # four articles, one happening
    ]
    assert result.edges.set_index(["source", "target"]).loc[("CHN", "USA"), "goldstein_mean"] == -4.0


def test_nodes_sum_their_edges(db):
    nodes = network(db).nodes.set_index("node")
    assert nodes.loc["USA", ["events", "outgoing", "incoming", "partners"]].tolist() == [5, 3, 2, 1]
    assert nodes.loc["UKR", ["events", "incoming", "partners"]].tolist() == [2, 2, 2]
    assert nodes.loc["UKR", "name"] == "Ukraine" and pd.isna(nodes.loc["IGO", "name"])
    assert list(nodes.index[:2]) == ["CHN", "USA"]  # five happenings each; ties by name


def test_domestic_codes_minimum_limit_and_window(db):
    assert ("USA", "USA", 1, 0, 1, 0, 0) in edges(network(db, domestic=True))
    assert network(db, domestic=True).nodes.set_index("node").loc["USA", "events"] == 6  # a self-loop once
    assert ("USAGOV", "USAMIL", 1, 0, 1, 0, 0) in edges(network(db, level="code", domestic=True))
    assert [e[:3] for e in edges(network(db, min_events=2))] == [("USA", "CHN", 3), ("CHN", "USA", 2)]
    assert len(network(db, limit=1).edges) == 1
    assert [e[:2] for e in edges(network(db, since="2024-03-06", until="2024-03-06"))] == [("RUS", "UKR")]
    assert ("CHN", "USA", 3, 0, 0, 2, 1) in edges(network(db, modality="all"))


def test_bad_arguments(db):
    with pytest.raises(QueryError, match="--min-events 0"):
        network(db, min_events=0)
    with pytest.raises(QueryError, match="--level"):
        network(db, level="region")


def test_backends_agree(backend_db, db):
    insert_synthetic(backend_db, EVENTS)
    for level in ("country", "code"):
        ours, theirs = network(backend_db, level=level, domestic=True), network(db, level=level, domestic=True)
        pd.testing.assert_frame_equal(ours.edges, theirs.edges)
        pd.testing.assert_frame_equal(ours.nodes, theirs.nodes)
