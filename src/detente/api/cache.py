"""Answers of read endpoints kept in memory until the store changes.

A DuckDB file has one writer, and while ``detente serve`` runs that writer
is the server itself: the stored data changes only through its own
``POST /ingest``. So a GET answer stays right until the next ingest, and
the same dashboard views asked again and again are answered from memory
(without this, one process serves about 30 queries a second on two cores;
docs/evaluation/api-load.md). Every ingest empties the cache when it starts
and when it ends, and nothing is kept while one runs. A PostgreSQL store can
be written by other processes, so its answers are never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED = ("/events", "/articles", "/actors", "/places", "/relations", "/counterparts", "/network", "/alerts")
MAX_ENTRIES = 512
MAX_BODY = 2_000_000  # larger answers are rare and not worth the memory


class ResponseCache:
    def __init__(self, enabled: bool, entries: int = MAX_ENTRIES):
        self.enabled = enabled
        self.entries = entries
        self.generation = 0
        self.writing = 0
        self._items: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[int, list, bytes] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple, generation: int, answer: tuple[int, list, bytes]) -> None:
        with self._lock:
            if generation != self.generation or self.writing:
                return  # the store changed while this answer was made
            self._items[key] = answer
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def begin_write(self) -> None:
        with self._lock:
            self.writing += 1
            self.generation += 1
            self._items.clear()

    def end_write(self) -> None:
        with self._lock:
            self.writing -= 1
            self.generation += 1
            self._items.clear()


class CacheMiddleware:
    """Serves cached 200 answers of GET requests to the read endpoints."""

    def __init__(self, app: ASGIApp, cache: ResponseCache):
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = (scope["method"], scope["path"], scope.get("query_string", b""))
        found = self.cache.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        generation = self.cache.generation
        start: dict = {}
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        body = b"".join(parts)
        if start.get("status") == 200 and len(body) <= MAX_BODY:
            self.cache.put(key, generation, (200, list(start.get("headers", [])), body))

    def _cacheable(self, scope: Scope) -> bool:
        return (self.cache.enabled and not self.cache.writing and scope["type"] == "http"
                and scope["method"] in ("GET", "HEAD") and scope["path"].startswith(CACHED))
