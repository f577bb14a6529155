"""Readers refuse what could swamp memory or read local files, before parsing:
XML entity declarations (bombs, external entities) and oversized files or
JSONL lines. And the parsers underneath do not read external entities even
when asked directly, so a gap in the screening would not leak a file."""

from __future__ import annotations

import io
import time

import pytest

from detente.errors import InputTooLargeError, UnsafeXmlError
from detente.ingest.dispatch import read_sources
from detente.ingest.feeds import read_feed
from detente.ingest.html import read_html
from detente.ingest.sources import RecordFailure, jsonl_lines
from detente.ingest.xmlsafe import declares_entities
from tests.conftest import SHARED
from tests.robustness.corpus import GOOD_TEXT, SECRET, _bomb, _external

NETSCAPE = (b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>T</title>'
            b"<item><title>A</title><link>http://example.org/a</link><description>" + GOOD_TEXT.encode()
            + b" " + GOOD_TEXT.encode() + b"</description></item></channel></rss>")


@pytest.fixture
def secret_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    return secret.as_uri()


def test_feeds_and_pages_that_declare_entities_are_refused(secret_entity):
    with pytest.raises(UnsafeXmlError, match="declares XML entities"):
        list(read_feed(_bomb("rss").encode(), "bomb.xml", fetch=False))
    with pytest.raises(UnsafeXmlError, match="the page declares XML entities"):
        read_html(_external("html", secret_entity), "xxe.html")
    assert declares_entities(_bomb("rss").encode("utf-16"))
    assert declares_entities(_bomb("rss").encode("utf-32"))


def test_doctypes_without_entities_are_read():
    assert not declares_entities(NETSCAPE)
    assert not declares_entities(b"<!DOCTYPE html><html><body><p>The ENTITY was [here]</p></body></html>")
    [article] = read_feed(NETSCAPE, "netscape.rss", fetch=False)
    assert article.text.startswith(GOOD_TEXT)


def test_the_screen_is_linear_on_pathological_input():
    data = b"<!DOCTYPE " * 400_000
    started = time.perf_counter()
    assert not declares_entities(data)
    assert time.perf_counter() - started < 2


def test_no_shared_corpus_page_or_feed_is_refused():
    files = [p for kind in ("feeds", "html") for p in (SHARED / "corpus" / kind).glob("*") if p.is_file()]
    if not files:
        pytest.skip("the shared corpus is not available")
    assert [p.name for p in files if declares_entities(p.read_bytes())] == []


def test_the_parsers_underneath_never_read_an_external_entity(secret_entity):
    """Defence in depth: even unscreened, feedparser and trafilatura leave the file alone."""
    import feedparser
    import trafilatura

    parsed = feedparser.parse(_external("rss", secret_entity).encode())
    assert SECRET not in repr(parsed.entries) + repr(parsed.feed)
    page = trafilatura.extract(_external("html", secret_entity)) or ""
    assert SECRET not in page


def test_the_parsers_underneath_do_not_expand_a_bomb():
    import feedparser

    started = time.perf_counter()
    parsed = feedparser.parse(_bomb("rss").encode())
    assert time.perf_counter() - started < 5
    assert len(repr(parsed)) < 100_000


def test_files_over_the_limit_are_refused_unread(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"<p>The minister met the president.</p>" * 1000 + b"</body></html>")
    [failure] = read_sources([str(big)], fetch=False, max_bytes=10_000)
    assert isinstance(failure, RecordFailure) and isinstance(failure.error, InputTooLargeError)
    assert "10,000-byte limit" in failure.error.message
    [article] = read_sources([str(big)], fetch=False, max_bytes=big.stat().st_size)
    assert article.text.startswith("The minister met the president.")


def test_a_jsonl_line_over_the_limit_is_reported_and_the_next_line_read():
    line = b'{"id": "a", "text": "' + b"x" * 100 + b'"}\n'
    data = b'{"id": "big", "text": "' + b"y" * 1000 + b'"}\n' + line + line.rstrip(b"\n")
    items = list(jsonl_lines(io.BytesIO(data), "a.jsonl", None, limit=len(line)))
    assert isinstance(items[0], RecordFailure) and isinstance(items[0].error, InputTooLargeError)
    assert items[0].where == "a.jsonl line 1"
    assert [item.id for item in items[1:]] == ["a", "a"]
