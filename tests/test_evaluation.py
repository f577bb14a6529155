"""The scoring behind the accuracy gate, on hand-made predictions."""

from __future__ import annotations

import json

from detente.evaluation import Report, _flat, check_baseline, score_item, scores, split_code


def test_split_code():
    assert split_code("USAGOV") == ("USA", "GOV")
    assert split_code("CHN") == ("CHN", None)
    assert split_code("IGO") == (None, "IGO")
    assert split_code("") == (None, None)


def test_missing_and_spurious_events_cost_precision_and_recall():
    report = Report()
    gold = [_flat("USAGOV", "CONSULT", "CHNGOV", "asserted", "CHN"), _flat("CHNGOV", "ACCUSE", "USA", "asserted", None)]
    pred = [_flat("USAGOV", "CONSULT", "CHNGOV", "future", "CHN"), _flat("RUS", "ASSAULT", "UKR", "asserted", None)]
    score_item(report, gold, pred)
    assert report.fields["type"].tp == 1 and report.fields["modality"].tp == 0
    assert report.fields["event"].precision == 0.5 and report.fields["event"].recall == 0.5
    assert report.types["ASSAULT"].precision == 0.0 and report.types["ACCUSE"].recall == 0.0


def test_baseline_gate_reports_drops(tmp_path):
    report = Report()
    score_item(report, [_flat("USA", "AID", "UKR", "asserted", None)], [])
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"fields": {"event": 0.9}, "types": {"AID": 0.8}}))
    assert check_baseline(report, baseline) == ["field event: F1 0.000 < baseline 0.900",
                                                "type AID: F1 0.000 < baseline 0.800"]
    assert scores(report)["counts"] == {"items": 1, "gold_events": 1, "predicted_events": 0}
