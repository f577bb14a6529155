"""Match country words and dictionary names in a Doc with spaCy's PhraseMatcher.

Matching is case-sensitive (ORTH) so that "US" is the country and "us" is
not, and "WHO" is the organisation. The matcher is built once per
vocabulary and dictionary, then reused for every article.
"""

from __future__ import annotations

import datetime as dt

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from detente.actors.dictionary import ActorDictionary, Entry, best_entry
from detente.actors.lexicon import country_lexicon

REGION_PREFIXES = {"Latin", "Central", "North", "South", "East", "West", "Pan", "Anglo", "Afro", "Sub-Saharan"}
_MATCHERS: dict[tuple[int, int], tuple[PhraseMatcher, dict[str, list[Entry]]]] = {}


def _build(vocab, dictionary: ActorDictionary) -> tuple[PhraseMatcher, dict[str, list[Entry]]]:
    from spacy.lang.en import English

    make_doc = English(vocab=vocab).make_doc
    matcher = PhraseMatcher(vocab, attr="ORTH")
    seen: set[str] = set()
    for surface, iso3, kind in country_lexicon().terms():
        if surface not in seen:
            seen.add(surface)
            matcher.add(f"C|{iso3}|{kind}", [make_doc(surface)])
    surfaces: dict[str, list[Entry]] = {}
    for surface, index in dictionary.names():
        surfaces.setdefault(surface, []).append(dictionary.entries[index])
    for surface in surfaces:
        matcher.add(f"E|{surface}", [make_doc(surface)])
    return matcher, surfaces


def _matcher(vocab, dictionary: ActorDictionary):
    key = (id(vocab), id(dictionary))
    if key not in _MATCHERS:
        _MATCHERS[key] = _build(vocab, dictionary)
    return _MATCHERS[key]


def name_matches(doc: Doc, dictionary: ActorDictionary, day: dt.date | None) -> dict[int, tuple]:
    """token index -> ('country', iso3, (start, end), kind) or ('entry', Entry, (start, end)).

    Overlaps keep the longest match: "Chinese Communist Party" (an
    organisation) wins over "Chinese" (a demonym). A dictionary name wins
    over a country word of the same length ("Georgia Meloni" aside, rare).
    """
    matcher, surfaces = _matcher(doc.vocab, dictionary)
    spans = [Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc)]
    labels: dict[int, tuple] = {}
    for span in filter_spans(sorted(spans, key=lambda s: not s.label_.startswith("E|"))):
        kind, _, rest = span.label_.partition("|")
        if kind == "E":
            value = ("entry", best_entry(surfaces[rest], day), (span.start, span.end))
        else:
            iso3, ctype = rest.split("|")
            if ctype == "adjective" and span.start and doc[span.start - 1].text in REGION_PREFIXES:
                continue  # "Latin American", "Central African": a region, not the country
            value = ("country", iso3, (span.start, span.end), ctype)
        for i in range(span.start, span.end):
            labels[i] = value
    return labels
