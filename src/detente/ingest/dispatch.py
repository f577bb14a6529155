"""One entry point for every kind of input: ``read_sources``.

Each source is a path, a folder, ``-`` (stdin) or an http(s) URL:

- a file is read by its suffix: .html/.htm/.xhtml as an HTML page, .xml/.rss/
  .atom/.rdf as a feed (an .xml file that is really a web page is read as
  HTML), .jsonl/.ndjson as a JSONL archive, .csv as a CSV archive,
  .parquet/.pq as a Parquet file, .txt/.text/.md or no suffix as plain text;
  any other suffix is sniffed;
- a folder is walked recursively (hidden files skipped), each file as above;
- stdin is sniffed: a feed, an HTML page, JSONL, else plain text;
- a URL is fetched (``fetch_url``) and read as a feed when the Content-Type
  says RSS/Atom/XML or the body looks like one, else as an HTML page.

Nothing stops the run: a missing file, an unreadable page or a feed that is
not one becomes a ``RecordFailure`` naming the source, and the next source
is read. ``fields`` maps Article fields to CSV and Parquet columns and JSONL keys;
``encoding`` forces the encoding of text, HTML, JSONL and CSV (feeds declare
their own in the XML).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.errors import FetchError, InputError
from detente.ingest.csvfile import read_csv
from detente.ingest.feeds import read_feed
from detente.ingest.fetch import Fetched, check_url, fetch_url
from detente.ingest.html import read_html
from detente.ingest.parquet import read_parquet
from detente.ingest.sources import (MAX_FILE_BYTES, RecordFailure, jsonl_lines, read_bytes, read_jsonl,
                                    text_article)
from detente.schema import Article

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
PLAIN_SUFFIXES = {".txt", ".text", ".md", ""}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/x-rss+xml"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.I)
Items = Iterator[Article | RecordFailure]


def read_sources(sources: list[str], *, encoding: str | None = None, fields: dict[str, str] | None = None,
                 fetch: bool | Callable[[str], Fetched] = True, max_bytes: int = MAX_FILE_BYTES) -> Items:
    """Articles (or failures) from every source, in order; see the module docstring.

    ``fetch``: True fetches URLs and feed items' pages with ``fetch_url``;
    False fetches nothing (a URL source becomes a failure); a callable
    ``(url) -> Fetched`` fetches with other limits. ``max_bytes``: the largest
    text, HTML or feed file, JSONL line and Parquet row's text read (larger
    ones are failures, refused before they are read); CSV and Parquet files
    are streamed a row at a time (``read_csv``, ``read_parquet``).
    """
    fetcher = fetch_url if fetch is True else (fetch or None)
    reading = _Reading(encoding, fields, fetcher, max_bytes)
    for source in sources:
        try:
            yield from _read_source(source, reading)
        except InputError as exc:
            yield RecordFailure(source, exc)


@dataclass(frozen=True)
class _Reading:
    """How every source of one ``read_sources`` call is read."""

    encoding: str | None
    fields: dict[str, str] | None
    fetcher: Callable[[str], Fetched] | None
    max_bytes: int


def _read_source(source: str, reading: _Reading) -> Items:
    if _SCHEME.match(source):
        check_url(source)  # ftp://, file:// ... are refused with a clear message, not taken for paths
        yield from _read_url(source, reading.fetcher)
    elif source != "-" and Path(source).is_dir():
        yield from _read_folder(Path(source), reading)
    else:
        yield from _read_file(source, reading)


def _read_url(url: str, fetcher) -> Items:
    if fetcher is None:
        raise FetchError(f"{url}: fetching is off; allow fetching, or save the page and give the file")
    fetched = fetcher(url)
    kind = sniff(fetched.data)
    if kind == "feed" or (fetched.content_type in FEED_TYPES and kind != "html"):
        yield from read_feed(fetched.data, url, fetcher)
    else:
        yield read_html(fetched.data, url, fetched.url)


def _read_folder(folder: Path, reading: _Reading) -> Items:
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:
        raise InputError(f"{folder}: the folder holds no files; give files or a folder of articles")
    for file in files:
        try:
            yield from _read_file(str(file), reading)
        except InputError as exc:
            yield RecordFailure(str(file), exc)


def _read_file(path: str, reading: _Reading) -> Items:
    suffix = Path(path).suffix.lower() if path != "-" else None
    encoding, fields = reading.encoding, reading.fields
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, encoding, fields, reading.max_bytes)
        return
    if suffix in CSV_SUFFIXES:
        yield from read_csv(path, fields, encoding)
        return
    if suffix in PARQUET_SUFFIXES:
        # Streamed by record batches, so the whole-file limit does not apply;
        # max_bytes caps each row's text, as it caps each JSONL line.
        yield from read_parquet(path, fields, reading.max_bytes)
        return
    data, name = read_bytes(path, reading.max_bytes)
    kind = _kind(suffix, data)
    if kind == "feed":
        yield from read_feed(data, name, reading.fetcher)
    elif kind == "html":
        yield read_html(data, name, encoding=encoding)
    elif kind == "jsonl":
        yield from jsonl_lines(io.BytesIO(data), name, encoding, fields, reading.max_bytes)
    else:
        yield text_article(data, name, None if path == "-" else path, encoding)


def _kind(suffix: str | None, data: bytes) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "html" if sniff(data) == "html" else "feed"
    if suffix in PLAIN_SUFFIXES:
        return "text"
    return sniff(data)


def sniff(data: bytes) -> str:
    """What ``data`` looks like: "feed", "html", "jsonl" or "text"."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_ROOT.search(head[:1024]):
        return "html"
    if _FEED_ROOT.search(head):
        return "feed"
    if head.startswith(b"<") and b"<body" in data[:65536].lower():
        return "html"
    first = head.split(b"\n", 1)[0].strip()
    if first.startswith(b"{"):
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "text"
        except ValueError:
            return "text"
    return "text"
