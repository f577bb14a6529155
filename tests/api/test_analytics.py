"""/relations, /counterparts, /network, /alerts: the analytics library's
answers as JSON, and the API's bounds on dates and periods."""

from __future__ import annotations

import pytest

from detente.analytics.alerts import alerts
from detente.analytics.network import network
from detente.analytics.relations import counterparts, relations


def get(client, path: str, status: int = 200, **params):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    return response.json()


def test_relations_are_the_library_periods(client, built_store):
    answer = get(client, "/relations", a="usa", b="irn", both=True, by="month")
    frame = relations(built_store, "USA", "IRN", both=True, by="month")
    assert (answer["a"], answer["b"], answer["both"], answer["by"]) == ("USA", "IRN", True, "month")
    assert [p["events"] for p in answer["periods"]] == frame["events"].tolist()
    assert [p["period"] for p in answer["periods"]] == [str(d)[:10] for d in frame["period"]]
    assert sum(p["material_conflict"] for p in answer["periods"]) >= 1
    alone = get(client, "/relations", a="USA", by="week", since="2024-01-01", until="2024-12-31")["periods"]
    assert alone[0]["period"] == "2024-01-01" and len(alone) == 53
    assert any(p["goldstein_mean"] is None for p in alone)  # empty weeks: no mean, not NaN


def test_counterparts_network_alerts(client, built_store):
    assert get(client, "/counterparts", actor="USA") == counterparts(built_store, "USA").to_dict("records")
    graph = get(client, "/network", min_events=1)
    assert {(e["source"], e["target"]) for e in graph["edges"]} == \
        set(zip(network(built_store).edges["source"], network(built_store).edges["target"], strict=True))
    assert {n["node"] for n in graph["nodes"]} >= {"DEU", "IND"}
    every = get(client, "/alerts", everything=True, window=4)
    assert len(every) == len(alerts(built_store, everything=True, window=4)) > 0
    assert all(isinstance(a["alert"], bool) and a["kind"] in ("country", "dyad") for a in every)


@pytest.mark.parametrize("path, params, words", [
    ("/relations", {"a": "USA", "since": "0001-01-01"}, "out of range"),
    ("/relations", {"a": "USA", "until": "9999-12-31"}, "out of range"),
    ("/relations", {"a": "USA", "since": "1900-01-01", "by": "day"}, "more than 20,000 periods by day"),
    ("/relations", {"a": "USA", "until": "8000-01-01"}, "more than 20,000 periods by week"),
    ("/relations", {"a": "ZZZ"}, "no known country code"),
    ("/relations", {"a": "USA", "modality": "perhaps"}, "--modality"),
    ("/alerts", {"until": "9999-12-31"}, "out of range"),
    ("/alerts", {"until": "0001-01-01", "by": "month"}, "out of range"),
    ("/network", {"since": "tomorrow"}, "is not a date"),
    ("/counterparts", {"actor": "USA", "level": "planet"}, "query parameter 'level'"),
    ("/alerts", {"window": 1}, "query parameter 'window'"),
])
def test_analytics_bad_parameters(client, path, params, words):
    status = 422 if "query parameter" in words else 400
    assert words in get(client, path, status, **params)["error"]["message"]


def test_the_widest_accepted_dates_answer(client):
    assert get(client, "/alerts", until="1000-01-01", by="month", window=520) == []
    assert get(client, "/alerts", until="9000-12-31", by="month", window=520) == []
    assert len(get(client, "/relations", a="USA", since="1000-01-01", until="2500-01-01", by="month")["periods"]) > 1000
