"""fetch_url against a real HTTP server on 127.0.0.1: limits and errors."""

from __future__ import annotations

import time

import pytest

from detente.errors import FetchError, InputError
from detente.ingest.fetch import USER_AGENT, fetch_url


def test_fetches_a_page(site):
    fetched = fetch_url(site.url("/page.html"))
    assert fetched.data.startswith(b"<!DOCTYPE html>")
    assert fetched.content_type == "text/html"
    assert fetched.url == site.url("/page.html")


def test_user_agent_names_detente(site):
    fetch_url(site.url("/page.html"))
    assert site.agents == [USER_AGENT]
    assert USER_AGENT.startswith("detente/")


def test_redirects_are_followed_to_the_final_url(site):
    fetched = fetch_url(site.url("/redirect/2"))
    assert fetched.url == site.url("/page.html")
    assert b"Ministers meet in Geneva" in fetched.data


def test_redirect_loops_are_cut(site):
    with pytest.raises(FetchError, match=r"more than 3 redirects"):
        fetch_url(site.url("/loop"), max_redirects=3)


def test_slow_server_times_out(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0.5 s"):
        fetch_url(site.url("/slow"), timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_trickling_server_is_cut_at_the_deadline(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took over 1 s"):
        fetch_url(site.url("/trickle"), timeout=1)
    assert time.monotonic() - started < 3


def test_declared_size_over_the_cap_is_refused_before_reading(site):
    site.add("/big.html", b"<p>" + b"a" * 50_000 + b"</p>")
    with pytest.raises(FetchError, match=r"50,007 bytes, over the 10,000-byte limit"):
        fetch_url(site.url("/big.html"), max_bytes=10_000)


def test_undeclared_size_is_capped_while_streaming(site):
    with pytest.raises(FetchError, match=r"more than 100,000 bytes, the download was stopped"):
        fetch_url(site.url("/stream-big"), max_bytes=100_000)


def test_http_errors_are_reported_with_the_status(site):
    with pytest.raises(FetchError, match=r"HTTP 404 Not Found"):
        fetch_url(site.url("/missing"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.xml", "javascript:alert(1)",
                                 "example.org/page", "http://"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match=r"only http:// and https:// URLs can be fetched"):
        fetch_url(url)


def test_unreachable_host_is_a_fetch_error(monkeypatch):
    # Port 9 on localhost (discard) is closed on test machines: connection refused, at once.
    monkeypatch.setenv("DETENTE_ALLOW_PRIVATE_URLS", "1")
    with pytest.raises(FetchError, match=r"cannot be fetched .*check the address"):
        fetch_url("http://127.0.0.1:9/", timeout=2)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost/feed.xml", "http://10.1.2.3/",
                                 "http://192.168.0.1/admin", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]/", "http://0.0.0.0/", "http://100.64.0.1/"])
def test_private_and_local_addresses_are_refused_before_connecting(url, monkeypatch):
    monkeypatch.delenv("DETENTE_ALLOW_PRIVATE_URLS", raising=False)
    with pytest.raises(FetchError, match=r"is a private or local address .*DETENTE_ALLOW_PRIVATE_URLS=1"):
        fetch_url(url, timeout=2)


def test_a_local_server_is_fetched_when_allowed(site, monkeypatch):
    monkeypatch.delenv("DETENTE_ALLOW_PRIVATE_URLS")
    with pytest.raises(FetchError, match="private or local address"):
        fetch_url(site.url("/page.html"))
    assert site.hits == []  # refused before any request reached it
    monkeypatch.setenv("DETENTE_ALLOW_PRIVATE_URLS", "1")
    assert b"<html" in fetch_url(site.url("/page.html")).data.lower()


def test_fetch_errors_are_input_errors():
    assert issubclass(FetchError, InputError)
