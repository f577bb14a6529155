"""Accuracy of the enrichment (tone sign, themes, quotes, event dates) against
the team's gold file ``tests/gold/enrichment.jsonl``
(docs/evaluation/enrichment-gold.md).

Each gold line is one short news story::

    {"id", "text", "date", "tone_sign": "positive"|"negative"|"neutral",
     "themes": [theme keys that must be found],
     "quotes": [{"speaker": name or null, "text": exact quoted words}],
     "dates": [{"trigger": word, "date": "YYYY-MM-DD" or null,
                "precision": "day"|"week"|"month"|"year"|null, "background": bool}]}

Scores, all in [0, 1]:

``tone_sign``
    share of items whose article tone has the gold sign. The tone is
    ``analysis.tone.tone`` (GDELT-style, percentage points); ``|tone| <
    TONE_BAND`` (1.0) counts as neutral, ``>= 1.0`` positive, ``<= -1.0``
    negative.
``theme_recall``
    gold themes found among ``analysis.themes`` / gold themes.
``theme_precision_top3``
    share of the (up to) three best predicted themes of each item that are
    gold themes. Gold lists the themes a story must have, not every theme it
    touches, so this is a lower bound on precision.
``quote_recall``
    gold quotes matched by a predicted quote / gold quotes. A predicted quote
    matches when its text equals the gold text after normalisation (white
    space collapsed; quotation marks and a trailing comma, full stop,
    semicolon or colon stripped at either end). Each predicted quote matches
    at most one gold quote. Gold lists direct quotations only; predicted
    reported speech simply matches nothing (no quote precision is computed).
``quote_speaker``
    among matched quotes, share whose speaker is right: the predicted
    speaker's name equals the gold name ignoring case and accents, or both
    are null.
``date``
    share of gold date expectations met. The event is the first predicted
    event (in text order) whose ``evidence.trigger`` equals the gold trigger
    word (ignoring case); no such event counts as wrong. A gold date of null
    needs a null predicted date; otherwise the predicted date must lie within
    one day of the gold date, or, when the predicted precision is week,
    month or year, the gold date must lie within the predicted period
    (``date`` is the first day of that period). In both cases ``background``
    must equal the gold flag.

``check_enrichment_baseline`` is the CI gate: any score below the stored
baseline minus ``TOLERANCE`` fails. ``python -m detente.enrichment_eval FILE``
prints the table; ``--write-baseline`` stores the scores, ``--baseline``
checks them, ``--errors`` lists the misses.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path

from detente.errors import DataFileError

TONE_BAND = 1.0
TOLERANCE = 0.005
SCORES = ("tone_sign", "theme_recall", "theme_precision_top3", "quote_recall", "quote_speaker", "date")
SIGNS = ("positive", "negative", "neutral")
PRECISIONS = ("day", "week", "month", "year")
QUOTE_MARKS = "\"'“”‘’«»„"
EDGE = QUOTE_MARKS + " \t\n,.;:"


def tone_sign(tone: float | None) -> str:
    """The sign of a GDELT-style tone: |tone| < TONE_BAND is neutral."""
    if tone is None or abs(tone) < TONE_BAND:
        return "neutral"
    return "positive" if tone > 0 else "negative"


def normalise_quote(text: str) -> str:
    return " ".join(text.split()).strip(EDGE)


def normalise_name(name: str | None) -> str | None:
    if name is None:
        return None
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def period_end(start: dt.date, precision: str | None) -> dt.date:
    """The day after the period that starts on ``start``."""
    if precision == "week":
        return start + dt.timedelta(days=7)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1]) + dt.timedelta(days=1)
    if precision == "year":
        return dt.date(start.year + 1, 1, 1)
    return start + dt.timedelta(days=1)


def date_right(gold: dict, event) -> bool:
    """Whether a predicted event meets one gold date expectation."""
    if event is None or bool(event.background) != bool(gold["background"]):
        return False
    want = dt.date.fromisoformat(gold["date"]) if gold.get("date") else None
    if want is None or event.date is None:
        return want is None and event.date is None
    if abs((event.date - want).days) <= 1:
        return True
    return event.date_precision in ("week", "month", "year") and event.date <= want < period_end(
        event.date, event.date_precision)


def _theme_keys() -> set[str]:
    from detente.themes import taxonomy

    return set(taxonomy())


def validate(items: list[dict], path: Path | str = "gold") -> None:
    """Raise DataFileError naming the first malformed item."""
    keys = _theme_keys()
    for item in items:
        where = f"{path}: item {item.get('id')!r}"
        for name in ("id", "text", "tone_sign", "themes", "quotes", "dates"):
            if name not in item:
                raise DataFileError(f"{where} has no {name!r}; see docs/evaluation/enrichment-gold.md")
        if item["tone_sign"] not in SIGNS:
            raise DataFileError(f"{where}: tone_sign must be one of {', '.join(SIGNS)}")
        unknown = [t for t in item["themes"] if t not in keys]
        if unknown:
            raise DataFileError(f"{where}: unknown theme key(s) {', '.join(unknown)} (see themes.tsv)")
        for quote in item["quotes"]:
            if not quote.get("text") or "speaker" not in quote:
                raise DataFileError(f"{where}: every quote needs 'speaker' (or null) and 'text'")
        for gold in item["dates"]:
            if not gold.get("trigger") or "background" not in gold or "date" not in gold:
                raise DataFileError(f"{where}: every date needs 'trigger', 'date' (or null) and 'background'")
            precision = gold.get("precision")
            if precision not in (*PRECISIONS, None) or (gold["date"] is None) != (precision is None):
                raise DataFileError(f"{where}: a date needs a precision of {', '.join(PRECISIONS)}, a null date none")
            if gold["date"] is not None:
                try:
                    dt.date.fromisoformat(gold["date"])
                except ValueError:
                    raise DataFileError(f"{where}: date {gold['date']!r} is not YYYY-MM-DD") from None


def _ratio(right: int, total: int) -> float:
    return round(right / total, 4) if total else 1.0


COUNTERS = ("items", "tone_right", "gold_themes", "themes_found", "top3_predicted", "top3_in_gold",
            "gold_quotes", "quotes_matched", "speakers_right", "gold_dates", "date_events_found", "dates_right")


def evaluate_items(items: list[dict]) -> dict:
    """Score analyses of the gold items; returns scores, counts and errors."""
    from detente.analysis import analyze_many

    n = dict.fromkeys(COUNTERS, 0)
    by_sign = {s: [0, 0] for s in SIGNS}
    errors: list[dict] = []
    articles = [{"id": it["id"], "text": it["text"], "date": it.get("date")} for it in items]
    for item, analysis in zip(items, analyze_many(articles)):
        n["items"] += 1
        err: dict = {}
        for scorer in (_score_tone, _score_themes, _score_quotes, _score_dates):
            scorer(item, analysis, n, err, by_sign)
        if err:
            errors.append({"id": item["id"], "text": item["text"], "date": item.get("date"), **err})
    return _summary(n, by_sign, errors)


def _score_tone(item, analysis, n, err, by_sign) -> None:
    tone = analysis.tone.tone if analysis.tone else None
    sign = tone_sign(tone)
    by_sign[item["tone_sign"]][1] += 1
    if sign == item["tone_sign"]:
        n["tone_right"] += 1
        by_sign[item["tone_sign"]][0] += 1
    else:
        err["tone"] = {"gold": item["tone_sign"], "predicted": sign, "tone": tone}


def _score_themes(item, analysis, n, err, by_sign) -> None:
    found = [t.theme for t in analysis.themes]
    n["gold_themes"] += len(item["themes"])
    n["themes_found"] += sum(t in found for t in item["themes"])
    top3 = found[:3]
    n["top3_predicted"] += len(top3)
    n["top3_in_gold"] += sum(t in item["themes"] for t in top3)
    if any(t not in found for t in item["themes"]):
        err["themes"] = {"missing": [t for t in item["themes"] if t not in found], "predicted": found}


def _score_quotes(item, analysis, n, err, by_sign) -> None:
    unused = list(analysis.quotes)
    for quote in item["quotes"]:
        n["gold_quotes"] += 1
        want = normalise_quote(quote["text"])
        match = next((q for q in unused if normalise_quote(q.text) == want), None)
        if match is None:
            err.setdefault("quotes", []).append({"missing": quote["text"],
                                                 "predicted": [q.text for q in analysis.quotes]})
            continue
        unused.remove(match)
        n["quotes_matched"] += 1
        said = match.speaker.name if match.speaker else None
        if normalise_name(said) == normalise_name(quote["speaker"]):
            n["speakers_right"] += 1
        else:
            err.setdefault("quotes", []).append({"text": quote["text"], "speaker": quote["speaker"],
                                                 "predicted_speaker": said})


def _score_dates(item, analysis, n, err, by_sign) -> None:
    events = sorted(analysis.events, key=lambda e: e.evidence.trigger_start)
    for gold in item["dates"]:
        n["gold_dates"] += 1
        event = next((e for e in events if e.evidence.trigger.casefold() == gold["trigger"].casefold()), None)
        n["date_events_found"] += event is not None
        if date_right(gold, event):
            n["dates_right"] += 1
            continue
        predicted = None if event is None else {
            "date": event.date and event.date.isoformat(), "precision": event.date_precision,
            "background": event.background}
        err.setdefault("dates", []).append({"gold": gold, "predicted": predicted})


def _summary(n: dict, by_sign: dict, errors: list[dict]) -> dict:
    scores = {
        "tone_sign": _ratio(n["tone_right"], n["items"]),
        "theme_recall": _ratio(n["themes_found"], n["gold_themes"]),
        "theme_precision_top3": _ratio(n["top3_in_gold"], n["top3_predicted"]),
        "quote_recall": _ratio(n["quotes_matched"], n["gold_quotes"]),
        "quote_speaker": _ratio(n["speakers_right"], n["quotes_matched"]),
        "date": _ratio(n["dates_right"], n["gold_dates"]),
    }
    tone_by_sign = {s: _ratio(r, t) for s, (r, t) in by_sign.items()}
    n.update({f"{s}_items": t for s, (r, t) in by_sign.items()})
    return {"scores": scores, "tone_by_sign": tone_by_sign, "counts": n, "errors": errors}


def load_items(path: Path | str) -> list[dict]:
    from detente.evaluation import load_gold

    items = load_gold(Path(path))
    validate(items, path)
    return items


def evaluate_enrichment(path: Path | str) -> dict:
    """Run ``detente.analyze_many`` on the gold file and score it."""
    return evaluate_items(load_items(path))


def baseline_payload(result: dict) -> dict:
    return {"scores": result["scores"], "tone_by_sign": result["tone_by_sign"], "counts": result["counts"]}


def write_baseline(result: dict, path: Path | str) -> None:
    Path(path).write_text(json.dumps(baseline_payload(result), indent=2, sort_keys=True) + "\n", encoding="utf-8")


def check_enrichment_baseline(scores: dict, baseline_path: Path | str) -> list[str]:
    """Descriptions of every score that fell below the baseline (minus TOLERANCE).

    ``scores`` is the result of ``evaluate_enrichment`` or its ``scores`` dict.
    """
    now = scores.get("scores", scores)
    baseline = json.loads(Path(baseline_path).read_text(encoding="utf-8"))
    drops = []
    for name, old in baseline.get("scores", {}).items():
        new = now.get(name, 0.0)
        if new < old - TOLERANCE:
            drops.append(f"{name}: {new:.3f} < baseline {old:.3f}")
    return drops


def table(result: dict) -> str:
    c = result["counts"]
    rows = [
        ("tone sign", result["scores"]["tone_sign"], f"{c['tone_right']}/{c['items']} items"),
        ("theme recall", result["scores"]["theme_recall"], f"{c['themes_found']}/{c['gold_themes']} gold themes"),
        ("theme precision (top 3)", result["scores"]["theme_precision_top3"],
         f"{c['top3_in_gold']}/{c['top3_predicted']} predicted"),
        ("quote recall", result["scores"]["quote_recall"], f"{c['quotes_matched']}/{c['gold_quotes']} gold quotes"),
        ("quote speaker", result["scores"]["quote_speaker"], f"{c['speakers_right']}/{c['quotes_matched']} matched"),
        ("event date", result["scores"]["date"],
         f"{c['dates_right']}/{c['gold_dates']} ({c['date_events_found']} events found)"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'score'.ljust(width)}  value  count", f"{'-' * width}  -----  -----"]
    lines += [f"{name.ljust(width)}  {value:.3f}  {count}" for name, value, count in rows]
    signs = ", ".join(f"{s} {v:.3f} ({c[s + '_items']})" for s, v in result["tone_by_sign"].items())
    lines.append(f"tone sign by gold sign: {signs}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detente.enrichment_eval",
                                     description="Score tone sign, themes, quotes and event dates on a gold file.")
    parser.add_argument("gold", type=Path, help="gold JSONL, e.g. tests/gold/enrichment.jsonl")
    parser.add_argument("--write-baseline", type=Path, metavar="FILE", help="store the scores as the new baseline")
    parser.add_argument("--baseline", type=Path, metavar="FILE", help="fail (exit 1) if a score drops below FILE")
    parser.add_argument("--errors", action="store_true", help="list every item with a miss")
    args = parser.parse_args(argv)
    try:
        result = evaluate_enrichment(args.gold)
    except (OSError, DataFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(table(result))
    if args.errors:
        for err in result["errors"]:
            print(json.dumps(err, ensure_ascii=False, default=str))
    if args.write_baseline:
        write_baseline(result, args.write_baseline)
        print(f"baseline written to {args.write_baseline}")
    if args.baseline:
        drops = check_enrichment_baseline(result, args.baseline)
        if drops:
            print("below the baseline:\n" + "\n".join(drops), file=sys.stderr)
            return 1
        print(f"no score below {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
