"""relations() and counterparts(): happenings per period, directions, filters."""

from __future__ import annotations

import pandas as pd
import pytest

from detente.analytics.relations import COLUMNS, counterparts, relations
from detente.errors import QueryError
from tests.analytics.conftest import build_news, insert_synthetic

SYNTHETIC = [
    # week of 1 January: one meeting in three outlets (counts once), and China's reply
    {"day": "2024-01-02", "source": "USA", "target": "CHN", "quad": 1, "goldstein": 1.0, "tone": 2.0, "copies": 3},
    {"day": "2024-01-03", "source": "CHN", "target": "USA", "quad": 3, "goldstein": -2.0, "tone": -4.0},
    # week of 15 January: sanctions; a promised visit (future) and old news (background) are not counted
    {"day": "2024-01-16", "source": "USA", "target": "CHN", "quad": 4, "goldstein": -8.0, "tone": -6.0},
    {"day": "2024-01-17", "source": "USA", "target": "CHN", "quad": 2, "goldstein": 6.0, "modality": "future"},
    {"day": "2024-01-18", "source": "USA", "target": "CHN", "quad": 1, "goldstein": 3.0, "background": True},
    # week of 29 January: a US-Russia dispute and a government-level meeting
    {"day": "2024-01-30", "source": "USA", "target": "RUS", "quad": 3, "goldstein": -4.0},
    {"day": "2024-02-01", "source": "USA", "target": "CHN", "source_code": "USAGOV", "target_code": "CHNGOV",
     "quad": 1, "goldstein": 3.5, "tone": 1.0},
]


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> str:
    return insert_synthetic(str(tmp_path_factory.mktemp("synthetic") / "s.duckdb"), SYNTHETIC)


def table(frame) -> list[tuple]:
    """(period, events, v.coop, m.coop, v.conflict, m.conflict, goldstein sum) per row."""
    return [(r.period.date().isoformat(), r.events, r.verbal_coop, r.material_coop, r.verbal_conflict,
             r.material_conflict, r.goldstein_sum) for r in frame.itertuples()]


def test_one_direction_by_week_counts_happenings_and_fills_empty_weeks(synthetic_db):
    frame = relations(synthetic_db, "USA", "CHN", by="week")
    assert list(frame.columns) == list(COLUMNS)
    assert table(frame) == [
        ("2024-01-01", 1, 1, 0, 0, 0, 1.0),   # three articles, one happening
        ("2024-01-08", 0, 0, 0, 0, 0, 0.0),
        ("2024-01-15", 1, 0, 0, 0, 1, -8.0),  # future and background events left out
        ("2024-01-22", 0, 0, 0, 0, 0, 0.0),
        ("2024-01-29", 1, 1, 0, 0, 0, 3.5),
    ]
    assert frame["goldstein_mean"].isna().tolist() == [False, True, False, True, False]
    assert frame.loc[0, "tone_mean"] == 2.0


def test_both_directions_add_the_reply(synthetic_db):
    frame = relations(synthetic_db, "usa", "chn", both=True, by="week")
    assert table(frame)[0] == ("2024-01-01", 2, 1, 0, 1, 0, -1.0)
    assert frame.loc[0, "goldstein_mean"] == -0.5 and frame.loc[0, "tone_mean"] == -1.0
    assert frame["events"].sum() == 4
    assert relations(synthetic_db, "CHN", "USA", by="week")["events"].tolist() == [1]


def test_one_actor_as_source_or_target(synthetic_db):
    frame = relations(synthetic_db, "USA", by="week")
    assert frame["events"].tolist() == [2, 0, 1, 0, 2]
    assert frame["verbal_conflict"].tolist() == [1, 0, 0, 0, 1]
    assert relations(synthetic_db, "RUS", by="day")["events"].tolist() == [1]


def test_months_days_codes_modality_and_bounds(synthetic_db):
    assert table(relations(synthetic_db, "USA", "CHN", by="month")) == [
        ("2024-01-01", 2, 1, 0, 0, 1, -7.0), ("2024-02-01", 1, 1, 0, 0, 0, 3.5)]
    days = relations(synthetic_db, "USA", "CHN", by="day")
    assert len(days) == 31 and days["events"].sum() == 3
    assert relations(synthetic_db, "USAGOV", "CHN", by="month")["events"].tolist() == [1]
    assert relations(synthetic_db, "USA", "CHN", modality="all")["events"].tolist() == [1, 0, 2, 0, 1]
    assert relations(synthetic_db, "USA", "CHN", modality="future")["events"].tolist() == [1]
    bounded = relations(synthetic_db, "USA", "CHN", since="2023-12-27", until="2024-02-14")
    assert bounded["period"].dt.date.astype(str).tolist()[0] == "2023-12-25" and len(bounded) == 8
    assert bounded["events"].tolist() == [0, 1, 0, 1, 0, 1, 0, 0]


def test_nothing_matches_gives_an_empty_frame_with_the_columns(synthetic_db):
    frame = relations(synthetic_db, "FRA", "DEU")
    assert frame.empty and list(frame.columns) == list(COLUMNS)
    zeros = relations(synthetic_db, "FRA", "DEU", since="2024-01-01", until="2024-01-31", by="week")
    assert zeros["events"].tolist() == [0] * 5


@pytest.mark.parametrize("call, message", [
    (lambda db: relations(db, "XYZ", "CHN"), "--source 'XYZ': XYZ is no known country code"),
    (lambda db: relations(db, "USA", "CHN", by="year"), "--by 'year': one of day, week, month"),
    (lambda db: relations(db, "USA", since="2024-02-01", until="2024-01-01"), "is after --until"),
    (lambda db: relations(db, "USA", since="last year"), "is not a date"),
    (lambda db: relations(db, "USA", modality="maybe"), "--modality 'maybe'"),
    (lambda db: relations(db, "USA", by="day", since="0001-01-01", until="2024-01-01"), "at most 100,000"),
    (lambda db: counterparts(db, "U$A"), "--actor 'U$A' is not an actor code"),
    (lambda db: counterparts(db, "USA", level="city"), "--level 'city'"),
])
def test_bad_filters_are_query_errors(synthetic_db, call, message):
    with pytest.raises(QueryError, match=message.replace("$", r"\$")):
        call(synthetic_db)


def test_counterparts_most_events_first(synthetic_db):
    frame = counterparts(synthetic_db, "USA")
    assert frame[["counterpart", "name", "events", "outgoing", "incoming"]].values.tolist() == [
        ["CHN", "China", 4, 3, 1], ["RUS", "Russia", 1, 1, 0]]
    assert frame.loc[0, "conflict_share"] == 0.5
    assert frame.loc[0, "goldstein_mean"] == pytest.approx((1.0 - 2.0 - 8.0 + 3.5) / 4)
    assert counterparts(synthetic_db, "USA", limit=1)["counterpart"].tolist() == ["CHN"]
    assert counterparts(synthetic_db, "USAGOV", level="code")["counterpart"].tolist() == ["CHNGOV"]
    assert counterparts(synthetic_db, "USA", since="2024-01-29")["counterpart"].tolist() == ["CHN", "RUS"]


def oracle(db: str, a: str, b: str) -> dict[str, int]:
    """Happenings per week from ``detente events`` rows: the kept report of
    each happening, counted once (an independent route to the same numbers)."""
    from detente import query
    from detente.store import open_store

    with open_store(db) as store:
        kept = {tuple(r) for r in store.backend.rows('SELECT "article_key", "event_id" FROM "happenings"')}
    events = query.events(db, source=a, target=b, modality="asserted")
    events = events[[(k, i) in kept for k, i in zip(events["article_key"], events["id"])]]
    days = pd.to_datetime(events["date"].fillna(events["article_date"]))
    weeks = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date.astype(str)
    return weeks.value_counts().to_dict()


def test_real_articles_count_each_happening_once(news_db):
    forward = relations(news_db, "USA", "CHN", by="week")
    counted = {d.date().isoformat(): n for d, n in zip(forward["period"], forward["events"]) if n}
    assert counted == oracle(news_db, "USA", "CHN")
    both = relations(news_db, "USA", "CHN", both=True, by="week").set_index("period")
    # The Xi-Blinken meeting, run by Reuters and AP: one happening each way, not four.
    assert both.loc["2024-04-22", "events"] == 2 and both.loc["2024-04-22", "verbal_coop"] == 2
    for empty in ("2024-04-15", "2024-04-29", "2024-05-06"):
        assert both.loc[empty, "events"] == 0
    assert both.index[0] == pd.Timestamp("2024-04-01") and both.index[-1] == pd.Timestamp("2024-05-13")
    assert both.loc["2024-04-08", "verbal_conflict"] + both.loc["2024-04-08", "material_conflict"] >= 2


def test_duckdb_and_postgresql_agree_on_real_articles(news_db, postgres_url, tmp_path):
    postgres = build_news(postgres_url, tmp_path)
    for args in (("USA", "CHN"), ("CHN", "USA"), ("USA", None)):
        for by in ("week", "month"):
            pd.testing.assert_frame_equal(relations(news_db, *args, by=by), relations(postgres, *args, by=by))
    pd.testing.assert_frame_equal(counterparts(news_db, "CHN"), counterparts(postgres, "CHN"))


def test_backends_agree_on_synthetic_rows(backend_db, synthetic_db):
    insert_synthetic(backend_db, SYNTHETIC)
    for kwargs in ({"b": "CHN", "both": True}, {"b": None, "by": "day"}, {"b": "CHN", "by": "month"}):
        pd.testing.assert_frame_equal(relations(backend_db, "USA", **kwargs), relations(synthetic_db, "USA", **kwargs))
    pd.testing.assert_frame_equal(counterparts(backend_db, "USA"), counterparts(synthetic_db, "USA"))


def test_an_open_store_is_used_and_left_open(synthetic_db):
    from detente.store import open_store

    with open_store(synthetic_db) as store:
        first = relations(store, "USA", "CHN")
        assert relations(store, "USA", "CHN").equals(first)
        assert store.backend.rows('SELECT COUNT(*) FROM "happenings"')[0][0] == len(SYNTHETIC)
