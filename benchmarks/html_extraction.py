"""How well ``detente.ingest.html.read_html`` extracts article bodies from real pages.

For every page of ``../shared/corpus/html`` (beside the repository) with an
``.expected.txt`` (the hand-checked bodies of the article-extraction
benchmark), the body read_html gives is compared with the expected text on
whitespace-normalised word tokens:

- **F1**: bag-of-words precision (share of extracted words that belong to the
  article) and recall (share of the article's words that were extracted);
- **ratio**: difflib SequenceMatcher ratio of the two word sequences, which
  also punishes words out of order or boilerplate in the middle.

It then checks the pages with metadata expectations (the trafilatura
evaluation pages): title, date and author equal to the expected ones, strings
that must be in the body, boilerplate that must not.

Run: ``.venv/bin/python benchmarks/html_extraction.py [--compare]``.
``--compare`` scores other trafilatura options side by side (how the defaults
in ``detente.ingest.html.EXTRACTION`` were chosen). Prints tables; writes
nothing. Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO.parent / "shared" / "corpus" / "html"
VARIANTS = {
    "trafilatura's defaults (comments kept)": {},
    "detente: no comments": {"include_comments": False},
    "no comments, favor_precision": {"include_comments": False, "favor_precision": True},
    "no comments, favor_recall": {"include_comments": False, "favor_recall": True},
    "no comments, no tables": {"include_comments": False, "include_tables": False},
    "no comments, deduplicate": {"include_comments": False, "deduplicate": True},
}


def tokens(text: str) -> list[str]:
    return text.split()


def f1(got: list[str], want: list[str]) -> tuple[float, float, float]:
    common = sum((Counter(got) & Counter(want)).values())
    precision = common / len(got) if got else 0.0
    recall = common / len(want) if want else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if common else 0.0)


def ratio(got: list[str], want: list[str]) -> float:
    return difflib.SequenceMatcher(None, got, want, autojunk=False).ratio()


def manifest() -> list[dict]:
    with open(PAGES / "manifest.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def extract(page: dict):
    from detente.errors import InputError
    from detente.ingest.html import read_html

    try:
        return read_html((PAGES / page["file"]).read_bytes(), page["file"], page["url"])
    except InputError:
        return None


def body_scores(pages: list[dict]) -> list[dict]:
    rows = []
    for page in pages:
        article = extract(page)
        got = tokens(article.text) if article else []
        want = tokens((PAGES / page["expected_text_file"]).read_text(encoding="utf-8"))
        precision, recall, score = f1(got, want)
        rows.append({"file": page["file"], "precision": precision, "recall": recall, "f1": score,
                     "ratio": ratio(got, want)})
    return rows


def summary(rows: list[dict]) -> dict[str, tuple[float, float]]:
    return {key: (statistics.mean(r[key] for r in rows), statistics.median(r[key] for r in rows))
            for key in ("f1", "precision", "recall", "ratio")}


def print_summary(rows: list[dict], seconds: float) -> None:
    print(f"Body extraction, {len(rows)} pages with expected text ({seconds:.1f} s)\n")
    print("| measure | mean | median |\n| --- | --- | --- |")
    for key, (mean, median) in summary(rows).items():
        print(f"| {key} | {mean:.3f} | {median:.3f} |")
    print("\nWorst 5 pages by F1\n\n| page | F1 | precision | recall | ratio |\n| --- | --- | --- | --- | --- |")
    for row in sorted(rows, key=lambda r: r["f1"])[:5]:
        print(f"| {row['file']} | {row['f1']:.3f} | {row['precision']:.3f} | {row['recall']:.3f} | {row['ratio']:.3f} |")


def same(got: str | None, want: str | None) -> bool:
    norm = (lambda s: " ".join(str(s).lower().replace(".", "").split()))  # noqa: E731
    return got is not None and norm(got) == norm(want)


def metadata_scores(pages: list[dict]) -> None:
    counts = Counter()
    for page in pages:
        article = extract(page)
        text = article.text if article else ""
        for field in ("title", "date", "author"):
            want = page[f"expected_{field}"]
            if want:
                counts[field, "n"] += 1
                counts[field, "ok"] += same(getattr(article, field, None) if article else None, want)
        counts["contains", "n"] += len(page["expected_contains"])
        counts["contains", "ok"] += sum(s in text for s in page["expected_contains"])
        counts["absent", "n"] += len(page["expected_absent"])
        counts["absent", "ok"] += sum(s not in text for s in page["expected_absent"])
    print(f"\nMetadata and spot checks, {len(pages)} pages with expectations\n")
    print("| check | right | of |\n| --- | --- | --- |")
    for check in ("title", "date", "author", "contains", "absent"):
        print(f"| {check} | {counts[check, 'ok']} | {counts[check, 'n']} |")


def compare(pages: list[dict]) -> None:
    print("| options | mean F1 | median F1 | mean ratio | median ratio |\n| --- | --- | --- | --- | --- |")
    for name, options in VARIANTS.items():
        with mock.patch.dict("detente.ingest.html.EXTRACTION", options, clear=True):
            scores = summary(body_scores(pages))
        print(f"| {name} | {scores['f1'][0]:.3f} | {scores['f1'][1]:.3f} | "
              f"{scores['ratio'][0]:.3f} | {scores['ratio'][1]:.3f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also score other trafilatura options")
    args = parser.parse_args()
    if not (PAGES / "manifest.jsonl").exists():
        print(f"skipped: {PAGES} not found (the shared data folder sits beside the repository)")
        return 0
    sys.path.insert(0, str(REPO / "src"))
    pages = manifest()
    with_body = [p for p in pages if p["expected_text_file"]]
    started = time.perf_counter()
    rows = body_scores(with_body)
    print_summary(rows, time.perf_counter() - started)
    metadata_scores([p for p in pages if p["expected_title"] or p["expected_contains"]])
    if args.compare:
        print("\ntrafilatura options compared\n")
        compare(with_body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
