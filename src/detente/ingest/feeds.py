"""Read RSS (0.9x, 1.0/RDF, 2.0) and Atom feeds as articles, one per item.

feedparser parses the feed; for each item the article text is, in order:

1. the content the feed carries (``content:encoded``, Atom ``content``)
   flattened to text, when it is at least ``FULL_TEXT_CHARS`` long: many
   feeds put only a subtitle or a photo caption there;
2. else the linked page, fetched (``fetch_url``: timeouts, size cap) and read
   with ``read_html``;
3. else, when fetching is off or fails, the longest of content and summary
   when it has at least ``MIN_SUMMARY_CHARS`` (two or three sentences, like a
   wire brief); otherwise the item becomes a ``RecordFailure`` saying it has
   only a short summary and why the page could not be used.

Title, date (``published``, else ``updated``; feedparser gives UTC) and author
come from the item, falling back to the page's; publisher is the feed's
title; url is the item's link.

**Item key.** ``Article.id`` is the item's stable key: its link, else its
guid (``<guid>`` / Atom ``<id>``), else a hash of title and date. A ``watch``
command remembers the ids it has seen; ``item_key(entry)`` gives the same
key without building the article (e.g. to skip seen items before fetching).
The link comes first because it is what a reader can open and what the page
fetched from it is known by; guids are sometimes opaque UUIDs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterator

from detente.errors import FeedError, InputError, NoArticleTextError
from detente.ingest.fetch import Fetched, fetch_url
from detente.ingest.html import html_to_text, read_html
from detente.ingest.records import to_article
from detente.ingest.sources import RecordFailure
from detente.ingest.xmlsafe import refuse_entities
from detente.schema import Article

FULL_TEXT_CHARS = 1000
MIN_SUMMARY_CHARS = 200
Fetcher = Callable[[str], Fetched]


def parse_feed(data: bytes | str, where: str):
    """feedparser's result; FeedError when ``data`` is not an RSS or Atom feed,
    UnsafeXmlError when it declares XML entities."""
    import feedparser

    # Always bytes: given a str, feedparser would treat a URL or path as one to open.
    raw = data.encode("utf-8") if isinstance(data, str) else data
    refuse_entities(raw, where, "feed")
    try:
        parsed = feedparser.parse(raw)
    except ValueError as exc:
        # feedparser decodes with the encoding the XML declaration names, and
        # a garbled name ("utf\x00-8", bytes that are not UTF-8) escapes it
        # as UnicodeDecodeError/ValueError (found by tests/properties/test_reader_fuzz.py).
        raise FeedError(f"{where}: the feed cannot be decoded ({exc.__class__.__name__}: {exc}); "
                        "check the encoding in its <?xml ... encoding=...?> declaration") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({problem.__class__.__name__}: {problem})" if parsed.get("bozo") and problem else ""
        raise FeedError(f"{where}: not an RSS or Atom feed{why}; give the feed's XML, "
                        "or read the file as HTML or text")
    return parsed


def read_feed(data: bytes | str, where: str, fetch: bool | Fetcher = True) -> Iterator[Article | RecordFailure]:
    """One article (or failure) per item of the feed in ``data`` (read from ``where``).

    ``fetch``: True fetches linked pages with ``fetch_url``; False never
    fetches; a callable ``(url) -> Fetched`` fetches with other limits.
    Raises FeedError (on first iteration) when ``data`` is not a feed.
    """
    return (item for _, item in feed_items(data, where, fetch))


def feed_items(data: bytes | str, where: str, fetch: bool | Fetcher = True,
               skip: Collection[str] = ()) -> Iterator[tuple[str, Article | RecordFailure]]:
    """(item key, article or failure) per item, as ``read_feed``; items whose
    key is in ``skip`` are passed over before their page is fetched (what
    ``watch`` has seen already)."""
    parsed = parse_feed(data, where)
    fetcher = (fetch_url if fetch is True else fetch) or None
    publisher = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        key = item_key(entry)
        if key in skip:
            continue
        label = f"{where} item {number}"
        try:
            yield key, _item_article(entry, label, publisher, fetcher)
        except InputError as exc:
            yield key, RecordFailure(label, exc)


def item_key(entry) -> str:
    """The item's stable key (see the module docstring)."""
    key = entry.get("link") or entry.get("id")
    if key:
        return key
    # dict.get: feedparser's own get maps a missing "updated" to "published" with a warning
    seed = "|".join(dict.get(entry, k) or "" for k in ("title", "published", "updated"))
    return "item:" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def _item_article(entry, label: str, publisher: str | None, fetcher: Fetcher | None) -> Article:
    fields = {"id": item_key(entry), "title": _plain(entry.get("title")), "date": _date(entry),
              "url": entry.get("link"), "publisher": publisher, "author": _author(entry)}
    content = _longest(entry.get("content", []))
    if len(content) >= FULL_TEXT_CHARS:
        return to_article({**fields, "text": content})
    link = entry.get("link")
    why = "fetching pages is off" if fetcher is None else "the item has no link"
    if fetcher is not None and link:
        try:
            page = _page(link, fetcher)
            return to_article({**_filled(fields, page), "text": page.text})
        except InputError as exc:
            why = exc.message
    return _from_summary(fields, content, entry, label, why)


def _page(link: str, fetcher: Fetcher) -> Article:
    fetched = fetcher(link)
    return read_html(fetched.data, link, fetched.url)


def _filled(fields: dict, page: Article) -> dict:
    """The item's fields, with gaps filled from the page's metadata."""
    return {**fields, **{k: getattr(page, k) for k in ("title", "date", "author") if not fields[k]}}


def _from_summary(fields: dict, content: str, entry, label: str, why: str) -> Article:
    summary = html_to_text(entry.get("summary") or "")
    text = max(content, summary, key=len)
    if len(text) >= MIN_SUMMARY_CHARS:
        return to_article({**fields, "text": text})
    size = f"a {len(text)}-character summary" if text else "no summary"
    raise NoArticleTextError(
        f"{label}: the item has only {size} (under {MIN_SUMMARY_CHARS} characters) and its page "
        f"could not be used ({why}); allow fetching, or give the page itself")


def _longest(contents) -> str:
    texts = [html_to_text(c.get("value") or "") for c in contents]
    return max(texts, key=len, default="")


def _plain(value: str | None) -> str | None:
    return html_to_text(value) or None if value else None


def _date(entry) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*parsed[:3]) if parsed else None


def _author(entry) -> str | None:
    """The author's name: feedparser splits "desk@example.com (Reuters)" into email and name."""
    detail = entry.get("author_detail") or {}
    return detail.get("name") or entry.get("author") or None
