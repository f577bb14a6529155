"""An article's identity in the store: its URL, else a hash of its text.

Ingesting the same article again must change nothing, whether it comes back
through the same feed, another feed, or a re-export of the archive. The URL
is what a newsroom publishes under; tracking parameters, fragments, a
trailing slash and the host's case do not make another article. Without a
URL, the text is the identity, normalised so that whitespace and case
changes between copies do not count (the same rule as ``article_id``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from detente.analysis import article_id
from detente.schema import Article

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "cmpid", "ocid")


def normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def article_key(article: Article) -> str:
    if article.url and article.url.strip():
        return "url:" + normal_url(article.url)
    return "text:" + article_id(article.text)
