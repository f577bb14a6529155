"""Load on the REST API: a fixed request rate against a real ``detente serve``.

    .venv/bin/python benchmarks/api_load.py                     # 60 s at 200 requests/s
    .venv/bin/python benchmarks/api_load.py --rate 100 --duration 10 --db my.duckdb

Builds a DuckDB store from the first ``--articles`` dated Reuters politics
and world stories of the shared corpus (../shared/corpus/news.jsonl), unless
``--db`` names one, starts ``detente serve`` on 127.0.0.1 (a subprocess, as a
user runs it) and sends a mix of ``GET /events`` and ``GET /relations``
queries at a fixed rate. The rate is open-loop: request i is due at
``i / rate`` seconds whatever the answers before it, and its latency counts
from that moment, so a server falling behind shows in the percentiles
rather than slowing the client down. Every request has a timeout; anything
but a 2xx, and any connection error, counts as an error. Prints one row per
endpoint: requests, errors, rate achieved, p50/p95/p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
TIMEOUT = 10.0
MAX_CONNECTIONS = 64
# The mix: what the dashboard and scripts ask, half events, half relations.
QUERIES = [
    ("/events", {}),
    ("/events", {"source": "USA"}),
    ("/events", {"target": "RUS", "limit": 20}),
    ("/events", {"type": "CONSULT", "sort": "-goldstein"}),
    ("/events", {"source": "USA", "target": "CHN", "both": "true", "since": "2016-01-01"}),
    ("/events", {"limit": 50, "offset": 50}),
    ("/relations", {"a": "USA", "b": "CHN", "both": "true"}),
    ("/relations", {"a": "USA", "b": "RUS", "by": "month"}),
    ("/relations", {"a": "RUS"}),
    ("/relations", {"a": "USA", "b": "IRN", "both": "true", "by": "day", "since": "2017-01-01",
                    "until": "2017-12-31"}),
    ("/relations", {"a": "CHN", "b": "PRK", "modality": "all"}),
    ("/relations", {"a": "USAGOV", "by": "month"}),
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values, 0.0 when there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def sample_articles(path: Path, count: int) -> Path:
    """The first ``count`` dated Reuters politics/world stories, as JSONL."""
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is not available (the shared data folder sits beside the repository)")
    picked = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"].startswith("isot-reuters-") and record.get("date") \
                    and record.get("category") in ("politics", "world"):
                picked.append(line)
                if len(picked) == count:
                    break
    path.write_text("".join(picked), encoding="utf-8")
    return path


def build_store(folder: Path, count: int) -> str:
    location = str(folder / "load.duckdb")
    articles = sample_articles(folder / "articles.jsonl", count)
    subprocess.run([sys.executable, "-m", "detente", "ingest", str(articles), "--db", location],
                   check=True, capture_output=True, timeout=1800)
    return location


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, port: int, log: Path) -> subprocess.Popen:
    """``detente serve`` on 127.0.0.1, answering once /openapi.json does."""
    import httpx

    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", db, "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"detente serve exited with {server.returncode}: {log.read_text()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("detente serve did not answer within 60 s")


async def one(client, path: str, params: dict, due: float, tally: Tally) -> None:
    try:
        response = await client.get(path, params=params)
    except Exception as exc:  # noqa: BLE001 - any failure to get an answer is an error to count
        tally.error(type(exc).__name__)
        return
    if 200 <= response.status_code < 300:
        tally.latencies.append(time.perf_counter() - due)
    else:
        tally.error(f"HTTP {response.status_code}")


async def load(base: str, rate: float, duration: float) -> tuple[dict[str, Tally], float]:
    """Send round(rate * duration) requests, request i at i / rate seconds;
    returns a tally per endpoint and the seconds from first to last answer."""
    import httpx

    tallies = {path: Tally() for path in dict.fromkeys(p for p, _ in QUERIES)}
    limits = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT, limits=limits) as client:
        for path, params in QUERIES:  # warm up: a server that has answered each query once, as in use
            await client.get(path, params=params)
        tasks, start = [], time.perf_counter()
        for i in range(round(rate * duration)):
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            path, params = QUERIES[i % len(QUERIES)]
            tasks.append(asyncio.create_task(one(client, path, params, due, tallies[path])))
        await asyncio.gather(*tasks)
    return tallies, time.perf_counter() - start


def table(tallies: dict[str, Tally], seconds: float) -> list[dict]:
    rows = []
    everything = Tally([v for t in tallies.values() for v in t.latencies],
                       {k: v for t in tallies.values() for k, v in t.errors.items()})
    for name, tally in [*tallies.items(), ("all", everything)]:
        ms = [v * 1000 for v in tally.latencies]
        rows.append({"endpoint": name, "requests": tally.requests, "errors": sum(tally.errors.values()),
                     "error_kinds": tally.errors, "rate": tally.requests / seconds if seconds else 0.0,
                     "p50": percentile(ms, 50), "p95": percentile(ms, 95), "p99": percentile(ms, 99)})
    return rows


def render(rows: list[dict]) -> str:
    lines = [f"{'endpoint':<12} {'requests':>9} {'errors':>7} {'rate/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    for r in rows:
        lines.append(f"{r['endpoint']:<12} {r['requests']:>9,} {r['errors']:>7,} {r['rate']:>8.1f} "
                     f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f}")
        if r["error_kinds"]:
            lines.append(f"{'':<12} errors: {r['error_kinds']}")
    return "\n".join(lines)


def run(rate: float = 200, duration: float = 60, db: str | None = None, articles: int = 100) -> list[dict]:
    """Build (or use) a store, serve it, load it; the table's rows."""
    with tempfile.TemporaryDirectory(prefix="detente-load-") as folder:
        location = db or build_store(Path(folder), articles)
        port = free_port()
        server = start_server(location, port, Path(folder) / "serve.log")
        try:
            tallies, seconds = asyncio.run(load(f"http://127.0.0.1:{port}", rate, duration))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return table(tallies, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200, help="requests per second (default 200)")
    parser.add_argument("--duration", type=float, default=60, help="seconds (default 60)")
    parser.add_argument("--db", help="serve this store instead of building one")
    parser.add_argument("--articles", type=int, default=100, help="corpus articles in the built store")
    args = parser.parse_args()
    rows = run(args.rate, args.duration, args.db, args.articles)
    print(f"GET /events and /relations at {args.rate:g} requests/s for {args.duration:g} s on 127.0.0.1")
    print(render(rows))
    sys.exit(1 if rows[-1]["errors"] else 0)


if __name__ == "__main__":
    main()
