"""The enrichment accuracy gate: tone sign, themes, quotes and event dates on
the team's gold file (tests/gold/enrichment.jsonl) must not drop below the
stored baseline (tests/gold/enrichment_baseline.json). After a real
improvement, refresh the baseline with
`python -m detente.enrichment_eval tests/gold/enrichment.jsonl --write-baseline tests/gold/enrichment_baseline.json`
and commit it with the change (docs/evaluation/enrichment-gold.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from detente.enrichment_eval import (
    SCORES,
    check_enrichment_baseline,
    date_right,
    evaluate_enrichment,
    load_items,
    normalise_name,
    normalise_quote,
    tone_sign,
)
from detente.errors import DataFileError
from detente.themes import taxonomy

GOLD = Path(__file__).parent / "gold" / "enrichment.jsonl"
BASELINE = Path(__file__).parent / "gold" / "enrichment_baseline.json"


def test_gold_file_covers_what_it_must():
    items = load_items(GOLD)  # also validates every item
    assert len(items) >= 80
    assert len({item["id"] for item in items}) == len(items)
    signs = [item["tone_sign"] for item in items]
    assert min(signs.count(s) for s in ("positive", "negative", "neutral")) >= 10
    keys = set(taxonomy())
    assert all(theme in keys for item in items for theme in item["themes"])
    quoted = [item for item in items if item["quotes"]]
    assert len(quoted) >= 20
    assert all(q["text"] in item["text"] for item in quoted for q in item["quotes"])
    assert any("“" in item["text"] for item in quoted) and any('"' in item["text"] for item in quoted)
    dated = [item for item in items if item["dates"]]
    assert len(dated) >= 30
    golds = [d for item in dated for d in item["dates"]]
    assert {d["precision"] for d in golds} >= {"day", "week", "month", "year", None}
    assert any(d["background"] for d in golds) and any(d["date"] is None and d["background"] for d in golds)
    assert any(item.get("date") is None for item in dated)  # no publication date: nothing to resolve against


def test_scores_do_not_drop_below_baseline():
    result = evaluate_enrichment(GOLD)
    assert set(result["scores"]) == set(SCORES)
    drops = check_enrichment_baseline(result, BASELINE)
    assert not drops, "enrichment accuracy fell below the baseline:\n" + "\n".join(drops)


def test_tone_band_and_normalisation():
    assert [tone_sign(t) for t in (0.99, -0.99, 1.0, -1.0, None)] == [
        "neutral", "neutral", "positive", "negative", "neutral"]
    assert normalise_quote(" “We will not accept these terms,” ") == "We will not accept these terms"
    assert normalise_quote("The West is lying.") == normalise_quote('"The West is lying"')
    assert normalise_name("Recep Tayyip Erdoğan") == normalise_name("recep tayyip erdogan")


def _event(date, precision, background=False):
    return SimpleNamespace(date=date and dt.date.fromisoformat(date), date_precision=precision, background=background)


def test_date_rule():
    gold = {"trigger": "met", "date": "2024-05-07", "precision": "day", "background": False}
    assert date_right(gold, _event("2024-05-08", "day"))
    assert not date_right(gold, _event("2024-05-09", "day"))
    assert date_right(gold, _event("2024-05-06", "week"))
    assert not date_right(gold, _event("2024-05-07", "day", background=True))
    assert not date_right(gold, None)
    year = {"trigger": "invaded", "date": "2008-01-01", "precision": "year", "background": True}
    assert date_right(year, _event("2008-01-01", "year", True))
    assert date_right({**year, "date": "2008-08-08"}, _event("2008-01-01", "year", True))
    assert not date_right(year, _event("2022-08-08", "day", True))
    recent = {"trigger": "visit", "date": None, "precision": None, "background": True}
    assert date_right(recent, _event(None, None, True))
    assert not date_right(recent, _event("2019-01-01", "year", True))


def test_baseline_check_reports_drops(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"scores": {"tone_sign": 0.9, "date": 0.8}}), encoding="utf-8")
    assert check_enrichment_baseline({"tone_sign": 0.897, "date": 0.9}, baseline) == []
    drops = check_enrichment_baseline({"scores": {"tone_sign": 0.85, "date": 0.9}}, baseline)
    assert drops == ["tone_sign: 0.850 < baseline 0.900"]


def test_bad_gold_is_refused(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "t", "tone_sign": "positive", "themes": ["no_such_theme"],
                               "quotes": [], "dates": []}) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no_such_theme"):
        load_items(bad)
