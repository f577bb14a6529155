"""POLECAT-compatible export: POLECAT's 40 columns, one row per happening."""

from __future__ import annotations

import pandas as pd
import pytest

from detente.export import export
from detente.export.polecat import EXTRA_COLUMNS, POLECAT_COLUMNS
from tests.export.conftest import AP_URL, REUTERS_URL


@pytest.fixture(scope="module")
def polecat(store_db, tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("polecat") / "events.tsv"
    summary = export(store_db, "polecat", path)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert summary.rows == len(frame)
    return frame


def test_columns_are_polecats_then_detentes_two(polecat):
    assert len(POLECAT_COLUMNS) == 40
    assert list(polecat.columns) == [*POLECAT_COLUMNS, *EXTRA_COLUMNS]


def test_the_beijing_meeting(polecat):
    rows = polecat[polecat.City == "Beijing"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["Event Type"], row["Event Date"], row["Quad Code"]) == ("CONSULT", "2024-04-26", "1")
    assert {row["Actor Country"], row["Recipient Country"]} == {"CHN", "USA"}
    assert {row["Actor Name"], row["Recipient Name"]} == {"Xi Jinping", "Antony Blinken"}
    assert row["Primary Actor Sector"] == row["Actor Sectors"] == "GOV"
    assert (row.Country, row["GeoNames ID"], row["Feature Type"]) == ("China", "1816670", "PPL")
    assert abs(float(row.Latitude) - 39.9075) < 0.01 and abs(float(row.Longitude) - 116.3972) < 0.01
    assert row["Raw Placename"] == "Beijing" and row.Placename == "Beijing"
    assert row.Source in ("Reuters", "AP") and row["Publication Date"] == "2024-04-26"
    assert {"Xi Jinping", "Antony Blinken"} <= set(row["Story People"].split(";"))
    assert "Beijing" in row["Story Locations"].split(";")
    assert row.Language == "en" and row.Version.startswith("detente-")
    assert "met" in row["Evidence Sentence"] and row["Source URL"] in (REUTERS_URL, AP_URL)
    assert row["Event ID"].startswith("m")


def test_unmapped_columns_are_empty(polecat):
    for column in ("Actor COW", "Recipient COW", "Wikipedia Actor ID", "Wikipedia Recipient ID", "District"):
        assert set(polecat[column]) == {""}


def test_intensity_is_a_plover_score(polecat):
    values = polecat["Event Intensity"].astype(float)
    assert values.between(-10, 10).all()


def test_modality_all_takes_every_report(store_db, tmp_path):
    asserted = export(store_db, "polecat", tmp_path / "a.tsv").rows
    every = export(store_db, "polecat", tmp_path / "b.tsv", modality="all", include_background=True).rows
    assert every > asserted  # the background accusations join
