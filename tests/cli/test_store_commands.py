"""`detente ingest`, `events`, `articles`, `actors` as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.test_extract import run
from tests.store.conftest import EXAMPLES


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    location = str(tmp_path_factory.mktemp("cli") / "cli.duckdb")
    result = run("ingest", str(EXAMPLES), "--db", location)
    assert result.returncode == 0, result.stderr.decode()
    assert summary_rows(result)["articles stored"] == "6"
    return location


def summary_rows(result) -> dict[str, str]:
    """The ingest summary table as {label: value}."""
    return {line.split("│")[1].strip(): line.split("│")[2].strip()
            for line in result.stdout.decode().splitlines() if line.count("│") == 3}


def test_a_rerun_stores_nothing_and_says_why(db):
    result = run("ingest", str(EXAMPLES), "--db", db)
    assert result.returncode == 0
    rows = summary_rows(result)
    assert rows["skipped: already stored"] == "6"
    assert rows["articles stored"] == "0" and rows["events stored"] == "0"


def test_bad_records_fail_the_run_but_the_good_ones_are_stored(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[1])
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x", "title": "no text"}) + "\n",
                    encoding="utf-8")
    location = str(tmp_path / "mixed.duckdb")
    result = run("ingest", str(path), "--db", location)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "articles stored" in out and "skipped: record" in out
    events = run("events", "--db", location, "--format", "json")
    assert events.returncode == 0 and events.stdout.strip()


def test_events_as_csv_have_the_schema_columns(db):
    result = run("events", "--db", db, "--format", "csv", "--source", "DEU")
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert rows and {r["source_country"] for r in rows} == {"DEU"}
    for column in ("type", "cameo", "goldstein", "quad_class", "modality", "evidence_sentence", "article_url",
                   "num_articles", "happening"):
        assert column in rows[0]


def test_events_as_json_lines(db):
    result = run("events", "--db", db, "--format", "json", "--type", "CONSULT", "--limit", "3")
    lines = result.stdout.decode().splitlines()
    assert 1 <= len(lines) <= 3
    records = [json.loads(line) for line in lines]
    assert all(r["type"] == "CONSULT" for r in records)
    assert records[0]["article_date"] == "2022-12-05" or len(records[0]["article_date"]) == 10


def test_a_bad_filter_is_one_line_and_exit_2(db):
    result = run("events", "--db", db, "--source", "XYZ")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "error: --source 'XYZ': XYZ is no known country code; use ISO 3166 alpha-3, e.g. USA, CHN")


def test_articles_and_actors_tables(db):
    articles = run("articles", "--db", db).stdout.decode()
    assert "Baerbock courts India" in articles
    actors = run("actors", "--db", db, "--country", "DEU", "--format", "csv").stdout.decode()
    assert "Annalena Baerbock" in actors


def test_export_gdelt_loads_in_pandas_with_61_columns(db, tmp_path):
    import pandas as pd

    from detente.export.gdelt import GDELT_COLUMNS

    out = tmp_path / "events.tsv"
    result = run("export", str(out), "--format", "gdelt", "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode().startswith("wrote ")
    frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)
    assert len(GDELT_COLUMNS) == 61 and frame.shape[1] == 61 and len(frame)
    assert {"DEU", "IND"} <= set(frame["Actor1CountryCode"]) | set(frame["Actor2CountryCode"])
    assert set(frame["QuadClass"]) <= {"1", "2", "3", "4"}
    again = run("export", str(out), "--format", "gdelt", "--db", db)
    assert again.returncode == 2 and "--overwrite" in again.stderr.decode()
