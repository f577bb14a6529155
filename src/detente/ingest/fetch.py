"""Fetch one web page or feed over HTTP(S), within limits.

Limits, so that one slow or huge URL never stalls or swamps a run:

- only ``http`` and ``https`` URLs (``file:``, ``ftp:`` ... are refused);
- ``timeout`` seconds to connect, between two reads, and for the whole
  download: a server that trickles bytes is cut off at the deadline too;
- ``max_bytes``: a declared Content-Length above it is refused before the
  body is read, and the download stops as soon as the body passes it;
- at most ``max_redirects`` redirects, each to http(s) only;
- public addresses only, for the first request and every redirect: a host
  that resolves to a private, loopback, link-local or otherwise non-global
  address (10.0.0.0/8, 127.0.0.1, 169.254.169.254, ::1 ...) is refused, so
  that a feed's links cannot make detente read a machine's own services or
  a cloud's metadata endpoint. Set ``DETENTE_ALLOW_PRIVATE_URLS=1`` to
  fetch from your own network. (A host that changes its DNS answer between
  this check and the connection is not caught.)
- a User-Agent naming detente, so site owners can tell who is asking.

Proxies in the environment (``HTTPS_PROXY``, ``NO_PROXY``) are honoured.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from detente import __version__
from detente.errors import FetchError

TIMEOUT = 15.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = f"detente/{__version__} (news-to-political-event coder)"

@dataclass(frozen=True)
class Fetched:
    """A downloaded body, its Content-Type (without parameters) and final URL."""

    data: bytes
    content_type: str | None
    url: str

def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched; "
                         "give a web address, or the path of a saved file")

def fetch_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
              max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET ``url`` within the limits in the module docstring; raises FetchError."""
    import httpx

    check_url(url)
    try:
        with httpx.Client(follow_redirects=True, max_redirects=max_redirects, timeout=timeout,
                          headers={"User-Agent": USER_AGENT},
                          event_hooks={"request": [lambda request: refuse_private(str(request.url))]}) as client:
            with client.stream("GET", url) as response:
                return _read(response, url, timeout, max_bytes)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {timeout:g} s; try again later or raise the timeout") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {max_redirects} redirects; give the page's final address") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{url}: redirected to a URL that is not http(s) ({exc}); not followed") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: cannot be fetched ({exc.__class__.__name__}: {exc}); "
                         "check the address and the network") from None

def refuse_private(url: str) -> None:
    """Raise FetchError when ``url``'s host resolves to a non-public address,
    unless DETENTE_ALLOW_PRIVATE_URLS=1 (httpx calls this for every request,
    redirects included)."""
    if os.environ.get("DETENTE_ALLOW_PRIVATE_URLS") == "1":
        return
    parts = urlsplit(url)
    for address in _addresses(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)):
        if not address.is_global:
            raise FetchError(f"{url}: {parts.hostname} is a private or local address ({address}); detente fetches "
                             "only public addresses, so that a feed cannot make it read internal services; "
                             "set DETENTE_ALLOW_PRIVATE_URLS=1 to fetch from your own network")


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []  # unknown host: the request itself fails with a clear error
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]


def _read(response, url: str, timeout: float, max_bytes: int) -> Fetched:
    if response.status_code >= 400:
        raise FetchError(f"{url}: the server answered HTTP {response.status_code} {response.reason_phrase}; "
                         "check the address")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes, over the {max_bytes:,}-byte limit; "
                         "save the page and give the file, or raise the limit")
    deadline = time.monotonic() + timeout
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: more than {max_bytes:,} bytes, the download was stopped; "
                             "save the page and give the file, or raise the limit")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the download took over {timeout:g} s and was stopped; try again later")
        chunks.append(chunk)
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower() or None
    return Fetched(b"".join(chunks), content_type, str(response.url))
