"""The dashboard in headless Chromium: the real app under uvicorn on
127.0.0.1, over a DuckDB store built once per session from 150 Reuters
articles of the shared corpus (read in place, never copied) plus one
hostile article whose text holds HTML that must never run."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, need

CHROMIUM = Path(os.environ.get("DETENTE_CHROMIUM", "/usr/bin/chromium"))
SAMPLE = 150
SHOTS = Path(os.environ.get("DETENTE_SCREENSHOTS", Path(__file__).parent / "screenshots"))
HOSTILE = {
    "id": "hostile-1",
    "title": "<b>Bold</b> claims: Russia accuses Ukraine",
    "date": "2017-06-01",
    "publisher": "Test Wire",
    "text": ("MOSCOW (Reuters) - Russia accused Ukraine on Thursday of shelling the border town, "
             "<script>window.__pwned = 1</script> the foreign ministry said in a statement. "
             "<img src=x onerror=\"window.__pwned=2\"> Ukraine rejected the accusation and "
             "said Russian troops had fired first."),
}


def sample_articles(limit: int = SAMPLE) -> list[dict]:
    """The first ``limit`` dated Reuters politics and world stories of the corpus."""
    picked = []
    with need(CORPUS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"].startswith("isot-reuters-") and record.get("date") \
                    and record.get("category") in ("politics", "world"):
                picked.append({"id": record["id"], "title": record.get("title"), "date": record["date"],
                               "publisher": record.get("source"), "text": record["text"]})
                if len(picked) == limit:
                    break
    return picked


def build_store(location: str, limit: int = SAMPLE) -> None:
    from detente.pipeline import ingest_items
    from detente.schema import Article
    from detente.store import open_store

    with open_store(location) as store:
        ingest_items([Article(**record) for record in [*sample_articles(limit), HOSTILE]], store, ["web sample"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """uvicorn serving ``create_app(db)`` in a thread of this process."""

    def __init__(self, db: str):
        import uvicorn

        from detente.api import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> str:
    need(CORPUS)
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    build_store(str(path))
    return str(path)


@pytest.fixture(scope="session")
def server(web_store):
    with Server(web_store) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests must run in CI, but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page whose every request is recorded: all must stay on the server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.set_default_timeout(15_000)
    yield page
    outside = [url for url in page.requests if not url.startswith(server.url + "/")]
    context.close()
    assert not outside, f"requests left the server: {outside}"
    assert not page.errors, f"JavaScript errors: {page.errors}"


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def show(page, view: str, hash_has: str = "") -> None:
    """Wait until the dashboard has drawn ``view`` (and the hash holds ``hash_has``)."""
    page.wait_for_function(
        "([view, part]) => document.body.dataset.ready === view && location.hash.includes(part)"
        " && document.body.dataset.drawn === location.hash", arg=[view, hash_has])


def snap(page, shots: Path, name: str, full_page: bool = True) -> Path:
    path = shots / f"{name}.png"
    page.mouse.move(0, 0)  # no tooltip in the picture
    page.screenshot(path=str(path), full_page=full_page)
    print(f"screenshot: {path}")
    return path


def api(server, path: str, **params):
    """GET the API directly, for comparing with what the page shows."""
    import httpx

    response = httpx.get(server.url + path, params={k: v for k, v in params.items() if v is not None}, timeout=30)
    response.raise_for_status()
    return response.json()
