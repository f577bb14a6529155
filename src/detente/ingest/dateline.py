"""The dateline that opens a wire story: "LONDON (Reuters) -", "WASHINGTON, Jan 5 -",
"KYIV, Ukraine, Oct. 2 (Reuters) —".

One recogniser shared by the sentence splitter (the story starts after the
dash), the actor finder (a dateline is no one's title), the story's home
country and the event-date resolver (the dateline's date).
"""

from __future__ import annotations

import calendar
import re

_MONTHS = sorted({m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m} | {"sept"},
                 key=len, reverse=True)
# Datelines write months capitalised ("Jan 5", "March 3", "Oct. 2").
_MONTH = r"(?i:(?:" + "|".join(_MONTHS) + r")\.?)"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z0-9.'’/\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’/\- ]{1,40}?)?)?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\))?\s*(?:--?|—|–)\s+"
)


def match_dateline(text: str) -> re.Match | None:
    """The dateline at the start of ``text``; a bare dash is none."""
    match = DATELINE.match(text[:200])
    if not match or not (match.group("place") or match.group("agency")):
        return None
    return match
