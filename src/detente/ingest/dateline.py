"""The dateline that opens a wire story: "LONDON (Reuters) -", "WASHINGTON, Jan 5 -".

Shared by the sentence splitter (the story starts after the dash), the
actor finder (a dateline is no one's title) and the story's home country.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]{1,40}?)(?:,[^\n()]{0,40})?\s*(?:\((?:Reuters|AP|AFP|dpa|Xinhua)\))?\s*[-—–]\s",
)
