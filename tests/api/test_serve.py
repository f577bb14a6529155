"""``detente serve`` as a user runs it: a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from detente.cli.serve import is_loopback
from tests.api.conftest import TOKEN


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.5.0.1", True), ("localhost", True),
                                            ("::1", True), ("[::1]", True), ("0.0.0.0", False), ("::", False),
                                            ("192.168.1.10", False), ("example.org", False)])
def test_loopback(host, loopback):
    assert is_loopback(host) is loopback


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within 60 s")


def test_serve_reads_and_writes_with_the_token_file(store_copy, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_API_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", store_copy, "--port", str(port),
                               "--token-file", str(token_file)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/openapi.json", server)
        assert httpx.get(f"{base}/events", params={"limit": 2}).json()["total"] > 2
        body = {"articles": [{"text": "Russia accused Ukraine of shelling the Zaporizhzhia plant on Sunday."}]}
        assert httpx.post(f"{base}/ingest", json=body).status_code == 401
        stored = httpx.post(f"{base}/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
        assert stored.status_code == 200 and stored.json()["articles"] == 1
        assert "server" not in httpx.get(f"{base}/articles").headers
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"detente API on http://127.0.0.1:{port} (writes need the token)" in stderr
    assert "warning" not in stderr


def test_serve_refuses_a_short_token(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("short\n")
    result = subprocess.run([sys.executable, "-m", "detente", "serve", "--db", str(tmp_path / "x.duckdb"),
                             "--token-file", str(token_file)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "at least 16 printable ASCII characters" in result.stderr
