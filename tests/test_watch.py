"""`detente watch`: polls feeds, stores only new items, remembers them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from detente.errors import QueryError
from detente.store import open_store
from detente.watch import parse_interval, poll
from tests.ingest.conftest import ARTICLE_HTML, server, site  # noqa: F401  (fixtures)

STORY = ("WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi "
         "in Washington on Friday to discuss trade and Taiwan, the State Department said. "
         "The two sides agreed to keep talking, officials said after the meeting. ")


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>Item {n}</title><link>{link}</link><pubDate>Fri, 26 Apr 2024 10:00:00 GMT</pubDate>"
                      f"<description>{summary}</description></item>" for n, (link, summary) in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{entries}</channel></rss>'


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90 and parse_interval("2h") == 7200
    assert parse_interval("5") == 300
    for bad in ("soon", "1s", "-5m"):
        with pytest.raises(QueryError):
            parse_interval(bad)


def test_each_poll_stores_only_new_items_and_fetches_pages_once(site, tmp_path):  # noqa: F811
    db = str(tmp_path / "watch.duckdb")
    page = site.add("/page1.html", ARTICLE_HTML)
    feed = site.add("/feed.xml", rss([(page, "A short summary.")]), "application/rss+xml")
    first = poll([feed], db=db)
    assert (first.read, first.articles) == (1, 1) and first.events > 0
    assert site.hits.count("/page1.html") == 1

    second = poll([feed], db=db)
    assert (second.read, second.articles) == (0, 0)
    assert site.hits.count("/page1.html") == 1  # a seen item's page is not fetched again

    long_summary = STORY * 3
    site.add("/feed.xml", rss([(page, "A short summary."), (site.url("/page2.html"), long_summary)]),
             "application/rss+xml")
    third = poll([feed], db=db, fetch=False)
    assert (third.read, third.articles) == (1, 1)
    with open_store(db) as store:
        assert len(store.seen_items(feed)) == 2
        assert store.backend.rows('SELECT COUNT(*) FROM "articles"')[0][0] == 2


def test_the_command_polls_and_stops(site, tmp_path):  # noqa: F811
    feed = site.add("/feed.xml", rss([(site.url("/story.html"), STORY * 3)]), "application/rss+xml")
    db = str(tmp_path / "cli.duckdb")
    done = subprocess.run([sys.executable, "-m", "detente", "watch", feed, "--db", db, "--polls", "1",
                           "--no-fetch"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1 new item(s), 1 stored" in done.stderr


def test_a_feed_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path):
    from detente.errors import InputTooLargeError
    from detente.ingest.sources import MAX_FILE_BYTES

    feed = tmp_path / "huge.xml"
    item = "<item><title>t</title><description>" + "x" * 1000 + "</description></item>"
    feed.write_text("<rss><channel>" + item * (MAX_FILE_BYTES // len(item) + 1) + "</channel></rss>")
    with pytest.raises(InputTooLargeError, match="huge.xml: .* bytes, more than the 5,000,000-byte limit"):
        poll([str(feed)], db=str(tmp_path / "w.duckdb"), fetch=False)
    with open_store(str(tmp_path / "w.duckdb")) as store:
        assert store.backend.rows('SELECT COUNT(*) FROM "articles"')[0][0] == 0
