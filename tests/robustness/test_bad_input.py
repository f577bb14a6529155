"""Every bad input of the corpus (tests/robustness/corpus.py) through one real
``detente ingest FOLDER`` run: a clear skip for each, nothing crashes, the
good articles are stored, memory and time stay bounded, and
docs/evaluation/bad-input.md says what the run did."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.robustness.corpus import CASES, GOOD_TEXT, SECRET, outcomes, run_ingest, table, write_corpus

DOC = ROOT / "docs" / "evaluation" / "bad-input.md"
PEAK_MB = 1500


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad-input")
    folder = write_corpus(tmp / "inputs")
    db = tmp / "store.duckdb"
    return folder, db, run_ingest(folder, db)


@pytest.fixture(scope="module")
def found(ingested):
    folder, db, _ = ingested
    return outcomes(db, folder)


def test_the_run_fails_cleanly(ingested):
    _, _, run = ingested
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "Error:" not in run.stderr, run.stderr
    assert "articles stored" in run.stdout


def test_memory_and_time_stay_bounded(ingested):
    _, _, run = ingested
    assert run.peak_mb < PEAK_MB, f"peak {run.peak_mb:.0f} MB"
    assert run.seconds < 300


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_input_is_stored_or_skipped_with_its_reason(case, found):
    got = {item: found[item].outcome if item in found else "missing" for item in case.expected}
    assert got == case.expected


def test_nothing_else_happened(found):
    expected = {item for case in CASES for item in case.expected}
    assert set(found) == expected


def test_skips_name_the_input_and_what_to_do(found):
    for outcome in found.values():
        if outcome.outcome != "stored":
            assert ";" in outcome.message and len(outcome.message) < 400, outcome


def _texts(db: Path) -> dict[str, str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT external_id, text, coalesce(title, '') FROM articles").fetchall()
    return {external_id.rsplit("/", 1)[-1]: text + "\n" + title for external_id, text, title in rows}


def test_legacy_encodings_are_decoded_not_garbled(ingested):
    folder, db, _ = ingested
    texts = _texts(db)
    assert texts["good.txt"].startswith(GOOD_TEXT)
    assert "Le président Emmanuel Macron a reçu" in texts["latin1.txt"]
    for name, encoding in (("utf16-bom.txt", "utf-16"), ("utf16-nobom.txt", "utf-16-le")):
        assert texts[name].startswith((folder / name).read_bytes().decode(encoding))
    assert all("\ufffd" not in text for text in texts.values())


def test_no_external_entity_is_ever_read(ingested):
    _, db, _ = ingested
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else SECRET
    for text in _texts(db).values():
        assert SECRET not in text and "&xxe" not in text
        assert len(hostname) < 4 or hostname not in text


def test_the_evaluation_doc_is_current(found):
    assert DOC.read_text() == table(found), (
        "docs/evaluation/bad-input.md is stale: run .venv/bin/python scripts/bad_input_table.py")
