"""Find and geocode the places an article names.

spaCy's GPE, LOC and FAC entities are looked up in the gazetteer. Words
inside an organisation's name never reach here, because the entity
recogniser labels "New York University" as one ORG. Ambiguous names are
decided by the other places of the same article (two passes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from detente.nlp import tokens_tagged
from detente.places.gazetteer import GeoEntry, gazetteer
from detente.schema import Mention, Place, PlaceRef

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels the small model puts on place names by mistake ("at Kyiv
# overnight" tagged TIME), or none at all.
UNPLACED = {"", "TIME", "DATE", "CARDINAL", "ORDINAL"}
# A word after a name that says it is the region ("Kursk region", "Idlib
# province"), not the city of that name.
REGION_WORDS = {"region", "province", "oblast", "governorate", "prefecture", "state", "regions", "provinces"}


@dataclass
class PlaceIndex:
    """The article's places, and which tokens name which place."""

    places: list[Place] = field(default_factory=list)
    by_token: dict[int, Place] = field(default_factory=dict)

    def at(self, token_index: int) -> Place | None:
        return self.by_token.get(token_index)

    def ref(self, place: Place) -> PlaceRef:
        return PlaceRef(id=place.id, name=place.name, country=place.country, lat=place.lat, lon=place.lon)

    def countries(self) -> set[str]:
        return {p.country for p in self.places if p.country}


def place_span(ent: Span) -> Span:
    """The entity without a leading 'the' and a trailing possessive."""
    start, end = ent.start, ent.end
    if ent.doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end]


def _entry_for(span: Span, context: frozenset[str], mentioned: frozenset[str] = frozenset()) -> GeoEntry | None:
    region = _region_word_after(span.doc, span.end) or span[-1].lower_ in REGION_WORDS
    text = span[:-1].text if len(span) > 1 and span[-1].lower_ in REGION_WORDS else span.text
    entry = gazetteer().resolve(text, context, mentioned, region=region)
    return entry if entry is not None or text == span.text else gazetteer().resolve(span.text, context, mentioned)


def _mentioned_countries(spans: list[Span]) -> frozenset[str]:
    """Countries the article names (Pakistan), which break ties (Punjab)."""
    found = set()
    for span in spans:
        entry = gazetteer().resolve(span.text)
        if entry is not None and entry.kind == "country" and entry.country:
            found.add(entry.country)
    return frozenset(found)


def _subnational_context(spans: list[Span]) -> frozenset[str]:
    """Countries of names that resolve to a city or region without context."""
    found = set()
    for span in spans:
        entry = _entry_for(span, frozenset())
        if entry and entry.kind in ("city", "region") and len(gazetteer().candidates(span.text)) == 1:
            found.add(entry.country)
    return frozenset(c for c in found if c)


def _mislabelled_place(ent: Span) -> bool:
    """The small model tags some cities as people ("Kharkiv"): a one-word
    "person" that the gazetteer knows as a country or a city of more than
    100,000 people is taken as that place."""
    if ent.label_ != "PERSON" or len(ent) != 1:
        return False
    entry = gazetteer().resolve(ent.text)
    return entry is not None and (entry.kind == "country" or entry.population > 100_000)


def _untagged_places(doc: Doc) -> list[Span]:
    """Proper nouns the recogniser missed ("visit to Kyiv") that the
    gazetteer knows as a country or a city of more than 100,000 people, or
    mislabelled ones that the next word calls a region ("Kursk region",
    tagged PRODUCT by the small model)."""
    found = []
    for token in tokens_tagged(doc, ("PROPN",)):
        if not token.text[:1].isupper() or token.ent_type_ in PLACE_LABELS:
            continue
        if token.ent_type_ in UNPLACED:
            entry = gazetteer().resolve(token.text)
            if entry is not None and (entry.kind == "country" or entry.population > 100_000):
                found.append(doc[token.i:token.i + 1])
                continue
        if _region_word_after(doc, token.i + 1) and gazetteer().resolve(token.text, region=True) is not None:
            found.append(doc[token.i:token.i + 1])
    return found


def _region_word_after(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].lower_ in REGION_WORDS


def extract_places(doc: Doc) -> PlaceIndex:
    spans = [place_span(ent) for ent in doc.ents if ent.label_ in PLACE_LABELS or _mislabelled_place(ent)]
    spans = sorted(spans + _untagged_places(doc), key=lambda span: span.start)
    context, mentioned = _subnational_context(spans), _mentioned_countries(spans)
    index = PlaceIndex()
    by_key: dict[tuple, Place] = {}
    for span in spans:
        entry = _entry_for(span, context, mentioned)
        if entry is None:
            continue
        key = (entry.name, entry.country, entry.kind)
        place = by_key.get(key)
        if place is None:
            place = Place(
                id=f"p{len(by_key) + 1}", name=entry.name, country=entry.country, kind=entry.kind,
                lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid,
            )
            by_key[key] = place
            index.places.append(place)
        place.mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text))
        for token in span:
            index.by_token[token.i] = place
    return index
