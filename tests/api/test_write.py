"""POST /analyze (size limits, the concurrency cap) and POST /ingest (token,
exactly once), on the real app and a real store."""

from __future__ import annotations

import json
import threading

import pytest

from detente.analysis import Options
from tests.api.conftest import PARAGRAPH, TOKEN, make_client, table_counts


@pytest.fixture(scope="module")
def analyzer(built_store, tmp_path_factory):
    """A server with one analysis slot and small limits."""
    import shutil

    path = tmp_path_factory.mktemp("write") / "analyze.duckdb"
    shutil.copy(built_store, path)
    with make_client(str(path), max_body=20_000, analyze_slots=1, options=Options(max_chars=5_000)) as client:
        yield client


def test_analyze_paragraph(analyzer):
    response = analyzer.post("/analyze", json={"text": PARAGRAPH, "date": "2022-12-05", "title": "Baerbock in Delhi"})
    assert response.status_code == 200, response.text
    analysis = response.json()
    assert analysis["title"] == "Baerbock in Delhi" and analysis["date"] == "2022-12-05"
    kinds = {(e["source"]["country"], e["type"], e["target"] and e["target"]["country"]) for e in analysis["events"]}
    assert ("DEU", "CONSULT", "IND") in kinds
    for event in analysis["events"]:
        assert PARAGRAPH[event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["sentence"]
    assert "Delhi" in {p["name"] for p in analysis["places"]}


@pytest.mark.parametrize("body, status, words", [
    ({}, 422, "body field 'text': Field required"),
    ({"text": PARAGRAPH, "date": "05/12/2022"}, 422, "body field 'date'"),
    ({"text": PARAGRAPH, "path": "/etc/passwd"}, 422, "Extra inputs are not permitted"),
    ({"text": "   "}, 400, "the article text is empty"),
    ({"text": "word " * 1_500}, 413, "more than the limit of 5,000"),
])
def test_analyze_bad_input(analyzer, body, status, words):
    response = analyzer.post("/analyze", json=body)
    assert response.status_code == status and words in response.json()["error"]["message"], response.text


def test_analyze_not_json(analyzer):
    response = analyzer.post("/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "JSON decode error" in response.json()["error"]["message"]


def test_oversized_body_is_413_before_reading(analyzer):
    response = analyzer.post("/analyze", content=json.dumps({"text": "x" * 30_000}),
                             headers={"content-type": "application/json"})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "E803" and "over this server's limit of 20,000 bytes" in error["message"]


def test_oversized_chunked_body_is_413(analyzer):
    def chunks():
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1_000  # no Content-Length: counted as it arrives
        yield b'"}'

    response = analyzer.post("/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "E803"


def test_concurrency_cap_answers_429_with_retry_after(analyzer):
    slots = analyzer.app.state.detente.slots
    assert slots.acquire()  # an analysis in flight holds the only slot
    try:
        response = analyzer.post("/analyze", json={"text": PARAGRAPH})
        assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
        assert "all 1 analysis slot(s) are busy" in response.json()["error"]["message"]
    finally:
        slots.release()
    assert analyzer.post("/analyze", json={"text": PARAGRAPH}).status_code == 200
    assert slots.in_use == 0


def test_concurrent_requests_beyond_the_cap(built_store):
    """Two real requests at once against one slot: while the first is inside
    its analysis (held there by an event), the second is refused."""
    with make_client(built_store, analyze_slots=1) as client:
        ctx = client.app.state.detente
        inside, finish = threading.Event(), threading.Event()
        gated = _Gated(ctx.options, inside, finish)
        ctx.options = gated
        first = {}
        thread = threading.Thread(target=lambda: first.update(r=client.post("/analyze", json={"text": PARAGRAPH})))
        thread.start()
        assert inside.wait(60)
        second = client.post("/analyze", json={"text": PARAGRAPH})
        finish.set()
        thread.join(60)
    assert second.status_code == 429 and first["r"].status_code == 200


class _Gated(Options):
    """Options whose actor dictionary (read at the start of every analysis)
    waits for the test: a real analysis, paused inside its slot."""

    def __init__(self, options: Options, inside: threading.Event, finish: threading.Event):
        object.__setattr__(self, "_wrapped", options)
        object.__setattr__(self, "_gate", (inside, finish))
        for name in Options.__dataclass_fields__:
            object.__setattr__(self, name, getattr(options, name))

    def dictionary(self):
        inside, finish = self._gate
        inside.set()
        finish.wait(60)
        return self._wrapped.dictionary()


def test_no_slots_means_no_analysis(built_store):
    with make_client(built_store, analyze_slots=0) as client:
        response = client.post("/analyze", json={"text": PARAGRAPH})
    assert response.status_code == 429 and "runs no analyses" in response.json()["error"]["message"]


ARTICLES = [{"id": "api-1", "text": PARAGRAPH, "date": "2022-12-05", "url": "https://example.com/a/1"},
            {"id": "api-2", "text": "Russia accused Ukraine of shelling the Zaporizhzhia plant on Sunday.",
             "date": "2024-04-07", "publisher": "Example Wire"}]


def test_ingest_needs_a_configured_token(store_copy):
    before = table_counts(store_copy)
    with make_client(store_copy) as client:
        response = client.post("/ingest", json={"articles": ARTICLES}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "read-only server: set DETENTE_API_TOKEN" in response.json()["error"]["message"]
    assert table_counts(store_copy) == before


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-0123456789"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": "Bearer é".encode("latin-1")}])
def test_ingest_refuses_a_wrong_token(store_copy, headers):
    before = table_counts(store_copy)
    with make_client(store_copy, token=TOKEN) as client:
        response = client.post("/ingest", json={"articles": ARTICLES}, headers=headers)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    assert "missing or wrong token" in response.json()["error"]["message"]
    assert table_counts(store_copy) == before


def test_ingest_stores_once(store_copy):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with make_client(store_copy, token=TOKEN) as client:
        total = client.get("/articles").json()["total"]
        first = client.post("/ingest", json={"articles": ARTICLES}, headers=auth)
        assert first.status_code == 200, first.text
        assert first.json()["articles"] == 2 and first.json()["events"] >= 2
        after = table_counts(store_copy)
        again = client.post("/ingest", json={"articles": ARTICLES}, headers=auth).json()
        assert (again["articles"], again["events"], again["skipped"]) == (0, 0, {"already stored": 2})
        assert client.get("/articles").json()["total"] == total + 2
        stored = client.get("/articles/url:https://example.com/a/1").json()
        assert stored["external_id"] == "api-1" and stored["analysis"]["events"]
    counts = table_counts(store_copy)
    assert {k: v for k, v in counts.items() if k not in ("ingest_runs",)} == \
        {k: v for k, v in after.items() if k not in ("ingest_runs",)}


@pytest.mark.parametrize("body, words", [({"articles": []}, "at least 1 item"),
                                         ({"articles": [{"title": "no text"}]}, "'articles.0.text'"),
                                         ({"sources": ["/etc/passwd"]}, "Extra inputs are not permitted")])
def test_ingest_bad_bodies(store_copy, body, words):
    with make_client(store_copy, token=TOKEN) as client:
        response = client.post("/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422 and words in response.json()["error"]["message"], response.text
