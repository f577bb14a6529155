"""RSS and Atom feeds: full content, linked pages fetched from a real local
server, summaries as a last resort, item keys, and the real corpus feeds."""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest

from detente.errors import FeedError
from detente.ingest.feeds import FULL_TEXT_CHARS, item_key, parse_feed, read_feed
from detente.ingest.fetch import fetch_url
from detente.ingest.sources import RecordFailure

BODY = ("<p>The foreign ministers of France and Germany met in Geneva on Thursday to discuss "
        "the war in Ukraine and new sanctions against Russia, officials said.</p>" * 8)
LONG_SUMMARY = ("Kenya's president met the African Union chairperson in Addis Ababa on Monday to discuss "
                "the crisis in Sudan, and both called for an immediate ceasefire between the army and the "
                "Rapid Support Forces, a joint statement said.")


def rss(items: str, title: str = "Example World News") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{title}</title><link>https://news.example.org/</link><description>World</description>
{items}
</channel></rss>"""


def item(link: str, *, summary: str = "Ministers met.", content: str | None = None, guid: str | None = None,
         title: str = "Ministers meet", date: str = "Thu, 25 Apr 2024 09:30:00 +0200", author: str | None = None) -> str:
    parts = [f"<title>{title}</title>", f"<link>{link}</link>" if link else "",
             f"<description><![CDATA[{summary}]]></description>", f"<pubDate>{date}</pubDate>" if date else ""]
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if author:
        parts.append(f"<dc:creator>{author}</dc:creator>")
    return "<item>" + "".join(parts) + "</item>"


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom News</title><id>urn:example:feed</id><updated>2024-04-26T10:00:00Z</updated>
  <entry>
    <title>Talks in Geneva</title><id>urn:example:entry:1</id>
    <link href="https://news.example.org/atom/1"/>
    <updated>2024-04-26T08:00:00Z</updated>
    <author><name>Jane Doe</name></author>
    <content type="html">{BODY.replace("<", "&lt;").replace(">", "&gt;")}</content>
  </entry>
</feed>"""


def test_full_content_is_taken_without_fetching():
    feed = rss(item("https://news.example.org/a", content=BODY, author="Jane Doe"))
    [article] = read_feed(feed, "feed.xml", fetch=False)
    assert article.text.startswith("The foreign ministers of France and Germany met in Geneva")
    assert "<p>" not in article.text and article.text.count("\n\n") == 7
    assert article.id == article.url == "https://news.example.org/a"
    assert article.title == "Ministers meet"
    assert article.date == dt.date(2024, 4, 25)
    assert article.author == "Jane Doe"
    assert article.publisher == "Example World News"


def test_atom_feed():
    [article] = read_feed(ATOM.encode("utf-8"), "atom.xml", fetch=False)
    assert article.text.startswith("The foreign ministers")
    assert article.id == "https://news.example.org/atom/1"
    assert article.date == dt.date(2024, 4, 26)
    assert article.author == "Jane Doe"
    assert article.publisher == "Example Atom News"


def test_summary_only_items_fetch_the_linked_page(site):
    feed = rss(item(site.url("/page.html"), title="Geneva talks", date="") + item(site.url("/missing")))
    first, second = read_feed(feed, "feed.xml", fetch=True)
    assert "The two ministers agreed to ask the European Union" in first.text
    assert first.id == site.url("/page.html")  # the item's key, not the page's canonical URL
    assert first.title == "Geneva talks"  # the item's own title first
    assert first.date == dt.date(2024, 4, 25) and first.author == "Jane Doe"  # gaps filled from the page
    assert isinstance(second, RecordFailure)
    assert second.where == "feed.xml item 2"
    assert "only a 14-character summary" in second.error.message
    assert "HTTP 404" in second.error.message


def test_a_short_caption_in_content_does_not_stop_the_fetch(site):
    feed = rss(item(site.url("/page.html"), content="<p>Photo: the ministers in Geneva.</p>"))
    [article] = read_feed(feed, "feed.xml")
    assert "TASS reported" in article.text
    assert site.hits == ["/page.html"]


def test_substantial_summary_is_used_when_the_page_cannot_be_fetched(site):
    fetch = functools.partial(fetch_url, timeout=0.5)
    feed = rss(item(site.url("/slow"), summary=LONG_SUMMARY) + item(site.url("/slow"), summary="Short."))
    first, second = read_feed(feed, "feed.xml", fetch=fetch)
    assert first.text == LONG_SUMMARY
    assert isinstance(second, RecordFailure)
    assert "no answer within 0.5 s" in second.error.message


def test_fetching_off_says_so():
    [failure] = read_feed(rss(item("https://news.example.org/b")), "feed.xml", fetch=False)
    assert isinstance(failure, RecordFailure)
    assert "only a 14-character summary" in failure.error.message
    assert "fetching pages is off" in failure.error.message


def test_item_keys_are_link_then_guid_then_a_hash():
    parsed = parse_feed(rss(item("https://news.example.org/c", guid="abc-123") + item("", guid="abc-124")
                            + item("", title="No link, no guid")), "feed.xml")
    keys = [item_key(entry) for entry in parsed.entries]
    assert keys[0] == "https://news.example.org/c"
    assert keys[1] == "abc-124"
    assert keys[2].startswith("item:") and keys[2] == item_key(parse_feed(
        rss(item("", title="No link, no guid")), "f").entries[0])  # stable across reads


@pytest.mark.parametrize("data", [b"<html><body><p>Just a web page.</p></body></html>",
                                  b"plain text, not XML at all", b"{\"json\": true}"])
def test_not_a_feed_is_refused(data):
    with pytest.raises(FeedError, match=r"not an RSS or Atom feed.*give the feed's XML"):
        list(read_feed(data, "x.xml", fetch=False))


def test_a_str_that_looks_like_a_url_is_parsed_not_opened(site):
    with pytest.raises(FeedError):
        list(read_feed(site.url("/page.html"), "x", fetch=False))
    assert site.hits == []


def test_corpus_feeds(corpus_feeds):
    manifest = [json.loads(line) for line in open(corpus_feeds / "manifest.jsonl", encoding="utf-8")]
    for feed in manifest:
        items = list(read_feed((corpus_feeds / feed["file"]).read_bytes(), feed["file"], fetch=False))
        assert len(items) == feed["items"], feed["file"]
        articles = [a for a in items if not isinstance(a, RecordFailure)]
        assert all(a.id and a.publisher for a in articles), feed["file"]
        assert all(a.date for a in articles), feed["file"]


def test_corpus_full_content_feed(corpus_feeds):
    items = list(read_feed((corpus_feeds / "time-world.xml").read_bytes(), "time-world.xml", fetch=False))
    assert len(items) == 100 and not any(isinstance(i, RecordFailure) for i in items)
    assert all(len(a.text) >= FULL_TEXT_CHARS and "<p>" not in a.text for a in items)


def test_corpus_summary_feed_without_fetching_names_each_short_item(corpus_feeds):
    items = list(read_feed((corpus_feeds / "bbc-news-world.xml").read_bytes(), "bbc.xml", fetch=False))
    assert items and all(isinstance(i, RecordFailure) for i in items)
    assert items[0].where == "bbc.xml item 1"
