"""Where an event happened, from its own sentence.

In order: the place a visit goes to ("visit to Shanghai"); a place in an
"in/at" phrase on the trigger or the words governing it ("talks in Geneva");
the city or region of the sentence nearest the trigger ("Shanghai's party
leader"). Countries named only as actors are not locations.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.events.modality import governing_path
from detente.places.extract import PlaceIndex
from detente.schema import Place

LOCATIVE_PREPS = {"in", "at", "inside", "near", "outside", "across", "throughout", "on", "into", "to"}


def _prep_place(token: Token, places: PlaceIndex) -> Place | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and places.at(pobj.i) is not None:
                    return places.at(pobj.i)
    return None


def _nearest_subnational(trigger: Token, sent: Span, places: PlaceIndex) -> Place | None:
    found = [(abs(t.i - trigger.i), places.at(t.i)) for t in sent if places.at(t.i) is not None]
    found = [(d, p) for d, p in found if p.kind in ("city", "region")]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def event_location(trigger: Token, sent: Span, places: PlaceIndex, target_place: Place | None) -> Place | None:
    if target_place is not None:
        return target_place
    for token in governing_path(trigger):
        place = _prep_place(token, places)
        if place is not None:
            return place
    return _nearest_subnational(trigger, sent, places)
