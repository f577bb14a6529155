"""`detente relations`, `counterparts`, `network`, `alerts` as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.analytics.conftest import insert_synthetic, weekly
from tests.analytics.test_relations import SYNTHETIC
from tests.cli.test_extract import run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    spike = weekly("2024-01-01", [1, 0, 2, 1, 1, 0, 1, 2, 9], "RUS", "UKR")
    return insert_synthetic(str(tmp_path_factory.mktemp("cli_analytics") / "a.duckdb"), SYNTHETIC + spike)


def test_relations_table_has_the_weeks_and_sparklines(db):
    result = run("relations", "USA", "CHN", "--by", "week", "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.splitlines()[0].strip() == "USA -> CHN, by week"
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")]
    assert [r[:6] for r in rows] == [
        ["2024-01-01", "1", "1", "0", "0", "0"], ["2024-01-08", "0", "0", "0", "0", "0"],
        ["2024-01-15", "1", "0", "0", "0", "1"], ["2024-01-22", "0", "0", "0", "0", "0"],
        ["2024-01-29", "1", "1", "0", "0", "0"]]
    assert [r[-1] for r in rows] == ["▆", "▆", "▁", "▆", "█"]  # Goldstein sum 1, 0, -8, 0, 3.5
    assert "conflict (quad 3+4)  ▁▁█▁▁" in out


def test_relations_as_csv_and_json(db):
    result = run("relations", "USA", "CHN", "--both", "--by", "month", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [(r["period"], r["events"], r["goldstein_sum"]) for r in rows] == [
        ("2024-01-01", "3", "-9.0"), ("2024-02-01", "1", "3.5")]
    lines = run("relations", "RUS", "--by", "month", "--format", "json", "--db", db).stdout.decode().splitlines()
    assert [json.loads(line)["period"] for line in lines] == ["2024-01-01", "2024-02-01"]


def test_plot_writes_a_png(db, tmp_path):
    out = tmp_path / "usa_chn.png"
    result = run("relations", "USA", "CHN", "--both", "--plot", str(out), "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode().strip() == f"wrote {out}"
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


@pytest.mark.parametrize("args, message", [
    (["relations", "USA", "XYZ"], "error: --target 'XYZ': XYZ is no known country code"),
    (["relations", "USA", "--by", "year"], "error: --by 'year': one of day, week, month"),
    (["relations", "USA", "--since", "2024-02-01", "--until", "2024-01-01"],
     "error: --since 2024-02-01 is after --until 2024-01-01; swap them"),
    (["relations", "USA", "--plot", "/nonexistent/folder/out.png"], "error: /nonexistent/folder/out.png: the folder"),
])
def test_bad_arguments_are_one_line_and_exit_2(db, args, message):
    result = run(*args, "--db", db)
    assert result.returncode == 2
    stderr = result.stderr.decode().strip()
    assert stderr.startswith(message) and "\n" not in stderr


def test_counterparts_network_and_alerts(db):
    counter = list(csv.DictReader(io.StringIO(run("counterparts", "USA", "--format", "csv", "--db", db).stdout.decode())))
    assert [(r["counterpart"], r["events"]) for r in counter] == [("CHN", "4"), ("RUS", "1")]
    edges = list(csv.DictReader(io.StringIO(run("network", "--format", "csv", "--db", db).stdout.decode())))
    assert (edges[0]["source"], edges[0]["target"], edges[0]["events"]) == ("RUS", "UKR", "17")
    alerts = run("alerts", "--format", "csv", "--db", db).stdout.decode()
    assert {r["unit"] for r in csv.DictReader(io.StringIO(alerts))} == {"RUS", "UKR", "RUS-UKR"}
    table = run("alerts", "--db", db).stdout.decode()
    assert "3 alerts" in table and "RUS-UKR" in table
