"""Ingest: sources → articles → analyses → store, exactly once.

    summary = ingest(["news.jsonl", "feeds/", "https://example.org/rss"], db="detente.duckdb")

Articles are read lazily, checked, and skipped with a recorded reason when
they cannot or need not be stored (already stored, repeated in the input,
not English, empty, too large, unreadable). The rest are analysed in
batches and each batch is committed in one transaction, so an ingest killed
at any moment and run again ends with exactly the rows of an uninterrupted
run: committed batches are recognised by their keys and skipped, the
interrupted batch was rolled back and is done again.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from detente.analysis import Options, check_article
from detente.config import settings
from detente.errors import DetenteError, InputError, LanguageError
from detente.ingest.language import check_language
from detente.ingest.sources import RecordFailure
from detente.scale import Engine, InProcess
from detente.schema import Article
from detente.store import Store, Stored, article_key, open_store

# Articles per transaction: large enough that commits cost little, small
# enough that a killed run redoes little.
COMMIT_EVERY = 64
_LANGUAGE = re.compile(r"language: [\w-]+")


@dataclass
class IngestSummary:
    db: str
    run_id: int
    read: int = 0
    articles: int = 0
    events: int = 0
    skipped: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


@dataclass(frozen=True)
class Skip:
    item: str
    reason: str
    message: str


Progress = Callable[[IngestSummary], None]


def ingest(sources: list[str], *, db: str | None = None, options: Options | None = None,
           fields: dict[str, str] | None = None, encoding: str | None = None, fetch: bool = True,
           progress: Progress | None = None, commit_every: int = COMMIT_EVERY,
           engine: Engine | None = None) -> IngestSummary:
    """Read every source (files, folders, "-", URLs) and store what is new;
    ``engine`` says where the analysis runs (``detente.scale``)."""
    from detente.ingest.dispatch import read_sources
    from detente.ingest.sources import MAX_FILE_BYTES

    # Files read whole are capped (a larger one is refused unread), raised with
    # --max-chars so that the largest allowed article still fits at UTF-8's
    # 4 bytes a character.
    max_chars = (options or Options()).max_chars or settings().max_chars
    with open_store(db) as store:
        items = read_sources(sources, encoding=encoding, fields=fields, fetch=fetch,
                             max_bytes=max(MAX_FILE_BYTES, 4 * max_chars))
        return ingest_items(items, store, sources, options=options, progress=progress, commit_every=commit_every,
                            engine=engine)


def ingest_items(items: Iterable[Article | RecordFailure], store: Store, sources: list[str], *,
                 options: Options | None = None, progress: Progress | None = None,
                 commit_every: int = COMMIT_EVERY, engine: Engine | None = None) -> IngestSummary:
    """Store articles (and record failures) from any reader; the run is
    logged in ``ingest_runs`` and its skips in ``skipped``."""
    started, options, engine = time.perf_counter(), options or Options(), engine or InProcess()
    summary = IngestSummary(db=store.location, run_id=store.start_run(sources))
    status = "failed"
    try:
        batches = _batches(items, store, summary, options, max(1, commit_every))
        for pending, analyses, skips in engine.analyse(batches, options):
            batch = [Stored(key, article, analysis) for (key, article), analysis in zip(pending, analyses)]
            summary.events += store.write(batch, summary.run_id)
            summary.articles += len(batch)
            store.record_skips(summary.run_id, [(s.item, s.reason, s.message) for s in skips])
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
        status = "done"
    finally:
        summary.seconds = time.perf_counter() - started
        _finish(store, summary, status)
    return summary


def _finish(store: Store, summary: IngestSummary, status: str) -> None:
    counts = {"read": summary.read, "skipped": summary.skipped_total, "articles": summary.articles,
              "events": summary.events}
    try:
        store.finish_run(summary.run_id, status, counts)
    except DetenteError:
        if status == "done":
            raise


def _batches(items: Iterable[Article | RecordFailure], store: Store, summary: IngestSummary,
             options: Options, size: int) -> Iterator[tuple[list[tuple[str, Article]], list[Skip]]]:
    """Batches of new articles (key, article), with the skips met on the way."""
    pending: list[tuple[str, Article]] = []
    skips: list[Skip] = []
    seen: set[str] = set()
    for item in items:
        summary.read += 1
        accepted = _accept(item, store, seen, options)
        if isinstance(accepted, Skip):
            summary.skipped[accepted.reason] += 1
            if accepted.reason != "already stored":
                skips.append(accepted)
            continue
        pending.append(accepted)
        if len(pending) >= size:
            yield pending, skips
            pending, skips = [], []
    if pending or skips:
        yield pending, skips


def _accept(item: Article | RecordFailure, store: Store, seen: set[str],
            options: Options) -> tuple[str, Article] | Skip:
    if isinstance(item, RecordFailure):
        return Skip(item.where, _reason(item.error), item.error.message)
    where = item.url or item.id or item.title or "article"
    try:
        article = check_article(item, options.max_chars or settings().max_chars)
    except InputError as exc:
        return Skip(where, _reason(exc), exc.message)
    key = article_key(article)
    if key in seen:
        return Skip(where, "repeated in input", f"{where}: the same article ({key}) came earlier in this run")
    seen.add(key)
    if store.known([key]):
        return Skip(where, "already stored", f"{where}: stored already as {key}")
    try:
        return key, check_language(article, where)
    except LanguageError as exc:
        return Skip(where, _LANGUAGE.search(exc.message).group(0), exc.message)


def _reason(error: DetenteError) -> str:
    """A short reason for the summary, from the error's class: 'empty input'."""
    name = type(error).__name__.removesuffix("Error")
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words or "invalid input"
