"""Accuracy against the team's gold sentences (tests/gold/gold.jsonl).

Predicted and gold events of an item are aligned greedily by similarity
(same type counts most). A field is right when an aligned pair agrees on it;
precision divides by predicted events, recall by gold events, so missing and
spurious events cost on every field. Per type, counts are compared item by
item. ``check_baseline`` is the CI gate: any F1 below the stored baseline
(minus a small tolerance for float noise) fails.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from detente.actors.lexicon import country_lexicon
from detente.errors import DataFileError

FIELDS = ("event", "type", "source_country", "source_sector", "target_country", "target_sector",
          "modality", "location")
TOLERANCE = 0.005


@dataclass
class Score:
    tp: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0 if not self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    items: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    types: dict[str, Score] = field(default_factory=dict)
    mismatches: list[dict] = field(default_factory=list)


@cache
def _countries() -> frozenset[str]:
    return frozenset(row.iso3 for row in country_lexicon().rows)


def split_code(code: str | None) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    if code[:3] in _countries():
        return code[:3], code[3:] or None
    return None, code


def _flat(source: str | None, type_: str, target: str | None, modality: str, location: str | None) -> dict:
    sc, ss = split_code(source)
    tc, ts = split_code(target)
    flat = {"type": type_, "source_country": sc, "source_sector": ss, "target_country": tc,
            "target_sector": ts, "modality": modality, "location": location}
    flat["event"] = (type_, source or "", target or "")
    return flat


def _similarity(a: dict, b: dict) -> int:
    """Agreement on known values; empty fields agreeing prove nothing."""
    return sum(3 if f == "type" else 1 for f in FIELDS[1:] if a[f] == b[f] and a[f] is not None)


def _align(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    pairs = sorted(((_similarity(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g, used_p, aligned = set(), set(), []
    for sim, i, j in pairs:
        if sim >= 3 and i not in used_g and j not in used_p:
            used_g.add(i), used_p.add(j)
            aligned.append((gold[i], pred[j]))
    return aligned


def score_item(report: Report, gold: list[dict], pred: list[dict]) -> None:
    report.items += 1
    report.gold_events += len(gold)
    report.predicted_events += len(pred)
    for name in FIELDS:
        report.fields[name].gold += len(gold)
        report.fields[name].predicted += len(pred)
    for g, p in _align(gold, pred):
        for name in FIELDS:
            report.fields[name].tp += g[name] == p[name]
    gold_types, pred_types = Counter(g["type"] for g in gold), Counter(p["type"] for p in pred)
    for type_ in gold_types | pred_types:
        score = report.types.setdefault(type_, Score())
        score.gold += gold_types[type_]
        score.predicted += pred_types[type_]
        score.tp += min(gold_types[type_], pred_types[type_])


def load_gold(path: Path) -> list[dict]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{path} line {number}: not valid JSON ({exc.msg}); fix the line") from None
    if not items:
        raise DataFileError(f"{path}: no gold items; see docs/data-formats.md for the format")
    return items


def _stated_location(event) -> str | None:
    """The gold says where the text puts an event; dateline and article
    fallbacks are guesses the gold does not score."""
    if event.location is None or event.location_precision in ("dateline", "article"):
        return None
    return event.location.country


def evaluate_items(items: list[dict]) -> Report:
    from detente.analysis import analyze_many

    report = Report()
    articles = [{"id": it["id"], "text": it["text"], "date": it.get("date")} for it in items]
    for item, analysis in zip(items, analyze_many(articles)):
        gold = [_flat(e["source"], e["type"], e.get("target"), e["modality"], e.get("location")) for e in item["events"]]
        pred = [_flat(e.source.code, e.type, e.target.code if e.target else None, e.modality,
                      _stated_location(e)) for e in analysis.events]
        score_item(report, gold, pred)
        if sorted(g["event"] + (g["modality"],) for g in gold) != sorted(p["event"] + (p["modality"],) for p in pred):
            report.mismatches.append({"id": item["id"], "text": item["text"],
                                      "gold": [g["event"] + (g["modality"],) for g in gold],
                                      "predicted": [p["event"] + (p["modality"],) for p in pred]})
    report.types = dict(sorted(report.types.items()))
    return report


def evaluate_file(path: Path) -> Report:
    return evaluate_items(load_gold(Path(path)))


def scores(report: Report) -> dict:
    return {
        "fields": {k: round(v.f1, 4) for k, v in report.fields.items()},
        "types": {k: round(v.f1, 4) for k, v in report.types.items()},
        "counts": {"items": report.items, "gold_events": report.gold_events,
                   "predicted_events": report.predicted_events},
        "detail": {k: asdict(v) for k, v in report.fields.items()},
    }


def write_scores(report: Report, path: Path) -> None:
    Path(path).write_text(json.dumps(scores(report), indent=2, sort_keys=True) + "\n", encoding="utf-8")


def check_baseline(report: Report, path: Path) -> list[str]:
    """Descriptions of every F1 that fell below the baseline."""
    baseline = json.loads(Path(path).read_text(encoding="utf-8"))
    now = scores(report)
    drops = []
    for group in ("fields", "types"):
        for name, old in baseline.get(group, {}).items():
            new = now[group].get(name, 0.0)
            if new < old - TOLERANCE:
                drops.append(f"{group[:-1]} {name}: F1 {new:.3f} < baseline {old:.3f}")
    return drops
