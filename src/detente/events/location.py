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

LOCATIVE_PREPS = {"in", "at", "inside", "near", "outside", "across", "throughout", "on", "into"}
VISIT_PREPS = LOCATIVE_PREPS | {"to"}
# Clauses under the trigger's verb that tell another act ("..., without
# intervening directly in Venezuela"), and relative clauses anywhere ("an
# agreement that will let students work in Germany"): their places are not
# this event's.
OTHER_CLAUSES = {"advcl", "xcomp", "relcl", "acl", "conj", "pcomp"}
# Phrases telling what an act is about, not where it happened: "criticised
# China over its treatment of the Uyghurs in Xinjiang" happened elsewhere.
TOPIC_PREPS = {"over", "about", "regarding", "concerning"}


def _prep_place(token: Token, places: PlaceIndex, preps: set[str], skip: set[int],
                country: str | None = None) -> Place | None:
    """A place in a prepositional phrase on ``token``; with ``country``, the
    one in that country ("travel to Iraq and Oman": Oman for the Omani leg)."""
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += [t for t in (pobj, *pobj.conjuncts) if places.at(t.i) and t.i not in skip]
    matching = [t for t in found if country and places.at(t.i).country == country]
    chosen = (matching or found)[:1]
    return places.at(chosen[0].i) if chosen else None


def _nearest_place(trigger: Token, sent: Span, places: PlaceIndex, skip: set[int]) -> Place | None:
    """The city or region nearest the trigger; else a country the sentence
    puts something 'in' ("airstrikes on positions in southern Lebanon")."""
    clause = _clause_tokens(trigger) - _topic_tokens(trigger)
    found = [(abs(t.i - trigger.i), places.at(t.i), t) for t in sent
             if places.at(t.i) is not None and t.i not in skip and t.i in clause and not _hyphen_compound(t)]
    local = [(d, p) for d, p, _ in found if p.kind in ("city", "region")]
    if local:
        return min(local, key=lambda pair: pair[0])[1]
    inside = [(d, p) for d, p, t in found if p.kind == "country" and _after_locative(t)]
    return min(inside, key=lambda pair: pair[0])[1] if inside else None


def _topic_tokens(trigger: Token) -> set[int]:
    return {t.i for child in trigger.children if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS
            for t in child.subtree}


def _clause_tokens(trigger: Token) -> set[int]:
    """Token indices of the clause the trigger belongs to: a place in
    another clause of the sentence ("..., officials in Washington said")
    is where something else happened."""
    top = governing_path(trigger)[-1]
    while top.pos_ not in ("VERB", "AUX") and top.head != top:
        top = top.head
    if top.dep_ in ("ccomp", "conj", "advcl") and top.head != top:
        top = top.head  # reported or coordinated clauses share the setting
    tokens = {t.i for t in top.subtree}
    for token in top.subtree:  # other acts in the sentence have their own settings
        other = token.dep_ in OTHER_CLAUSES if token.head == top else token.dep_ == "relcl"
        if token.i != top.i and other:
            inner = {t.i for t in token.subtree}
            if trigger.i not in inner:
                tokens -= inner
    return tokens


def _hyphen_compound(token: Token) -> bool:
    """'Moscow-backed separatists', 'Paris-based group': not where it happened."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "‑") and not doc[token.i].whitespace_


def _after_locative(token: Token) -> bool:
    while token.dep_ in ("compound", "amod", "conj") and token.head != token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "inside", "across", "throughout")


def event_location(trigger: Token, sent: Span, places: PlaceIndex, target_place: Place | None,
                   visit: bool, metonyms: set[int], target_country: str | None = None,
                   verbal: bool = False) -> Place | None:
    """``visit``: a CONSULT event, whose destination ("to Shanghai") is
    where it happens; ``metonyms``: capitals that stand for governments and
    the dateline ("ANKARA (Reuters) -" says where the reporter is)."""
    if target_place is not None and visit:
        return target_place
    # "called on Turkey", "sanctions on Iran": the target, not a location
    preps = VISIT_PREPS if visit else LOCATIVE_PREPS - {"on"} if verbal else LOCATIVE_PREPS
    for token in governing_path(trigger):
        place = _prep_place(token, places, preps, metonyms, target_country if visit else None)
        if place is not None:
            return place
    return _nearest_place(trigger, sent, places, metonyms)
