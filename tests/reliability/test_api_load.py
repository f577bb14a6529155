"""The API under load on loopback: 60 s at 200 requests/s of GET /events and
GET /relations against a real ``detente serve`` (benchmarks/api_load.py),
zero errors, p99 reported; POST /analyze beyond its slots answers 429."""

from __future__ import annotations

import importlib.util
import sys
import threading

import httpx

from tests.api.conftest import PARAGRAPH, build_store
from tests.api.test_serve import free_port, wait_for
from tests.conftest import CORPUS, ROOT, need

RATE, DURATION = 200, 60


def load_module():
    spec = importlib.util.spec_from_file_location("api_load", ROOT / "benchmarks" / "api_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_200_requests_per_second_for_60_seconds_without_errors():
    need(CORPUS)
    api_load = load_module()
    rows = api_load.run(rate=RATE, duration=DURATION, articles=100)
    print(f"\nGET /events and /relations at {RATE} requests/s for {DURATION} s on 127.0.0.1\n"
          + api_load.render(rows))
    everything = rows[-1]
    assert everything["requests"] == RATE * DURATION
    assert everything["errors"] == 0, everything["error_kinds"]


def test_analyses_beyond_the_slots_get_429_with_retry_after(tmp_path):
    """Eight analyses at once against a real server with two slots: every
    request is answered, the ones finding no free slot with 429 and
    Retry-After, the others with their analysis."""
    import subprocess

    location = str(tmp_path / "store.duckdb")
    build_store(location)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", location, "--port", str(port),
                               "--analyze-slots", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/openapi.json", server)
        assert httpx.post(f"{base}/analyze", json={"text": PARAGRAPH}, timeout=120).status_code == 200  # model loaded
        answers: list[httpx.Response] = []
        start = threading.Barrier(8)

        def post() -> None:
            start.wait()
            answers.append(httpx.post(f"{base}/analyze", json={"text": PARAGRAPH * 40}, timeout=120))

        threads = [threading.Thread(target=post) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
    finally:
        server.terminate()
        server.communicate(timeout=30)
    statuses = sorted(a.status_code for a in answers)
    assert len(answers) == 8 and set(statuses) <= {200, 429}, statuses
    assert statuses.count(200) >= 2 and statuses.count(429) >= 1, statuses  # the two slots were used
    for refused in (a for a in answers if a.status_code == 429):
        assert int(refused.headers["Retry-After"]) > 0 and refused.json()["error"]["code"] == "E804"
    for done in (a for a in answers if a.status_code == 200):
        assert done.json()["events"]
