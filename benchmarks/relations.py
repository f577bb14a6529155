"""How fast the analytics answer over a large store (benchmarks/README.md).

    .venv/bin/python benchmarks/relations.py                  # 1,000,000 events, a temporary DuckDB file
    .venv/bin/python benchmarks/relations.py --events 200000 --keep bench.duckdb

Generates N synthetic events in DuckDB SQL (``range()`` and ``hash()``, no
Python loop): consistent rows in ``articles``, ``events`` and
``happenings``, 15% of events being further copies of a happening in
another article; ``Store.derive`` fills the events' derived columns. Then times each analytics call on a warm open store
(median of --repeat runs, after one untimed warm-up) and once cold (opening
the store by path, as a command does), and prints a table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TARGET_MS = 300
COUNTRIES = ("USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "IND", "JPN", "IRN", "ISR", "PSE", "TUR", "SAU",
             "PAK", "AFG", "KOR", "PRK", "TWN", "BRA", "MEX", "CAN", "AUS", "EGY", "SYR", "IRQ", "NGA", "ZAF",
             "ITA", "ESP", "POL", "VNM", "PHL", "IDN", "ETH", "SDN", "LBN", "YEM", "QAT", "ARE")
FIRST_DAY, DAYS = "2015-01-01", 3653  # ten years

# u(k): a uniform number in [0, 1) from the original event's number and a salt k.
_U = "((hash(o * 16 + {k}) % 1000000) / 1000000.0)"
# Lower indexes are likelier (USA about 16% of sides, USA -> CHN about 1% of events), as in real news.
_COUNTRY = f"(ARRAY{list(COUNTRIES)})[1 + CAST(floor({len(COUNTRIES)} * pow({{u}}, 2)) AS INTEGER)]"
_EVENTS = f"""
WITH base AS (
  SELECT i, CASE WHEN i < $h THEN i ELSE (i * 7919) % $h END AS o FROM range($n) t(i)),
fields AS (
  SELECT i, o, CAST(DATE '{FIRST_DAY}' + CAST(floor({_U.format(k=1)} * {DAYS}) AS INTEGER) AS DATE) AS day,
    {_COUNTRY.format(u=_U.format(k=2))} AS src, {_COUNTRY.format(u=_U.format(k=3))} AS tgt,
    1 + CAST(floor({_U.format(k=4)} * 4) AS INTEGER) AS quad, {_U.format(k=5)} AS g,
    {_U.format(k=6)} AS m, {_U.format(k=7)} AS b, {_U.format(k=8)} AS t FROM base)
SELECT CASE WHEN i < $h THEN 'a' || (o // 2) ELSE 'c' || i END AS article_key, 'e' || o AS id,
  CASE quad WHEN 1 THEN 'CONSULT' WHEN 2 THEN 'AID' WHEN 3 THEN 'ACCUSE' ELSE 'ASSAULT' END AS type,
  CASE quad WHEN 1 THEN 4 * g WHEN 2 THEN 4 + 6 * g WHEN 3 THEN -1 - 4 * g ELSE -5 - 5 * g END AS goldstein,
  quad AS quad_class, src AS source_country, src || 'GOV' AS source_code, tgt AS target_country,
  tgt || 'GOV' AS target_code, CASE WHEN m < 0.85 THEN 'asserted' WHEN m < 0.95 THEN 'future' ELSE 'negated' END
  AS modality, CASE WHEN b < 0.05 THEN NULL ELSE day END AS date, b > 0.97 AS background,
  20 * t - 10 AS tone, 0.9 AS confidence, 'h' || o AS happening, day AS article_day
FROM fields"""


def generate(location: str, events: int) -> None:
    from detente.store import open_store

    happenings = int(events * 0.85)
    with open_store(location) as store:
        con = store.backend.con
        con.execute(f"CREATE TEMP TABLE g AS {_EVENTS}", {"n": events, "h": happenings})
        con.execute('INSERT INTO "events" (article_key, id, type, goldstein, quad_class, source_country, source_code, '
                    'target_country, target_code, modality, date, background, tone, confidence, happening) '
                    'SELECT * EXCLUDE (article_day) FROM g')
        con.execute('INSERT INTO "articles" (article_key, date, tone_tone, seq, story) '
                    'SELECT article_key, MIN(article_day), AVG(tone), row_number() OVER (), MIN(happening) '
                    'FROM g GROUP BY article_key')
        con.execute('INSERT INTO "happenings" SELECT happening, happening, MIN(article_key), MIN(id), COUNT(*), '
                    'COUNT(*), COUNT(*) FROM g GROUP BY happening')
        con.execute("DROP TABLE g")
        store.derive()
        con.execute("CHECKPOINT")


def calls():
    from detente.analytics.alerts import alerts
    from detente.analytics.network import network
    from detente.analytics.relations import counterparts, relations

    return [
        ("relations USA CHN --by week", lambda db: relations(db, "USA", "CHN", by="week")),
        ("relations USA CHN --by month", lambda db: relations(db, "USA", "CHN", by="month")),
        ("relations USA CHN --both --by week", lambda db: relations(db, "USA", "CHN", both=True, by="week")),
        ("relations IRN ISR --both --by week", lambda db: relations(db, "IRN", "ISR", both=True, by="week")),
        ("relations USA --by week (one actor)", lambda db: relations(db, "USA", by="week")),
        ("relations USA CHN --since 2024-01-01", lambda db: relations(db, "USA", "CHN", since="2024-01-01")),
        ("counterparts USA", lambda db: counterparts(db, "USA")),
        ("network (all years)", lambda db: network(db)),
        ("alerts --by week", lambda db: alerts(db, by="week")),
        ("alerts --by month", lambda db: alerts(db, by="month")),
    ]


def measure(location: str, repeat: int) -> list[tuple[str, int, float, float, float]]:
    from detente.store import open_store

    rows = []
    with open_store(location) as store:
        for name, call in calls():
            result = call(store)  # warm-up: DuckDB's caches, lazy imports
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                call(store)
                times.append((time.perf_counter() - start) * 1000)
            size = len(result.edges) if hasattr(result, "edges") else len(result)
            rows.append((name, size, statistics.median(times), min(times), max(times)))
    return rows


def cold(location: str) -> float:
    """One relations call opening the store by path (what a command pays)."""
    from detente.analytics.relations import relations

    start = time.perf_counter()
    relations(location, "USA", "CHN", by="week")
    return (time.perf_counter() - start) * 1000


def measure_api(location: str, repeat: int) -> list[tuple[str, int, float, float, float]]:
    """GET /relations through the real app (FastAPI's in-process HTTP client):
    what a dashboard or API user waits for, JSON encoding included."""
    from fastapi.testclient import TestClient

    from detente.api import create_app

    rows = []
    queries = [("GET /relations?a=USA&b=CHN&both=true&by=week", {"a": "USA", "b": "CHN", "both": True, "by": "week"}),
               ("GET /relations?a=USA&b=CHN&by=month", {"a": "USA", "b": "CHN", "by": "month"})]
    with TestClient(create_app(location)) as client:
        for name, params in queries:
            answer = client.get("/relations", params=params)  # warm-up, opens the store
            assert answer.status_code == 200, answer.text
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                client.get("/relations", params=params)
                times.append((time.perf_counter() - start) * 1000)
            rows.append((name, len(answer.json()["periods"]), statistics.median(times), min(times), max(times)))
    return rows


def report(rows, events: int, generated_s: float, cold_ms: float, size_mb: float) -> None:
    print(f"{events:,} events ({int(events * 0.85):,} happenings) generated in {generated_s:.1f} s; "
          f"DuckDB file {size_mb:.0f} MB; {os.cpu_count()} CPUs")
    print(f"{'call':<48} {'rows':>6} {'median ms':>10} {'min ms':>8} {'max ms':>8}  target")
    print("-" * 92)
    for name, size, median, low, high in rows:
        mark = "ok" if median < TARGET_MS else "SLOW"
        print(f"{name:<48} {size:>6} {median:>10.1f} {low:>8.1f} {high:>8.1f}  {mark}")
    print(f"cold: relations USA CHN --by week opening the store by path: {cold_ms:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", help="Write the store here (reused if it exists) instead of a temporary file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        location = args.keep or str(Path(folder) / "bench.duckdb")
        start = time.perf_counter()
        if not Path(location).exists():
            generate(location, args.events)
        generated = time.perf_counter() - start
        rows = measure(location, args.repeat) + measure_api(location, args.repeat)
        report(rows, args.events, generated, cold(location), Path(location).stat().st_size / 2**20)


if __name__ == "__main__":
    main()
