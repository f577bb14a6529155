"""Where the analysis runs: in this process, in N local processes, or on Ray.

An engine takes the ingest's batches of new articles, in order, and gives
them back analysed, in the same order; the ingest's single writer stores
them. Keeping one writer and the input order is what keeps ingest exactly
once and reproducible whatever the engine: a rerun sees the same batches.

    InProcess()          the default
    Processes(n)         n worker processes, each loading the model once
    detente.scale.ray    Ray Data (optional extra: pip install detente[ray])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from detente.analysis import Options, analyze_many
from detente.schema import Article
from detente.store import Stored, prepare

Pending = list[tuple[str, Article]]


class Engine(Protocol):
    def analyse(self, batches: Iterator[tuple[Pending, object]], options: Options
                ) -> Iterator[tuple[list[Stored], object]]:
        """Each batch analysed and ready to store (and the batch's extra
        payload passed through), in input order."""


def analyse_batch(pending: Pending, options: Options) -> list[Stored]:
    """The batch ready to store: analyses whose ids are the store keys (an
    article's own id is kept by the store as ``external_id``), with the
    near-duplicate signatures computed here, beside the analysis, rather
    than by the one writer."""
    keyed = [article.model_copy(update={"id": key}) for key, article in pending]
    return [prepare(key, article, analysis)
            for (key, article), analysis in zip(pending, analyze_many(keyed, options=options))]


@dataclass
class InProcess:
    def analyse(self, batches, options):
        for pending, extra in batches:
            yield analyse_batch(pending, options), extra


@dataclass
class Processes:
    """``workers`` processes; up to ``workers`` batches in flight so every
    worker is busy while the writer stores the previous batch."""

    workers: int

    def analyse(self, batches, options):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: workers start clean (no copied spaCy state or threads) and
        # load the model once each, in _start_worker.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                 initargs=(options,)) as pool:
            inflight: deque = deque()
            for pending, extra in batches:
                inflight.append((pending, pool.submit(_work, pending), extra))
                if len(inflight) > self.workers:
                    yield _done(inflight.popleft())
            while inflight:
                yield _done(inflight.popleft())


def _done(job) -> tuple[list[Stored], object]:
    _pending, future, extra = job
    return future.result(), extra


_OPTIONS: Options | None = None


def _start_worker(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options
    from detente.nlp import load_model

    load_model(options.model)


def _work(pending: Pending) -> list[Stored]:
    return analyse_batch(pending, _OPTIONS or Options())


def engine_for(workers: int = 1) -> Engine:
    return Processes(workers) if workers > 1 else InProcess()
