"""Poll feeds and ingest their new items: ``detente watch FEED ... --every 15m``.

What has been seen is remembered in the store (``feed_items``: feed, item
key), so a restarted watcher neither refetches the linked pages of old
items nor stores anything twice; the article keys guard the store as well
(an item seen in two feeds is one article).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detente.analysis import Options
from detente.errors import QueryError
from detente.ingest.fetch import fetch_url
from detente.ingest.sources import MAX_FILE_BYTES, RecordFailure, read_bytes
from detente.schema import Article
from detente.pipeline import IngestSummary, ingest_items
from detente.store import open_store

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = 10  # seconds: polling faster is unkind to publishers


def parse_interval(text: str) -> float:
    """'90s', '15m', '2h', '1d' (a bare number is minutes) → seconds."""
    match = _INTERVAL.match(text)
    if not match:
        raise QueryError(f"--every {text!r} is not an interval; write e.g. 30s, 15m, 2h or 1d")
    seconds = float(match.group(1)) * _UNIT[(match.group(2) or "m").lower()]
    if seconds < MIN_INTERVAL:
        raise QueryError(f"--every {text!r} is shorter than {MIN_INTERVAL} s; poll less often")
    return seconds


def poll(feeds: list[str], *, db: str | None = None, fetch: bool = True,
         options: Options | None = None) -> IngestSummary:
    """One poll of every feed: the items not seen before are ingested, then
    remembered (only after their batch is stored, so a killed poll redoes them)."""
    with open_store(db) as store:
        items, keys = [], {}
        for feed in feeds:
            new = list(new_items(feed, store.seen_items(feed), fetch))
            keys[feed] = [key for key, _ in new]
            items.extend(item for _, item in new)
        summary = ingest_items(items, store, feeds, options=options)
        for feed, seen_now in keys.items():
            store.mark_seen(feed, seen_now)
        return summary


def new_items(feed: str, seen: set[str], fetch: bool) -> Iterator[tuple[str, Article | RecordFailure]]:
    """(item key, article or failure) for the feed's items not in ``seen``;
    seen items are skipped before their linked page is fetched."""
    from detente.ingest.feeds import feed_items

    data, where = _feed_bytes(feed)
    return feed_items(data, where, fetch, skip=seen)


def _feed_bytes(feed: str) -> tuple[bytes, str]:
    if feed.startswith(("http://", "https://")):
        return fetch_url(feed).data, feed
    return read_bytes(feed, MAX_FILE_BYTES)  # the cap ingest puts on a feed file (and fetch_url on a URL)
