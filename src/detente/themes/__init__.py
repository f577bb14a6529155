"""Themes of international news, found by lemma and phrase rules.

The taxonomy is ``themes/data/themes.tsv`` (documented in docs/themes.md):
one row per theme with its label, its PLOVER contexts and its terms.

Matching. Each term is split with spaCy's English tokenizer (in the
document's own vocabulary) and added to two PhraseMatchers: one on ``LEMMA``,
whose pattern lemmas are the term's words as written (terms are written as
lemmas, so "sanction" matches "sanctions" and "sanctioned", "trade war"
matches "trade wars"), and one on ``LOWER`` (so fixed phrases printed
inflected, "human rights", "arms control", and words the tagger took for
proper nouns, "Pentagon", match as written); a term with an apostrophe is
added with the curly one too ("women’s rights"). No pipeline runs on the terms;
the matchers are built once per process and vocabulary.

Overlaps. A match inside a longer match, of any theme, is dropped: the
longest match wins ("trade union" is labour, not trade; "oil spill" is
environment, not energy). A theme that lists the longer phrase too keeps it.

Score. ``1 - exp(-n / 3)`` for ``n`` kept matches: 0.28 for one match,
0.49 for two, 0.63 for three, 0.81 for five, 0.96 for ten. Themes with at
least one match are returned, highest score first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from detente.datafiles import package_file, read_tsv, split_list
from detente.errors import DataFileError
from detente.schema import Mention, Theme

PACKAGE = "detente.themes"
SATURATION = 3.0


@dataclass(frozen=True)
class ThemeEntry:
    theme: str
    label: str
    contexts: tuple[str, ...]
    terms: tuple[str, ...]


@cache
def plover_contexts() -> tuple[str, ...]:
    """The PLOVER context keys of ``ontology/data/contexts.tsv``."""
    rows = read_tsv(package_file("detente.ontology", "contexts.tsv"), ("context",))
    return tuple(r["context"] for r in rows)


@cache
def taxonomy() -> dict[str, ThemeEntry]:
    """The themes of ``themes.tsv`` by key, in file order; checked once."""
    path = package_file(PACKAGE, "themes.tsv")
    entries: dict[str, ThemeEntry] = {}
    for row in read_tsv(path, ("theme", "label", "contexts", "terms")):
        entry = ThemeEntry(row["theme"], row["label"], split_list(row["contexts"]), split_list(row["terms"]))
        unknown = [c for c in entry.contexts if c not in plover_contexts()]
        if entry.theme in entries or unknown or not entry.terms:
            raise DataFileError(
                f"{path}: theme {entry.theme!r} is a duplicate, has no terms or names unknown "
                f"context(s) {', '.join(unknown) or '-'}; keys must be unique and contexts from contexts.tsv"
            )
        entries[entry.theme] = entry
    return entries


@cache
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(LEMMA matcher, LOWER matcher) over every theme's terms, for ``vocab``."""
    tokenizer = English(vocab=vocab).tokenizer
    by_lemma, by_lower = PhraseMatcher(vocab, attr="LEMMA"), PhraseMatcher(vocab, attr="LOWER")
    for entry in taxonomy().values():
        terms = entry.terms + tuple(t.replace("'", "\u2019") for t in entry.terms if "'" in t)
        words = [[t.text for t in tokenizer(term)] for term in terms]
        patterns = [Doc(vocab, words=w, lemmas=[x.lower() for x in w]) for w in words]
        by_lemma.add(entry.theme, patterns)
        by_lower.add(entry.theme, patterns)
    return by_lemma, by_lower


def _longest(found: set[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop matches lying inside a longer match (of any theme)."""
    inner: set[tuple[int, int]] = set()
    reach = -1
    for start, end in sorted({(s, e) for _, s, e in found}, key=lambda se: (se[0], -se[1])):
        if end <= reach:
            inner.add((start, end))
        reach = max(reach, end)
    return sorted((m for m in found if (m[1], m[2]) not in inner), key=lambda m: (m[1], m[2], m[0]))


def theme_matches(doclike: Doc | Span) -> list[tuple[str, int, int]]:
    """(theme, start token, end token) of every kept match, in text order."""
    doc = doclike if isinstance(doclike, Doc) else doclike.doc
    lo, hi = (0, len(doc)) if isinstance(doclike, Doc) else (doclike.start, doclike.end)
    strings = doc.vocab.strings
    found = {
        (strings[key], start, end)
        for matcher in _matchers(doc.vocab)
        for key, start, end in matcher(doc)
        if lo <= start and end <= hi
    }
    return _longest(found)


def score(matches: int) -> float:
    """Saturating score in [0, 1): ``1 - exp(-matches / SATURATION)``, 3 decimals."""
    return round(1 - math.exp(-matches / SATURATION), 3)


def find_themes(doc: Doc) -> list[Theme]:
    """The themes of ``doc`` with their mentions, highest score first."""
    spans: dict[str, list[Span]] = {}
    for theme, start, end in theme_matches(doc):
        spans.setdefault(theme, []).append(doc[start:end])
    themes = [
        Theme(theme=key, score=score(len(found)),
              mentions=[Mention(start=s.start_char, end=s.end_char, text=s.text) for s in found])
        for key, found in spans.items()
    ]
    return sorted(themes, key=lambda t: (-t.score, t.mentions[0].start))


def contexts_for(span: Span) -> list[str]:
    """PLOVER contexts of the themes matched inside ``span``, deduplicated, in text order."""
    entries = taxonomy()
    contexts = (c for theme, _, _ in theme_matches(span) for c in entries[theme].contexts)
    return list(dict.fromkeys(contexts))
