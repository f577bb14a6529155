"""Read a saved or fetched HTML news page as an ``Article``.

trafilatura finds the article body (dropping navigation, adverts, related
links and reader comments) and the page's metadata: title, publication date,
author, canonical URL and site name. detente only decodes the bytes and maps
trafilatura's result onto ``Article``.

Decoding: valid UTF-8 (the encoding of every page in the shared corpus, and
of nearly all of today's web) is taken as is; other bytes are decoded with
the charset the page declares in a ``<meta>`` tag when Python knows it, and
otherwise go through ``ingest.text.decode`` (BOMs, UTF-16, Windows-1252,
charset-normalizer, binary refusal) like any other input. trafilatura's own
decoder ignores the declared charset and falls back to a lossy UTF-8, which
would turn a Latin-1 page's accents into replacement characters.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from html import unescape

from detente.errors import NoArticleTextError
from detente.ingest.records import to_article
from detente.ingest.text import decode
from detente.ingest.xmlsafe import refuse_entities
from detente.schema import Article

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)

# Extraction options, chosen on the shared corpus (docs/evaluation/html-extraction.md):
# reader comments are never the article; tables stay because news tables
# (results, casualty counts) are content. favor_recall let boilerplate in
# (mean F1 0.970 against 0.981) and favor_precision dropped a sentence the
# article needs, so neither is set.
EXTRACTION = {"include_comments": False, "include_tables": True}


def html_text(data: bytes | str, where: str, encoding: str | None = None) -> str:
    """The page as text, decoded by the rules in the module docstring."""
    if isinstance(data, str):
        return data
    if encoding is None and not _is_utf8(data):
        encoding = declared_charset(data)
    return decode(data, where, encoding)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares, if Python has a codec for it."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def read_html(data: bytes | str, where: str, url: str | None = None, *, encoding: str | None = None) -> Article:
    """The article in an HTML page read from ``where`` (a path or URL).

    ``url`` is where the page came from; the article's ``url`` is the page's
    canonical URL when it declares one, else ``url``. The id is ``url`` when
    given (a fetched page), else ``where`` (a file's path), like text files.
    Raises ``NoArticleTextError`` when the page has no article body,
    ``UnsafeXmlError`` when it declares XML entities.
    """
    import trafilatura

    refuse_entities(data, where, "page")
    page = html_text(data, where, encoding)
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, **EXTRACTION)
    # trafilatura puts one paragraph per line; detente's inputs (and the news
    # corpus) separate paragraphs with a blank line.
    text = _tidy((document.text or "").replace("\n", "\n\n")) if document is not None else ""
    if not text:
        raise NoArticleTextError(
            f"{where}: no article text found in the HTML (an index, login or script-only page?); "
            "give the article's own page, or save its text as a .txt file")
    return to_article({
        "id": url or where, "text": text, "title": document.title or None,
        "date": _date(document.date), "url": document.url or url,
        "publisher": document.sitename or None, "author": document.author or None,
    })


def _date(value: str | None) -> dt.date | None:
    """trafilatura gives ISO dates (YYYY-MM-DD); anything else is dropped, not guessed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), paragraphs kept apart.

    trafilatura's body finder is meant for whole pages and can drop short
    fragments, so fragments are flattened with lxml: block elements end a
    paragraph, scripts and styles are removed.
    """
    from lxml import html as lxml_html

    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return _tidy(unescape(fragment))
    # lxml refuses to set a tail holding a character XML forbids (a control
    # character a loose feed parser let through), so they become spaces.
    root = lxml_html.fragment_fromstring(_XML_FORBIDDEN.sub(" ", fragment), create_parent="div")
    for junk in root.xpath(".//script|.//style|.//noscript|.//iframe"):
        junk.drop_tree()
    for block in root.xpath(".//p|.//div|.//br|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote|.//tr"):
        block.tail = "\n\n" + (block.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines between paragraphs."""
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
