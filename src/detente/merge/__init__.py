"""One event per happening across articles.

The same wire story runs in several outlets, and a story is updated through
the day; coded article by article, one meeting becomes as many events as
there are copies. GDELT keeps one event and counts its reports (NumMentions,
NumArticles, NumSources). This module does the same in two steps:

    near_duplicate_clusters(items, threshold=0.8, num_perm=128, texts=None) -> [[id, ...], ...]
    merge_events(analyses, texts=None, ...) -> [MergedEvent, ...]

1. Near-duplicate stories are found with MinHash/LSH (datasketch) over
   5-word shingles of the lower-cased text, read as words only (punctuation
   and spacing differ between outlets' copies of one story).
2. Within a cluster, events with the same PLOVER type, modality, source and
   target codes and dates within a day are one happening; background events
   are never merged (they are old news retold, not the cluster's story).

The method and its limits are in docs/merge.md. Nothing is loaded at import
time: datasketch is imported when first used.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from detente.schema import Analysis, Article, ArticleMention, Event, MergedEvent

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = ["near_duplicate_clusters", "merge_events", "merge_reports", "merge_key", "shingles", "signature", "similarity", "lsh_bands"]

SHINGLE_WORDS = 5
# A fixed seed makes every run (and every process) draw the same hash
# permutations, so signatures, clusters and merged ids are reproducible.
SEED = 1
# Two reports of one happening may carry dates a day apart: outlets in other
# time zones, or a story filed late and published the next morning.
MAX_DAY_GAP = 1
# Probability that LSH proposes a pair whose similarity is exactly the
# threshold (higher above it); see lsh_bands.
LSH_RECALL = 0.995

_WORD = re.compile(r"\w+")


# --- near-duplicate stories ----------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text, as UTF-8 bytes.

    Words only: copies of one story differ in quote marks, dashes, spacing
    and line wraps, which must not make them look different. A text shorter
    than ``size`` words is one shingle, so short items still compare."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return set(map(str.encode, map(" ".join, zip(*(words[i:] for i in range(size))))))


def signature(text: str, num_perm: int = 128) -> MinHash:
    """The MinHash of a text's shingles (fixed seed, so comparable across calls)."""
    return shingle_signature(shingles(text), num_perm)


def shingle_signature(words: set[bytes], num_perm: int = 128) -> MinHash:
    """The MinHash of a set of shingles (``shingles``).

    Exactly datasketch's ``MinHash(num_perm, seed=SEED).update_batch(words)``
    (its default 32-bit SHA-1 hash, then its permutations), made cheaper:
    every article of an ingest needs one, in the analysing process. The
    permutations are drawn once per process rather than per MinHash, and the
    SHA-1 values are unpacked in one go (datasketch calls struct.unpack per
    shingle): 0.93 -> 0.58 ms per politics article, same hash values
    (tests/merge/test_signature.py)."""
    import numpy as np
    from datasketch import MinHash

    sha1 = hashlib.sha1
    hashes = np.frombuffer(b"".join([sha1(word).digest()[:4] for word in words]), dtype="<u4")
    minhash = MinHash(num_perm=num_perm, seed=SEED, permutations=_permutations(num_perm), scheme="affine32",
                      hashfunc=int)
    minhash.update_batch(hashes.tolist())
    return minhash


@cache
def _permutations(num_perm: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED).permutations


def similarity(a: str, b: str, num_perm: int = 128) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets."""
    return float(signature(a, num_perm).jaccard(signature(b, num_perm)))


def near_duplicate_clusters(
    items: Iterable[Any], threshold: float = 0.8, num_perm: int = 128, *, texts: dict[str, str] | None = None,
) -> list[list[str]]:
    """Clusters of ids of near-duplicate stories; singletons are left out.

    ``items`` may mix: ``(id, text)`` pairs (what a store passes), ``Article``
    records, dicts with ``id`` and ``text`` (e.g. lines of a JSONL archive),
    and ``Analysis`` records, whose text is ``texts[analysis.id]`` when given
    (an Analysis does not hold its text) and otherwise approximated by its
    title and evidence sentences (see ``_analysis_text``). Ids must be unique.

    A cluster is a connected component of the pairs that LSH proposes and
    whose estimated Jaccard similarity is at least ``threshold``; clusters
    are sorted by their first id's position in ``items``, ids likewise."""
    records = _records(items, texts or {})
    sigs = _signatures(records, num_perm)
    pairs = _similar_pairs(sigs, threshold, num_perm)
    order = {key: i for i, (key, _) in enumerate(records)}
    return _components(pairs, order)


def _records(items: Iterable[Any], texts: dict[str, str]) -> list[tuple[str, str]]:
    records, seen = [], set()
    for item in items:
        key, text = _id_and_text(item, texts)
        if key in seen:
            raise ValueError(f"article id {key!r} is given twice; ids must be unique to be clustered")
        seen.add(key)
        records.append((key, text))
    return records


def _id_and_text(item: Any, texts: dict[str, str]) -> tuple[str, str]:
    if isinstance(item, Analysis):
        return item.id, texts.get(item.id) or _analysis_text(item)
    if isinstance(item, Article):
        return item.id or _text_id(item.text), item.text
    if isinstance(item, dict):
        return str(item.get("id") or _text_id(item["text"])), item["text"]
    key, text = item  # an (id, text) pair
    return str(key), text


def _text_id(text: str) -> str:
    # The id detente.analyze gives an article without one, so that clusters
    # name the same ids as the Analyses (imported late: it loads spaCy).
    from detente.analysis import article_id

    return article_id(text)


def _analysis_text(analysis: Analysis) -> str:
    """Stand-in text for an Analysis without its article: title, evidence
    sentences and quotes in article order. Identical wire copies still give
    identical stand-ins; edited copies compare less reliably than full texts."""
    spans = {(e.evidence.start, e.evidence.sentence) for e in analysis.events}
    spans |= {(m.start, m.sentence) for e in analysis.events for m in e.mentions}
    spans |= {(q.start, q.text) for q in analysis.quotes}
    return "\n".join([analysis.title or "", *(text for _, text in sorted(spans))])


def _signatures(records: list[tuple[str, str]], num_perm: int) -> dict[str, MinHash]:
    # Texts without a single word have no shingles: an empty MinHash looks
    # identical to every other empty one, so they are not clustered at all.
    return {key: signature(text, num_perm) for key, text in records if _WORD.search(text)}


def lsh_bands(threshold: float, num_perm: int, recall: float = LSH_RECALL) -> tuple[int, int]:
    """(bands, rows) for LSH: the most rows per band (fewest dissimilar
    candidates) that still propose a pair at exactly ``threshold`` with
    probability ``recall``. datasketch's own choice at 0.8 (9 bands of 13
    rows) proposes such a pair only 40% of the time; the estimated Jaccard
    filters the extra candidates afterwards, so recall is what matters."""
    for rows in range(num_perm // 2, 0, -1):  # at least 2 bands: datasketch needs them
        bands = num_perm // rows
        if 1 - (1 - threshold ** rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def _similar_pairs(sigs: dict[str, MinHash], threshold: float, num_perm: int) -> Iterator[tuple[str, str]]:
    """Pairs proposed by LSH, kept when their estimated Jaccard is at least
    ``threshold``: banding lets through many pairs below it."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=lsh_bands(threshold, num_perm))
    for key, sig in sigs.items():
        lsh.insert(key, sig)
    for key, sig in sigs.items():
        for other in lsh.query(sig):
            if key < other and sig.jaccard(sigs[other]) >= threshold:
                yield key, other


def _components(pairs: Iterable[tuple[str, str]], order: dict[str, int]) -> list[list[str]]:
    """Connected components (union-find), singletons left out."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]  # path halving keeps the trees flat
            key = parent[key]
        return key

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    clusters = [sorted(g, key=order.__getitem__) for g in groups.values() if len(g) > 1]
    return sorted(clusters, key=lambda g: order[g[0]])


# --- merged events ---------------------------------------------------------------


def merge_events(
    analyses: Iterable[Analysis], texts: dict[str, str] | None = None, *, threshold: float = 0.8,
    num_perm: int = 128, clusters: list[list[str]] | None = None,
) -> list[MergedEvent]:
    """The events of a batch of Analyses, each happening once.

    Articles are clustered with ``near_duplicate_clusters`` (on ``texts``, a
    mapping of article id to text, when given), unless ``clusters`` (lists of
    article ids, e.g. computed by a store over a larger archive) are passed.
    Every event comes out in exactly one MergedEvent; an article outside any
    cluster gives one MergedEvent per event. Order: by article, in input order."""
    analyses = list(analyses)
    if clusters is None:
        clusters = near_duplicate_clusters(analyses, threshold, num_perm, texts=texts or {})
    return [merged for merged, _ in merge_reports(analyses, clusters)]


def merge_reports(analyses: list[Analysis], clusters: list[list[str]]) -> list[tuple[MergedEvent, list[tuple[str, str]]]]:
    """As ``merge_events`` with given clusters, each MergedEvent with the
    (article id, event id) of every report it merged, the kept (most
    detailed) report first: what a store needs to link its stored events to
    their happening."""
    result = []
    for group in _article_groups(analyses, clusters):
        for reports in _merge_group(group):
            best = _best(reports)
            ids = [(a.id, e.id) for a, e in reports]
            result.append((_merged(reports), [ids[best], *ids[:best], *ids[best + 1:]]))
    return result


def _article_groups(analyses: list[Analysis], clusters: list[list[str]]) -> list[list[Analysis]]:
    """The analyses grouped by cluster (an unclustered article alone), each
    group at the position of its first article."""
    cluster_of = {key: i for i, cluster in enumerate(clusters) for key in cluster}
    groups: dict[Any, list[Analysis]] = {}
    for position, analysis in enumerate(analyses):
        home = ("cluster", cluster_of[analysis.id]) if analysis.id in cluster_of else ("alone", position)
        groups.setdefault(home, []).append(analysis)
    return list(groups.values())


def _merge_group(group: list[Analysis]) -> list[list[tuple[Analysis, Event]]]:
    """Greedy merge, earliest article first: each event joins the first open
    happening it matches, else opens one. Two events of one article never
    merge here: the within-article merge already judged them different."""
    happenings: list[list[tuple[Analysis, Event]]] = []
    for analysis in _earliest_first(group):
        for event in analysis.events:
            home = None if event.background else next(
                (h for h in happenings if _joins(h, analysis, event)), None)
            if home is None:
                happenings.append([(analysis, event)])
            else:
                home.append((analysis, event))
    return happenings


def _earliest_first(group: list[Analysis]) -> list[Analysis]:
    # Undated articles go last; ties keep the input order (sorted is stable).
    return sorted(group, key=lambda a: (a.date is None, a.date or 0))


def _joins(happening: list[tuple[Analysis, Event]], analysis: Analysis, event: Event) -> bool:
    first = happening[0][1]
    if first.background or merge_key(first) != merge_key(event):
        return False
    if any(a.id == analysis.id for a, _ in happening):
        return False
    return all(_close(e.date, event.date) for _, e in happening)


def _close(a, b) -> bool:
    """Dates within MAX_DAY_GAP days, or both unknown (an undated report
    cannot be told to be the same day as a dated one)."""
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= MAX_DAY_GAP


def merge_key(event: Event) -> tuple:
    """What two reports of one happening share: type, modality, and the
    source and target codes (country + sector). A meeting is mutual, so its
    two sides are ordered ("Blinken met Wang" = "Wang met Blinken")."""
    source, target = _side(event.source), _side(event.target) if event.target else None
    if event.type == "CONSULT" and target is not None:
        source, target = sorted((source, target))
    return (event.type, event.modality, source, target)


def _side(ref) -> str:
    # An actor with no resolved code is compared by name, so that two
    # different unknown actors are not taken for one.
    return ref.code or f"name:{ref.name.lower()}"


def _best(reports: list[tuple[Analysis, Event]]) -> int:
    return min(range(len(reports)), key=lambda i: _detail_rank(reports[i][1], i))


def _merged(reports: list[tuple[Analysis, Event]]) -> MergedEvent:
    best = _best(reports)
    mentions = [m for analysis, event in reports for m in _article_mentions(analysis, event)]
    first_article, first_event = reports[0]
    return MergedEvent(
        id=_merged_id(merge_key(first_event), first_article.id, first_event.id),
        event=reports[best][1],
        num_mentions=len(mentions),
        num_articles=len({a.id for a, _ in reports}),
        num_sources=len({_source_of(a) for a, _ in reports}),
        mentions=mentions,
    )


def _detail_rank(event: Event, position: int) -> tuple:
    """Smaller is more detailed: highest confidence, then located, then the
    earliest article (reports are in earliest-first order)."""
    return (-event.confidence, event.location is None, position)


def _article_mentions(analysis: Analysis, event: Event) -> list[ArticleMention]:
    """One mention per evidence sentence: the event's own, then the other
    sentences of the same article that restate it."""
    publisher = analysis.publisher or _host(analysis.url)
    return [ArticleMention(article_id=analysis.id, url=analysis.url, publisher=publisher,
                           date=analysis.date, evidence=evidence)
            for evidence in (event.evidence, *event.mentions)]


def _source_of(analysis: Analysis) -> str:
    """Who published it, for NumSources: the publisher, else the URL's host,
    else the article itself (an unknown outlet counts once per article)."""
    if analysis.publisher and analysis.publisher.strip():
        return analysis.publisher.strip().lower()
    return _host(analysis.url) or f"article:{analysis.id}"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _merged_id(key: tuple, article_id: str, event_id: str) -> str:
    # The first report's event id too: one article may hold two happenings
    # with the same key (say, on different days), which need two ids.
    payload = json.dumps([*key, article_id, event_id], ensure_ascii=False)
    return "m" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:15]
