"""Security: injection through every filter, path traversal, the default
bind address, the token comparison, and what fetching refuses. Covered
elsewhere: request size limits (tests/api/test_write.py), article HTML shown
as text in Chromium (tests/web), fetch limits (tests/ingest/test_fetch.py);
docs/security.md lists each point and its test."""

from __future__ import annotations

import http.server
import inspect
import os
import socket
import subprocess
import sys
import threading

import pytest

from detente.errors import FetchError
from tests.api.conftest import TOKEN, make_client, table_counts
from tests.api.test_serve import free_port, wait_for

INJECTIONS = ["' OR '1'='1", "USA'; DROP TABLE events; --", '"; DELETE FROM articles; --',
              "1) UNION SELECT * FROM meta --", "%' OR '%'='", "USA\x00GOV"]
# Every query parameter of every read endpoint, with the other parameters
# an endpoint needs to be reached at all.
PARAMETERS = {
    "/events": ["source", "target", "type", "modality", "since", "until", "sort", "offset", "limit", "both",
                "background"],
    "/articles": ["since", "until", "publisher", "search", "offset", "limit"],
    "/actors": ["country", "code", "kind", "offset", "limit"],
    "/places": ["country", "kind", "offset", "limit"],
    "/relations?b=CHN&a=USA": ["a", "b", "both", "by", "since", "until", "modality"],
    "/counterparts?actor=USA": ["actor", "since", "until", "level", "modality", "domestic", "limit"],
    "/network": ["since", "until", "level", "min_events", "modality", "domestic", "limit"],
    "/alerts": ["by", "window", "threshold", "min_events", "until", "modality", "everything"],
}
FREE_TEXT = {("/articles", "publisher"), ("/articles", "search")}  # matched as text: no rows, not an error


@pytest.fixture(scope="module")
def attacked(built_store, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("security") / "store.duckdb"
    shutil.copy(built_store, path)
    before = table_counts(str(path))
    with make_client(str(path)) as client:
        yield client
    assert table_counts(str(path)) == before  # no injection changed a row


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("endpoint, name", [(e, n) for e, names in PARAMETERS.items() for n in names])
def test_injection_through_every_api_parameter(attacked, endpoint, name, payload):
    path, _, fixed = endpoint.partition("?")
    params = dict(p.split("=") for p in fixed.split("&") if p)
    params[name] = payload
    response = attacked.get(path, params=params)
    body = response.json()
    if (path, name) in FREE_TEXT and "\x00" not in payload:
        assert response.status_code == 200 and body["total"] == 0, response.text
        return
    assert response.status_code in (400, 422), response.text
    assert body["error"]["code"] in ("E600", "E801") and "Traceback" not in body["error"]["message"]


CLI = [
    ["events", "--source", "{}"], ["events", "--target", "{}"], ["events", "--type", "{}"],
    ["events", "--modality", "{}"], ["events", "--since", "{}"], ["events", "--until", "{}"],
    ["articles", "--since", "{}"], ["articles", "--until", "{}"], ["articles", "--publisher", "{}"],
    ["articles", "--search", "{}"], ["actors", "--country", "{}"], ["actors", "--code", "{}"],
    ["actors", "--kind", "{}"], ["relations", "{}"], ["relations", "USA", "{}"], ["relations", "USA", "--by", "{}"],
    ["counterparts", "{}"],
]


@pytest.fixture(scope="module")
def cli_store(built_store, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    shutil.copy(built_store, path)
    before = table_counts(str(path))
    yield str(path)
    assert table_counts(str(path)) == before


@pytest.mark.parametrize("args", CLI, ids=lambda a: " ".join(a).replace("{}", "X"))
def test_injection_through_every_cli_filter(cli_store, args):
    payload = "USA' OR '1'='1'; DROP TABLE events; --"
    done = subprocess.run([sys.executable, "-m", "detente", *[a.format(payload) for a in args], "--db", cli_store,
                           "--format", "json"], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    if args[1] in ("--publisher", "--search"):
        assert done.returncode == 0 and done.stdout.strip() == "", done.stdout  # the text matched nothing
    else:
        assert done.returncode == 2 and done.stderr.startswith("error: "), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory):
    """``detente serve`` as a user starts it: no --host."""
    import shutil

    path = tmp_path_factory.mktemp("serve") / "store.duckdb"
    shutil.copy(built_store, path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_API_TOKEN"}
    process = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(path), "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/openapi.json", process)
        yield port, process
    finally:
        process.terminate()
        process.communicate(timeout=30)


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """GET with the request target sent byte for byte (HTTP clients
    normalise '..' away before sending; an attacker's does not)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.partition(b"\r\n\r\n")[2]


@pytest.mark.parametrize("target", [
    "/static/../../etc/passwd", "/static/../../../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/..%5c..%5c..%5cetc%5cpasswd", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/....//....//etc/passwd", "/static/../app.py", "/static/..%2fapp.py",
    "/articles/../../etc/passwd", "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/articles//etc/passwd",
    "/articles/file:///etc/passwd", "/../../etc/passwd",
])
def test_no_path_traversal(server, target):
    status, body = raw_get(server[0], target)
    assert status in (400, 404), (status, body[:200])
    assert b"root:" not in body and b"create_app" not in body


def test_static_files_are_still_served(server):
    status, body = raw_get(server[0], "/static/index.html")
    assert status == 200 and b"<html" in body.lower()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (/proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            for line in list(lines)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if int(hex_port, 16) == port and state == "0A":
                    found.add(address)
    return found


def test_serve_listens_on_loopback_only_by_default(server):
    from detente.cli.serve import serve

    port, _ = server
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, little-endian hex; nothing else
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_writes_are_off_without_a_token(server):
    import httpx

    response = httpx.post(f"http://127.0.0.1:{server[0]}/ingest", json={"articles": [{"text": "x"}]},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "E806"


def test_token_is_compared_in_constant_time(store_copy, monkeypatch):
    """Every check of the token goes through hmac.compare_digest, with the
    given and the configured token; a wrong, absent or prefix token is 401."""
    import hmac

    from detente.api import auth

    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    with make_client(store_copy, token=TOKEN) as client:
        for given in ("wrong-token-0123456789abcdef", TOKEN[:-1], TOKEN + "x", ""):
            headers = {"Authorization": f"Bearer {given}"} if given else {}
            assert client.post("/ingest", json={"articles": []}, headers=headers).status_code == 401
        ok = client.post("/ingest", json={"articles": []}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 422, ok.text  # past the token: the empty list itself is refused
    assert len(calls) == 5 and all(b == TOKEN.encode() for _, b in calls)
    assert "==" not in inspect.getsource(auth.require_token)


class Redirects(http.server.BaseHTTPRequestHandler):
    """/to?u=URL redirects there."""

    def do_GET(self):  # noqa: N802 - the http.server name
        self.send_response(302)
        self.send_header("Location", self.path.partition("?u=")[2])
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def redirector(redirect_server, monkeypatch):
    """The redirecting server on 127.0.0.1, which detente may fetch here."""
    monkeypatch.setenv("DETENTE_ALLOW_PRIVATE_URLS", "1")
    return redirect_server


@pytest.fixture(scope="module")
def redirect_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirects)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/",
                                 "data:text/html,<p>x</p>", "//127.0.0.1/x", "/etc/passwd"])
def test_fetch_refuses_other_schemes(url):
    from detente.ingest.fetch import fetch_url

    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch_url(url)


def test_a_public_page_redirecting_to_a_private_address_is_refused(redirect_server, monkeypatch):
    """Every redirect is checked, not only the first address: the redirector
    (on 127.0.0.1) stands in for a public host, and sends to the metadata
    address of a cloud machine."""
    from detente.ingest import fetch

    monkeypatch.delenv("DETENTE_ALLOW_PRIVATE_URLS", raising=False)
    real = fetch._addresses
    monkeypatch.setattr(fetch, "_addresses", lambda host, port: (
        [fetch.ipaddress.ip_address("93.184.216.34")] if host == "127.0.0.1" else real(host, port)))
    target = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(FetchError, match=r"169\.254\.169\.254 is a private or local address"):
        fetch.fetch_url(f"{redirect_server}/to?u={target}", timeout=2)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_fetch_refuses_redirects_to_other_schemes(redirector, target, tmp_path):
    from detente.ingest.fetch import fetch_url

    url = f"{redirector}/to?u={target}"
    with pytest.raises(FetchError, match="not http"):
        fetch_url(url)
    db = str(tmp_path / "store.duckdb")
    done = subprocess.run([sys.executable, "-m", "detente", "ingest", url, "--db", db], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "root:" not in done.stderr + done.stdout, done.stderr
    from detente.store import open_store

    with open_store(db) as store:
        assert store.backend.rows('SELECT COUNT(*) FROM "articles"')[0][0] == 0
        [(reason, message)] = store.backend.rows('SELECT "reason", "message" FROM "skipped"')
    assert reason == "fetch" and "redirected to a URL that is not http(s)" in message, (reason, message)
