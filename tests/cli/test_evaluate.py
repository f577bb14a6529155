"""`detente evaluate`: scores a gold file and fails below a baseline."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_extract import run

GOLD = [
    {"id": "g1", "text": "The European Union imposed new sanctions on Iran.", "date": "2024-03-01",
     "events": [{"source": "IGO", "type": "SANCTION", "target": "IRN", "modality": "asserted", "location": None}]},
    {"id": "g2", "text": "The weather in Paris was mild on Sunday.", "date": "2024-03-01", "events": []},
]


def write_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(item) for item in GOLD) + "\n", encoding="utf-8")
    return gold


def test_scores_and_baseline_round_trip(tmp_path: Path):
    gold, baseline = write_gold(tmp_path), tmp_path / "baseline.json"
    result = run("evaluate", str(gold), "--write-baseline", str(baseline))
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "2 gold items, 1 gold events, 1 predicted" in out and "SANCTION" in out
    assert json.loads(baseline.read_text())["fields"]["event"] == 1.0
    assert run("evaluate", str(gold), "--baseline", str(baseline)).returncode == 0


def test_a_drop_below_the_baseline_fails(tmp_path: Path):
    gold, baseline = write_gold(tmp_path), tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"fields": {"event": 1.0}, "types": {"ASSAULT": 0.9}}), encoding="utf-8")
    result = run("evaluate", str(gold), "--baseline", str(baseline))
    assert result.returncode == 1
    assert "type ASSAULT: F1 0.000 < baseline 0.900" in result.stderr.decode()


def test_malformed_gold_is_reported(tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "text": "a"\n', encoding="utf-8")
    result = run("evaluate", str(gold))
    assert result.returncode == 2
    assert f"{gold} line 1: not valid JSON" in result.stderr.decode()
