"""Near-duplicate stories in the shared news corpus, and their merged events.

One-off evaluation behind docs/evaluation/near-duplicates.md:

1. ``detente.merge.near_duplicate_clusters`` over the texts of all records of
   ``../shared/corpus/news.jsonl`` (beside the repository), timed; clusters
   counted by size and by source prefix; the same run at other thresholds.
2. Five example clusters (the first of each source prefix that has one) with
   ids, titles and the estimated similarity (MinHash) next to the exact
   Jaccard similarity of the shingle sets.
3. Ten clusters drawn at random (seed ``--seed``) with, for each pair, the
   sentences only one side has: the material for reading them side by side.
4. ``detente.analyze_many`` on the articles of five politics/world/conflict
   clusters (taken in turn from each source prefix, skipping clusters with
   an article without events) and ``detente.merge.merge_events`` on those
   analyses: the merged events with their counts.

Run: ``.venv/bin/python benchmarks/near_duplicates.py [--threshold 0.8] [--seed 3]``.
Prints a summary; writes nothing. Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl"
PREFIXES = ("isot-reuters-", "reuters21578-", "bbc-", "muc3-", "agnews-test-", "aeb-")
OTHER_THRESHOLDS = (0.5, 0.7, 0.9)
NEWS_CATEGORIES = {"politics", "world", "conflict"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=3, help="seed of the ten clusters drawn for reading")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    return parser.parse_args()


def prefix(record_id: str) -> str:
    return next((p for p in PREFIXES if record_id.startswith(p)), "other")


def load(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as lines:
        return {r["id"]: r for r in map(json.loads, lines)}


def timed_clusters(records: dict[str, dict], threshold: float) -> tuple[list[list[str]], float]:
    from detente.merge import near_duplicate_clusters

    start = time.perf_counter()
    clusters = near_duplicate_clusters(((k, r["text"]) for k, r in records.items()), threshold=threshold)
    return clusters, time.perf_counter() - start


def similarities(cluster: list[str], records: dict[str, dict]) -> tuple[float, float]:
    """Lowest pairwise (estimated, exact) Jaccard similarity in a cluster."""
    from detente.merge import shingles, signature

    sigs = {k: signature(records[k]["text"]) for k in cluster}
    sets = {k: shingles(records[k]["text"]) for k in cluster}
    pairs = list(itertools.combinations(cluster, 2))
    estimated = min(sigs[a].jaccard(sigs[b]) for a, b in pairs)
    exact = min(len(sets[a] & sets[b]) / len(sets[a] | sets[b]) for a, b in pairs)
    return estimated, exact


def report_counts(clusters: list[list[str]], records: dict[str, dict], seconds: float, threshold: float) -> None:
    print(f"## Clusters at threshold {threshold} ({len(records):,} records, {seconds:.1f} s)\n")
    print(f"clusters: {len(clusters)}, articles in them: {sum(map(len, clusters))}")
    print("sizes:", dict(sorted(Counter(map(len, clusters)).items())))
    by_prefix = Counter("+".join(sorted({prefix(k) for k in c})) for c in clusters)
    articles = Counter(prefix(k) for k in records)
    print("\n| source prefix | records | clusters | articles in clusters |\n| --- | --- | --- | --- |")
    for name in PREFIXES:
        inside = sum(prefix(k) == name for c in clusters for k in c)
        print(f"| `{name}` | {articles[name]:,} | {by_prefix.get(name, 0)} | {inside} |")
    mixed = {k: v for k, v in by_prefix.items() if "+" in k}
    print(f"\nclusters mixing sources: {mixed or 'none'}")
    print("categories:", dict(Counter("/".join(sorted({str(records[k]['category']) for k in c})) for c in clusters)))


def report_thresholds(records: dict[str, dict]) -> None:
    print("\n## Other thresholds\n")
    print("| threshold | clusters | articles | largest | seconds |\n| --- | --- | --- | --- | --- |")
    for threshold in OTHER_THRESHOLDS:
        clusters, seconds = timed_clusters(records, threshold)
        largest = max(map(len, clusters), default=0)
        print(f"| {threshold} | {len(clusters)} | {sum(map(len, clusters))} | {largest} | {seconds:.1f} |")


def describe(cluster: list[str], records: dict[str, dict]) -> None:
    estimated, exact = similarities(cluster, records)
    print(f"- similarity estimated {estimated:.2f}, exact {exact:.2f}")
    for key in cluster:
        r = records[key]
        print(f"  - `{key}` ({r['source']}, {r['date']}, {len(r['text'].split())} words): {r['title']!r}")


def examples(clusters: list[list[str]], records: dict[str, dict]) -> None:
    print("\n## Examples: the first cluster of each source prefix\n")
    seen = set()
    for cluster in clusters:
        name = prefix(cluster[0])
        if name not in seen:
            seen.add(name)
            describe(cluster, records)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def differences(a: str, b: str) -> tuple[list[str], list[str]]:
    """Sentences of one text that the other does not have (whitespace-normalised)."""
    def norm(sentence: str) -> str:
        return " ".join(sentence.lower().split())

    sa, sb = {norm(s): s for s in sentences(a)}, {norm(s): s for s in sentences(b)}
    return [sa[k] for k in sa if k not in sb], [sb[k] for k in sb if k not in sa]


def sample_for_reading(clusters: list[list[str]], records: dict[str, dict], seed: int) -> None:
    print(f"\n## Ten clusters drawn at random (seed {seed})\n")
    for cluster in random.Random(seed).sample(clusters, min(10, len(clusters))):
        describe(cluster, records)
        for a, b in itertools.pairwise(cluster):
            only_a, only_b = differences(records[a]["text"], records[b]["text"])
            print(f"  - sentences only in {a}: {len(only_a)}, only in {b}: {len(only_b)}")
            for s in (only_a[:2] + only_b[:2]):
                print(f"    - {s[:160]!r}")


def news_clusters(clusters: list[list[str]], records: dict[str, dict]) -> list[list[str]]:
    """Politics/world/conflict clusters, taken in turn from each source prefix
    (most clusters are Reuters-21578; the others deserve a look too)."""
    queues: dict[str, list[list[str]]] = {}
    for cluster in clusters:
        if all(records[k]["category"] in NEWS_CATEGORIES for k in cluster):
            queues.setdefault(prefix(cluster[0]), []).append(cluster)
    turns = itertools.zip_longest(*queues.values())
    return [cluster for turn in turns for cluster in turn if cluster is not None]


def analysed_sample(clusters: list[list[str]], records: dict[str, dict], wanted: int = 5):
    """The first ``wanted`` news clusters in which every article has an event
    (a cluster without events shows nothing about merging), analysed."""
    import detente

    chosen, analyses, skipped = [], [], []
    for cluster in news_clusters(clusters, records):
        found = list(detente.analyze_many({**records[k], "id": k} for k in cluster))
        if all(a.events for a in found):
            chosen.append(cluster)
            analyses.extend(found)
        else:
            skipped.append(cluster[0])
        if len(chosen) == wanted:
            break
    return chosen, analyses, skipped


def report_merge(clusters: list[list[str]], records: dict[str, dict]) -> None:
    from detente.merge import merge_events

    chosen, analyses, skipped = analysed_sample(clusters, records)
    merged = merge_events(analyses, clusters=chosen)
    print("\n## Merged events of five clusters\n")
    print(f"skipped (an article without events): {skipped}")
    for cluster in chosen:
        describe(cluster, records)
    print(f"\narticles {len(analyses)}, events {sum(len(a.events) for a in analyses)}, merged events {len(merged)}, "
          f"of which on 2+ articles {sum(m.num_articles > 1 for m in merged)}\n")
    print("| cluster | type | source | target | modality | date | num_mentions | num_articles | num_sources |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    first = {k: c[0] for c in chosen for k in c}
    for m in merged:
        e = m.event
        target = (e.target.code or e.target.name) if e.target else "—"
        print(f"| `{first[m.mentions[0].article_id]}` | {e.type} | {e.source.code or e.source.name} | {target} | "
              f"{e.modality}{' (background)' if e.background else ''} | {e.date} | {m.num_mentions} | "
              f"{m.num_articles} | {m.num_sources} |")


def main() -> int:
    args = parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found (the shared folder sits beside the repository)")
        return 0
    records = load(args.corpus)
    clusters, seconds = timed_clusters(records, args.threshold)
    report_counts(clusters, records, seconds, args.threshold)
    report_thresholds(records)
    examples(clusters, records)
    sample_for_reading(clusters, records, args.seed)
    report_merge(clusters, records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
