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
from itertools import islice
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
# What an engine gives the writer: each batch ready to store, and its skips.
Analysed = Iterator[tuple[list[Stored], list[Skip]]]


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
    reading = {"encoding": encoding, "fields": fields, "fetch": fetch, "max_bytes": max(MAX_FILE_BYTES, 4 * max_chars)}
    with open_store(db) as store:
        if hasattr(engine, "analyse_sources"):  # an engine that reads the sources on its own workers (Ray)
            return store_analysed(store, sources, lambda summary: engine.analyse_sources(
                sources, reading, store, summary, options or Options(), max(1, commit_every)), progress)
        items = read_sources(sources, **reading)
        return ingest_items(items, store, sources, options=options, progress=progress, commit_every=commit_every,
                            engine=engine)


def ingest_items(items: Iterable[Article | RecordFailure], store: Store, sources: list[str], *,
                 options: Options | None = None, progress: Progress | None = None,
                 commit_every: int = COMMIT_EVERY, engine: Engine | None = None) -> IngestSummary:
    """Store articles (and record failures) from any reader; the run is
    logged in ``ingest_runs`` and its skips in ``skipped``."""
    options, engine = options or Options(), engine or InProcess()
    return store_analysed(store, sources, lambda summary: engine.analyse(
        _batches(items, store, summary, options, max(1, commit_every)), options), progress)


def store_analysed(store: Store, sources: list[str], analysed: Callable[[IngestSummary], Analysed],
                   progress: Progress | None = None) -> IngestSummary:
    """The single writer every engine shares: commits each analysed batch,
    records its skips, and logs the run in ``ingest_runs``."""
    started = time.perf_counter()
    summary = IngestSummary(db=store.location, run_id=store.start_run(sources))
    status = "failed"
    try:
        for batch, skips in analysed(summary):
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
    seen: set[str] = set()

    def accept(pair: tuple[tuple[str, str, Article] | Skip, set[str]]) -> tuple[str, Article] | Skip:
        checked, stored = pair
        return checked if isinstance(checked, Skip) else admit(checked, seen, stored.__contains__, check_english)

    return batched(_checked(items, store, options, size), accept, summary, size)


def _checked(items: Iterable[Article | RecordFailure], store: Store, options: Options,
             size: int) -> Iterator[tuple[tuple[str, str, Article] | Skip, set[str]]]:
    """Each item checked, with which keys of its chunk of ``size`` items are
    stored: one store query a chunk (one an article cost 1.6 ms, measured)."""
    items = iter(items)
    while chunk := [check_item(item, options) for item in islice(items, size)]:
        stored = store.known(c[1] for c in chunk if not isinstance(c, Skip))
        yield from ((checked, stored) for checked in chunk)


def batched(items: Iterable, accept: Callable[[object], tuple[str, Article] | Skip], summary: IngestSummary,
            size: int) -> Iterator[tuple[list[tuple[str, Article]], list[Skip]]]:
    """Batches of accepted (key, article), counting reads and skips in ``summary``."""
    pending: list[tuple[str, Article]] = []
    skips: list[Skip] = []
    for item in items:
        summary.read += 1
        accepted = accept(item)
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


def check_item(item: Article | RecordFailure, options: Options) -> tuple[str, str, Article] | Skip:
    """(where, key, article), or why it cannot be stored: the checks that need
    neither the store nor the run, so they can run anywhere (Ray workers)."""
    if isinstance(item, RecordFailure):
        return Skip(item.where, _reason(item.error), item.error.message)
    where = item.url or item.id or item.title or "article"
    try:
        article = check_article(item, options.max_chars or settings().max_chars)
    except InputError as exc:
        return Skip(where, _reason(exc), exc.message)
    return where, article_key(article), article


def admit(checked: tuple[str, str, Article], seen: set[str], stored: Callable[[str], bool],
          english: Callable[[Article, str], Article | Skip]) -> tuple[str, Article] | Skip:
    """The run's own rules, in input order: repeated, already stored, then
    the language (last, so a repeat is reported as one whatever its language)."""
    where, key, article = checked
    if key in seen:
        return Skip(where, "repeated in input", f"{where}: the same article ({key}) came earlier in this run")
    seen.add(key)
    if stored(key):
        return Skip(where, "already stored", f"{where}: stored already as {key}")
    checked_language = english(article, where)
    return checked_language if isinstance(checked_language, Skip) else (key, checked_language)


def check_english(article: Article, where: str) -> Article | Skip:
    """The article with its language filled in, or a language skip."""
    try:
        return check_language(article, where)
    except LanguageError as exc:
        return Skip(where, _LANGUAGE.search(exc.message).group(0), exc.message)


def _reason(error: DetenteError) -> str:
    """A short reason for the summary, from the error's class: 'empty input'."""
    name = type(error).__name__.removesuffix("Error")
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words or "invalid input"
