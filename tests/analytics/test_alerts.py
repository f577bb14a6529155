"""alerts(): a conflict spike fires, a flat or noisy-but-usual series does not."""

from __future__ import annotations

import pandas as pd
import pytest

from detente.analytics.alerts import alerts
from detente.errors import QueryError
from tests.analytics.conftest import insert_synthetic, weekly

START = "2024-01-01"  # a Monday; nine weeks: eight of baseline, then the tested one
SPIKE = weekly(START, [1, 0, 2, 1, 1, 0, 1, 2, 9], "RUS", "UKR")     # baseline mean 1, then 9
FLAT = weekly(START, [5, 5, 5, 5, 5, 5, 5, 5, 5], "USA", "CHN")      # steady conflict, no alert
COOP = weekly(START, [0, 0, 0, 0, 0, 0, 0, 0, 8], "FRA", "DEU", quad=1, goldstein=3.0)  # cooperation: never


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return insert_synthetic(str(tmp_path_factory.mktemp("alerts") / "a.duckdb"), SPIKE + FLAT + COOP)


def test_a_spike_fires_for_the_dyad_and_both_countries(db):
    frame = alerts(db)
    assert set(zip(frame["kind"], frame["unit"])) == {("dyad", "RUS-UKR"), ("country", "RUS"), ("country", "UKR")}
    row = frame[frame["unit"] == "RUS-UKR"].iloc[0]
    assert row["period"] == pd.Timestamp("2024-02-26") and row["conflict"] == 9
    assert row["baseline_mean"] == 1.0
    std = pd.Series([1, 0, 2, 1, 1, 0, 1, 2]).std()
    assert row["baseline_std"] == pytest.approx(std)
    assert row["z"] == pytest.approx((9 - 1) / max(std, 1.0))  # the floor: sqrt(mean) = 1 = min_std
    assert row["goldstein_sum"] == -45.0 and bool(row["alert"])


def test_a_flat_series_does_not_fire(db):
    everything = alerts(db, everything=True).set_index("unit")
    assert everything.loc["CHN-USA", "z"] == 0.0 and not everything.loc["CHN-USA", "alert"]
    assert everything.loc["CHN-USA", "baseline_std"] == 0.0
    assert "DEU-FRA" not in everything.index and "FRA" not in everything.index  # cooperation is not conflict


def test_the_floor_keeps_a_quiet_series_from_firing_on_one_event(tmp_path):
    db = insert_synthetic(str(tmp_path / "q.duckdb"), weekly(START, [0, 0, 0, 0, 0, 0, 0, 0, 2], "IND", "PAK"))
    row = alerts(db, everything=True).set_index("unit").loc["IND-PAK"]
    assert row["z"] == 2.0 and not row["alert"]  # (2 - 0) / min_std 1.0, below 3
    assert alerts(db, min_events=1, threshold=2.0)["unit"].tolist() == ["IND", "PAK", "IND-PAK"]


def test_until_tests_an_earlier_period_and_parameters_matter(db):
    assert alerts(db, until="2024-02-19").empty  # the week before the spike
    assert alerts(db, min_events=10).empty
    assert alerts(db, threshold=100).empty
    assert len(alerts(db, by="month", window=2, everything=True)) > 0


def test_no_events_no_alerts(tmp_path):
    frame = alerts(str(tmp_path / "empty.duckdb"))
    assert frame.empty and "z" in frame.columns


@pytest.mark.parametrize("kwargs, message", [
    ({"window": 1}, "--window 1"), ({"by": "year"}, "--by 'year'"), ({"min_std": 0}, "--min-std"),
    ({"until": "soon"}, "--until 'soon' is not a date"), ({"until": "9999-12-31", "by": "month"}, "leaves the calendar"),
    ({"until": "0001-01-10"}, "leaves the calendar"),
])
def test_bad_parameters(db, kwargs, message):
    with pytest.raises(QueryError, match=message):
        alerts(db, **kwargs)


def test_backends_agree(backend_db, db):
    insert_synthetic(backend_db, SPIKE + FLAT + COOP)
    pd.testing.assert_frame_equal(alerts(backend_db, everything=True), alerts(db, everything=True))
