"""GDELT 2.0 Events export: 61 columns that load in pandas with sensible values."""

from __future__ import annotations

import pandas as pd
import pytest

from detente.errors import ExportError, QueryError
from detente.export import FORMATS, export
from detente.export.gdelt import GDELT_COLUMNS, global_event_id
from detente.export.geo import fips, place_block
from detente.ontology import cameo_codes
from detente.store import open_store
from tests.export.conftest import AP_URL, REUTERS_URL, UN_URL, build_store


def load(path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def gdelt(store_db, tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("gdelt") / "events.tsv"
    summary = export(store_db, "gdelt", path)
    frame = load(path)
    assert summary.rows == len(frame) and summary.format == "gdelt"
    return frame


def meeting(frame: pd.DataFrame) -> pd.Series:
    rows = frame[frame.ActionGeo_FullName.str.startswith("Beijing")]
    assert len(rows) == 1, frame[["Actor1Code", "EventCode", "ActionGeo_FullName"]]
    return rows.iloc[0]


def test_the_export_loads_in_pandas_with_the_61_gdelt_columns(gdelt):
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    assert gdelt.shape[1] == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert gdelt.GLOBALEVENTID.str.isdigit().all()  # no header row by default
    assert gdelt.GLOBALEVENTID.is_unique
    assert set(gdelt.QuadClass) <= {"1", "2", "3", "4"}
    assert gdelt.DATEADDED.str.fullmatch(r"\d{14}").all()


def test_two_outlets_reporting_one_meeting_are_one_happening(gdelt):
    row = meeting(gdelt)
    assert (row.NumArticles, row.NumSources) == ("2", "2")
    assert int(row.NumMentions) >= 2
    assert {row.Actor1Code, row.Actor2Code} == {"CHNGOV", "USAGOV"}
    assert {row.Actor1Name, row.Actor2Name} == {"XI JINPING", "ANTONY BLINKEN"}
    assert {row.Actor1CountryCode, row.Actor2CountryCode} == {"CHN", "USA"}
    assert row.Actor1Type1Code == row.Actor2Type1Code == "GOV"
    assert row.SOURCEURL in (REUTERS_URL, AP_URL)
    assert (row.SQLDATE, row.MonthYear, row.Year) == ("20240426", "202404", "2024")
    assert row.FractionDate == f"{2024 + (4 * 30 + 26) / 365:.4f}"
    assert row.IsRootEvent == "1"  # told in the lead sentence


def test_event_codes_quad_class_and_goldstein_follow_the_cameo_code(gdelt):
    codes = cameo_codes()
    for _, row in gdelt.iterrows():
        code = codes[row.EventCode]
        assert row.EventBaseCode == row.EventCode[:3]
        assert row.EventRootCode == code.root == row.EventCode[:2]
        assert int(row.QuadClass) == code.quad_class
        assert float(row.GoldsteinScale) == code.goldstein
    assert meeting(gdelt).EventRootCode == "04"


def test_the_action_geography_is_beijing_with_fips_codes(gdelt):
    row = meeting(gdelt)
    assert row.ActionGeo_Type == "4"  # a city outside the US
    assert row.ActionGeo_FullName == "Beijing, China"
    assert (row.ActionGeo_CountryCode, row.ActionGeo_ADM1Code, row.ActionGeo_ADM2Code) == ("CH", "CH22", "")
    assert abs(float(row.ActionGeo_Lat) - 39.9075) < 0.01 and abs(float(row.ActionGeo_Long) - 116.3972) < 0.01
    assert row.ActionGeo_FeatureID == "1816670"  # GeoNames id of Beijing


def test_actor_geography_is_the_event_place_at_home_else_the_country(gdelt):
    row = meeting(gdelt)
    blocks = {row.Actor1CountryCode: "Actor1Geo_", row.Actor2CountryCode: "Actor2Geo_"}
    china, usa = blocks["CHN"], blocks["USA"]
    assert row[china + "FullName"] == "Beijing, China" and row[china + "Type"] == "4"
    assert (row[usa + "Type"], row[usa + "FullName"], row[usa + "CountryCode"]) == ("1", "United States", "US")
    assert row[usa + "FeatureID"] == "US" and abs(float(row[usa + "Lat"]) - 38.9) < 0.1  # Washington


def test_an_international_organisation_gets_its_known_group_code(gdelt):
    rows = gdelt[gdelt.Actor1KnownGroupCode == "UNO"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.Actor1Code, row.Actor1Type1Code, row.Actor1CountryCode) == ("IGOUNO", "IGO", "")
    assert row.Actor1Geo_Type == ""  # no country: no actor geography
    assert (row.Actor2Code, row.Actor2Geo_CountryCode) == ("PRK", "KN")
    assert row.SOURCEURL == UN_URL and row.EventRootCode == "11"


def test_a_us_city_and_an_article_without_url(gdelt):
    row = gdelt[gdelt.ActionGeo_FullName.str.startswith("Chicago")].iloc[0]
    assert (row.ActionGeo_Type, row.ActionGeo_ADM1Code) == ("3", "USIL")
    assert row.ActionGeo_FullName == "Chicago, Illinois, United States"
    assert row.SOURCEURL.startswith("text:")  # the article's key stands in for its URL
    assert row.QuadClass == "4"


def test_avg_tone_is_the_mean_over_the_happenings_articles(gdelt, store_db):
    with open_store(store_db) as store:
        tones = [r[0] for r in store.backend.rows('SELECT "tone_tone" FROM "articles" WHERE "url" IN (?, ?)',
                                                   (REUTERS_URL, AP_URL))]
    assert abs(float(meeting(gdelt).AvgTone) - sum(tones) / 2) < 1e-4


def test_ids_are_stable_integers_from_the_happening(gdelt, store_db, tmp_path):
    with open_store(store_db) as store:
        happenings = {r[0] for r in store.backend.rows('SELECT "id" FROM "happenings"')}
    assert set(gdelt.GLOBALEVENTID.astype(int)) <= {global_event_id(h) for h in happenings}
    assert all(0 < global_event_id(h) < 2 ** 63 for h in happenings)
    assert global_event_id("not-a-merge-id") == global_event_id("not-a-merge-id")
    again = load(export(store_db, "gdelt", tmp_path / "again.tsv").path)
    assert again.equals(gdelt)


def test_header_on_request_and_filters(store_db, tmp_path):
    path = export(store_db, "gdelt", tmp_path / "h.tsv", header=True, source="CHN").path
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(GDELT_COLUMNS) and set(frame.Actor1CountryCode) == {"CHN"}
    with pytest.raises(QueryError, match="PLOVER"):
        export(store_db, "gdelt", tmp_path / "bad.tsv", type="PARTY")


def test_errors_say_what_to_do(store_db, tmp_path):
    with pytest.raises(ExportError, match="one of csv, parquet"):
        export(store_db, "xlsx", tmp_path / "x.xlsx")
    assert "gdelt" in FORMATS
    with pytest.raises(ExportError, match="no such folder"):
        export(store_db, "gdelt", tmp_path / "missing" / "x.tsv")
    (tmp_path / "taken.tsv").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="--overwrite"):
        export(store_db, "gdelt", tmp_path / "taken.tsv")
    assert (tmp_path / "taken.tsv").read_text(encoding="utf-8") == "keep me"
    assert export(store_db, "gdelt", tmp_path / "taken.tsv", overwrite=True).rows > 0
    with pytest.raises(ExportError, match="widen the filters"):
        export(store_db, "gdelt", tmp_path / "none.tsv", since="2030-01-01")
    with pytest.raises(ExportError, match="is a folder"):
        export(store_db, "gdelt", tmp_path)
    with pytest.raises(ExportError, match="ingest articles first"):
        export(str(tmp_path / "empty.duckdb"), "polecat", tmp_path / "e.tsv")
    assert not list(tmp_path.glob(".*.partial"))


def test_fips_and_place_blocks():
    assert (fips("CHN"), fips("DEU"), fips("GBR"), fips("RUS"), fips("JPN")) == ("CH", "GM", "UK", "RS", "JA")
    assert fips("XXX") == "" and fips(None) == ""
    texas = place_block({"name": "Texas", "country": "USA", "kind": "region", "lat": 31.0, "lon": -97.5,
                         "geonameid": 4736286})
    assert (texas.type, texas.adm1, texas.full_name) == (2, "USTX", "Texas, United States")
    bavaria = place_block({"name": "Bavaria", "country": "DEU", "kind": "region", "lat": 48.8, "lon": 11.4})
    assert (bavaria.type, bavaria.country, bavaria.feature) == (5, "GM", "")
    assert place_block({"name": "Europe", "country": None, "kind": "other", "lat": 48.7, "lon": 9.1}) is None


def test_exports_are_the_same_from_duckdb_and_postgresql(store_db, postgres_url, tmp_path):
    build_store(postgres_url, tmp_path)
    for fmt in ("gdelt", "polecat", "csv"):
        from_duckdb = export(store_db, fmt, tmp_path / f"duck.{fmt}").path
        from_postgres = export(postgres_url, fmt, tmp_path / f"pg.{fmt}").path
        duck, pg = (pd.read_csv(p, sep="," if fmt == "csv" else "\t", header=None, dtype=str,
                                keep_default_na=False) for p in (from_duckdb, from_postgres))
        if fmt == "gdelt":  # ingest times differ between the two stores
            duck, pg = duck.drop(columns=[59]), pg.drop(columns=[59])
        pd.testing.assert_frame_equal(duck, pg)


def test_quote_marks_in_names_do_not_break_readers(store_db, tmp_path):
    """A name read with its quote mark ('"PEOPLE' in a wire story) once made
    pandas open a quoted field and mis-split the whole file."""
    import io

    from detente.export import gdelt
    from detente.export.happenings import build_where, happening_rows
    from detente.store import open_store

    with open_store(store_db) as store:
        rows = happening_rows(store, build_where(default_modality="asserted"))
    rows[0] = {**rows[0], "source_name": '"PEOPLE', "target_name": 'the "hawks"\tand doves'}
    out = io.StringIO()
    gdelt.write(rows, out)
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep="\t", header=None, names=GDELT_COLUMNS, dtype=str,
                        keep_default_na=False)
    assert len(frame) == len(rows) and frame.shape[1] == 61
    assert '"' not in out.getvalue()
