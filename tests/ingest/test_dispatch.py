"""read_sources: every kind of input through one entry point; one bad input
never stops the others."""

from __future__ import annotations

import io
import sys

import pytest

from detente.errors import FetchError, InputNotFoundError
from detente.ingest.dispatch import read_sources, sniff
from detente.ingest.sources import RecordFailure
from tests.ingest.conftest import ARTICLE_HTML
from tests.ingest.test_feeds import BODY, item, rss

PLAIN = "The president met the prime minister in Paris on Monday to discuss trade."


def split(items):
    items = list(items)
    articles = [i for i in items if not isinstance(i, RecordFailure)]
    return articles, [i for i in items if isinstance(i, RecordFailure)]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "sub" / "feed.rss").write_text(rss(item("https://example.org/f", content=BODY)), encoding="utf-8")
    (tmp_path / "sub" / "archive.jsonl").write_text('{"id": "j1", "text": "A line article."}\n', encoding="utf-8")
    (tmp_path / "sub" / "archive.csv").write_text('id,text\nc1,"A row article."\n', encoding="utf-8")
    (tmp_path / "sub" / "NOTES").write_text("An article without a suffix.", encoding="utf-8")
    (tmp_path / "sub" / "page.dat").write_text(ARTICLE_HTML, encoding="utf-8")  # unknown suffix: sniffed
    (tmp_path / ".hidden.txt").write_text("skipped", encoding="utf-8")
    return tmp_path


def test_a_folder_is_read_recursively_each_file_by_its_kind(folder):
    articles, failures = split(read_sources([str(folder)], fetch=False))
    assert failures == []
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {str(folder / "a.txt"), str(folder / "page.html"), "https://example.org/f", "j1", "c1",
                          str(folder / "sub" / "NOTES"), str(folder / "sub" / "page.dat")}
    assert by_id[str(folder / "page.html")].title == "Ministers meet in Geneva"
    assert by_id[str(folder / "sub" / "page.dat")].author == "Jane Doe"
    assert by_id["https://example.org/f"].publisher == "Example World News"


def test_bad_inputs_become_failures_and_the_rest_is_read(folder, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.xml").write_text("<not-a-feed><x/></not-a-feed>", encoding="utf-8")
    sources = ["missing.txt", str(tmp_path / "empty.txt"), "ftp://example.org/a", str(tmp_path / "bad.xml"),
               str(folder / "a.txt")]
    items = list(read_sources(sources, fetch=False))
    assert [type(i).__name__ for i in items] == ["RecordFailure"] * 4 + ["Article"]
    assert isinstance(items[0].error, InputNotFoundError)
    assert "file is empty" in items[1].error.message
    assert "only http:// and https://" in items[2].error.message
    assert "not an RSS or Atom feed" in items[3].error.message


def test_fields_and_encoding_reach_the_archives(tmp_path):
    (tmp_path / "a.csv").write_bytes("guid,body\n1,\"Réunion à Genève. Le ministre a rencontré son homologue.\"\n".encode("latin-1"))
    (tmp_path / "a.jsonl").write_text('{"guid": "2", "body": "A line."}\n', encoding="utf-8")
    articles, failures = split(read_sources([str(tmp_path / "a.csv"), str(tmp_path / "a.jsonl")],
                                            fields={"id": "guid", "text": "body"}, encoding="latin-1"))
    assert failures == [] and [a.id for a in articles] == ["1", "2"]
    assert "Genève" in articles[0].text


def test_a_url_to_a_page(site):
    [article] = read_sources([site.url("/redirect/1")])
    assert article.title == "Ministers meet in Geneva"
    assert article.id == site.url("/page.html")  # where the page was found


def test_a_url_to_a_feed_whose_items_link_to_pages(site):
    feed = rss(item(site.url("/page.html")) + item(site.url("/gone.html")))
    site.add("/feed", feed, content_type="application/rss+xml")
    site.add("/feed-as-text", feed, content_type="text/plain")  # mislabelled: sniffed
    for path in ("/feed", "/feed-as-text"):
        articles, failures = split(read_sources([site.url(path)]))
        assert [a.id for a in articles] == [site.url("/page.html")]
        assert "TASS reported" in articles[0].text
        assert [f.where for f in failures] == [f"{site.url(path)} item 2"]


def test_url_with_fetching_off_is_a_failure(site):
    [failure] = read_sources([site.url("/page.html")], fetch=False)
    assert isinstance(failure.error, FetchError) and "fetching is off" in failure.error.message
    assert site.hits == []


def test_url_errors_are_failures(site):
    [failure] = read_sources([site.url("/missing")])
    assert "HTTP 404" in failure.error.message


@pytest.mark.parametrize("data,kind", [
    (ARTICLE_HTML.encode(), "html"),
    (rss(item("https://example.org/x")).encode(), "feed"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    (b'<?xml version="1.0"?><!DOCTYPE html><html><body><p>x</p></body></html>', "html"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b"{not json} but text", "text"),
    (PLAIN.encode(), "text"),
])
def test_sniff(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize("data,check", [
    (PLAIN, lambda a: a.text == PLAIN),
    (ARTICLE_HTML, lambda a: a.title == "Ministers meet in Geneva"),
    ('{"id": "s1", "text": "From stdin."}\n', lambda a: a.id == "s1"),
])
def test_stdin_is_sniffed(monkeypatch, data, check):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    [article] = read_sources(["-"], fetch=False)
    assert check(article)


def test_corpus_folders(corpus_html, corpus_feeds):
    articles, failures = split(read_sources([str(corpus_html)], fetch=False))
    # every page, every expected text (as text) and the manifest's lines (no text: failures)
    assert len([a for a in articles if a.id.endswith(".html")]) == 55
    assert all(f.where.startswith(str(corpus_html / "manifest.jsonl")) for f in failures)
