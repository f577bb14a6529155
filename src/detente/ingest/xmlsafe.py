"""Refuse feeds and pages that declare XML entities, before any parser sees them.

Entity declarations are how XML bombs (billion laughs, quadratic blowup) and
external entities (``<!ENTITY x SYSTEM "file:///etc/passwd">``) work. The
parsers behind detente are mostly safe on their own (feedparser strips
nested declarations and turns off external entities, expat caps
amplification, lxml's HTML parser ignores the internal subset), but each
falls back differently, and an entity left unexpanded ends up in the article
as ``&xxe;``. News feeds and pages never need their own entities, so a
DOCTYPE with an internal subset that declares one is refused with a clear
message instead (tests/robustness/test_limits.py shows the parsers alone
do not read an external entity either).
"""

from __future__ import annotations

import re

from detente.errors import UnsafeXmlError

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)


def declares_entities(data: bytes) -> bool:
    """True when the DOCTYPE of ``data`` opens an internal subset and an
    ENTITY declaration follows. Only the first DOCTYPE counts: XML allows one,
    and parsers stop at (or ignore) a second."""
    # UTF-16/32 markup is ASCII with NUL bytes between: drop them to see it.
    flat = data.replace(b"\x00", b"") if b"\x00" in data[:4096] else data
    doctype = _DOCTYPE.search(flat)
    if doctype is None:
        return False
    head = flat[doctype.end():doctype.end() + 1000]  # name and public/system ids, then "[" or ">"
    bracket, close = head.find(b"["), head.find(b">")
    opens_subset = bracket >= 0 and (close < 0 or bracket < close)
    return opens_subset and _ENTITY.search(flat, doctype.end() + bracket) is not None


def refuse_entities(data: bytes | str, where: str, what: str) -> None:
    """UnsafeXmlError when the ``what`` ("feed", "page") read from ``where`` declares entities."""
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if declares_entities(raw):
        raise UnsafeXmlError(
            f"{where}: the {what} declares XML entities (a possible XML bomb); refused. "
            "Feeds and pages do not need their own entities: remove the <!DOCTYPE ...[...]> block "
            "if you trust the file")
