"""What every request shares: the store, the write token, the analysis slots.

One ``Context`` per app, on ``app.state.detente``. The store is opened (and
migrated) once, on first use, and that connection is the writer; each read
gets its own connection (DuckDB connections are not shared between threads,
and reusing the process's open database makes a new one cheap).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from fastapi import Request

from detente.analysis import Options
from detente.api.cache import ResponseCache
from detente.store import Store, default_db, open_store
from detente.store.backends import connect


class Slots:
    """At most ``size`` analyses at once; a request finding none free is
    refused at once (429) rather than queued behind minutes of work."""

    def __init__(self, size: int):
        self.size = size
        self.in_use = 0
        self._lock = threading.Lock()

    def acquire(self) -> bool:
        with self._lock:
            if self.in_use >= self.size:
                return False
            self.in_use += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.in_use = max(0, self.in_use - 1)


class StoreAccess:
    def __init__(self, db: str | None):
        self.location = db or default_db()
        self._writer: Store | None = None
        self._open_lock = threading.Lock()
        self.write_lock = threading.Lock()  # one ingest at a time: DuckDB has one writer

    def writer(self) -> Store:
        with self._open_lock:
            if self._writer is None:
                self._writer = open_store(self.location)
            return self._writer

    @contextmanager
    def reader(self) -> Iterator[Store]:
        self.writer()  # created and migrated once, before any read
        backend = connect(self.location)
        try:
            yield Store(backend, self.location)
        finally:
            backend.close()

    def close(self) -> None:
        with self._open_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None


@dataclass
class Context:
    store: StoreAccess
    token: str | None
    max_body: int
    slots: Slots
    options: Options = field(default_factory=Options)
    cache: ResponseCache = field(default_factory=lambda: ResponseCache(enabled=False))
    model_lock: threading.Lock = field(default_factory=threading.Lock)


def context(request: Request) -> Context:
    return request.app.state.detente
