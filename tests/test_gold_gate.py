"""The accuracy gate: scores on the team's gold file must not drop below the
stored baseline (tests/gold/baseline.json). After a real improvement, refresh
the baseline with `make gold-baseline` and commit it with the change."""

from __future__ import annotations

from pathlib import Path

from detente.evaluation import check_baseline, evaluate_file, load_gold

GOLD = Path(__file__).parent / "gold" / "gold.jsonl"
BASELINE = Path(__file__).parent / "gold" / "baseline.json"
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_gold_file_covers_what_it_must():
    items = load_gold(GOLD)
    assert len(items) >= 150
    events = [e for item in items for e in item["events"]]
    assert {e["type"] for e in events} == TYPES
    assert {e["modality"] for e in events} == {"asserted", "future", "negated", "hypothetical"}
    tags = {t for item in items for t in item.get("tags", [])}
    assert {"passive", "coordination", "nominal", "reported_speech", "no_event"} <= tags
    assert sum(1 for item in items if not item["events"]) >= 25


def test_scores_do_not_drop_below_baseline():
    report = evaluate_file(GOLD)
    drops = check_baseline(report, BASELINE)
    assert not drops, "accuracy fell below the baseline:\n" + "\n".join(drops)
