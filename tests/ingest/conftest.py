"""A real HTTP server on 127.0.0.1 for the fetch, feed and dispatch tests.

Routes are registered per test with ``site.add(path, body, content_type=..., status=...)``;
a few behaviours are built in: ``/slow`` (waits before answering),
``/trickle`` (sends a byte at a time), ``/redirect/N`` (N hops to /page.html),
``/loop`` (redirects to itself) and ``/stream-big`` (an endless body with no
Content-Length).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import SHARED, need

CORPUS_HTML = SHARED / "corpus" / "html"
CORPUS_FEEDS = SHARED / "corpus" / "feeds"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers meet in Geneva | Example News</title>
<link rel="canonical" href="https://news.example.org/world/geneva-talks">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-04-25T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ministers meet in Geneva</h1>
<p>GENEVA (Reuters) - The foreign ministers of France and Germany met in Geneva on Thursday
to discuss the war in Ukraine and new sanctions against Russia, officials said.</p>
<p>The two ministers agreed to ask the European Union to prepare a further package of
sanctions, according to a joint statement issued after the talks.</p>
<p>Russia's foreign ministry condemned the meeting and accused both governments of
prolonging the conflict, the state news agency TASS reported.</p>
</article>
<footer>Copyright Example News 2024. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


class Site:
    def __init__(self, base: str):
        self.base = base
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: list[str] = []
        self.agents: list[str | None] = []

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200):
        self.routes[path] = (status, content_type, body.encode("utf-8") if isinstance(body, str) else body)
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output clean
            pass

        def do_GET(self):
            site.hits.append(self.path)
            site.agents.append(self.headers.get("User-Agent"))
            if self.path in site.routes:
                return self._send(*site.routes[self.path])
            if self.path == "/slow":
                time.sleep(3)
                return self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
            if self.path == "/trickle":
                return self._stream([b"x"] * 60, pause=0.1)
            if self.path.startswith("/redirect/"):
                hops = int(self.path.rsplit("/", 1)[1])
                return self._redirect(f"/redirect/{hops - 1}" if hops > 1 else "/page.html")
            if self.path == "/loop":
                return self._redirect("/loop")
            if self.path == "/stream-big":
                return self._stream([b"<p>" + b"word " * 2000 + b"</p>\n"] * 1000)
            self._send(404, "text/plain", b"not found")

        def _send(self, status: int, content_type: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, location: str):
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _stream(self, chunks, pause: float = 0.0):
            """A body of unknown length (no Content-Length), sent chunk by chunk."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for chunk in chunks:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:  # the client gave up, as it should
                pass

    return Handler


@pytest.fixture(scope="session")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(None))
    site = Site(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.RequestHandlerClass = _handler(site)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(server, monkeypatch):
    """The server with this test's routes only, and /page.html serving
    ARTICLE_HTML. It listens on 127.0.0.1, which detente refuses to fetch
    unless told (DETENTE_ALLOW_PRIVATE_URLS, ingest/fetch.py)."""
    monkeypatch.setenv("DETENTE_ALLOW_PRIVATE_URLS", "1")
    server.routes.clear()
    server.hits.clear()
    server.agents.clear()
    server.add("/page.html", ARTICLE_HTML)
    return server


@pytest.fixture(scope="session")
def corpus_html():
    return need(CORPUS_HTML / "manifest.jsonl").parent


@pytest.fixture(scope="session")
def corpus_feeds():
    return need(CORPUS_FEEDS / "manifest.jsonl").parent
