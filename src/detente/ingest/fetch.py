"""Fetch one web page or feed over HTTP(S), within limits.

Limits, so that one slow or huge URL never stalls or swamps a run:

- only ``http`` and ``https`` URLs (``file:``, ``ftp:`` ... are refused);
- ``timeout`` seconds to connect, between two reads, and for the whole
  download: a server that trickles bytes is cut off at the deadline too;
- ``max_bytes``: a declared Content-Length above it is refused before the
  body is read, and the download stops as soon as the body passes it;
- at most ``max_redirects`` redirects, each to http(s) only;
- a User-Agent naming detente, so site owners can tell who is asking.

Proxies in the environment (``HTTPS_PROXY``, ``NO_PROXY``) are honoured.
"""

from __future__ import annotations

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
                          headers={"User-Agent": USER_AGENT}) as client:
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
