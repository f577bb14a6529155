"""Where an event happened when its own sentence does not say.

The event's own sentence comes first (``exact`` for a city or region,
``country`` for a country). Failing that, the dateline ("KYIV (Reuters) -")
says where the story was filed, and failing that the article's main place
(its most-mentioned city or region) is where it most likely happened. The
fallbacks are labelled, and off unless asked for (``Options(location_fallback=True)``,
``--location-fallback``): on real news they were wrong more often than right.
"""

from __future__ import annotations

from detente.dates import parse_dateline
from detente.places.extract import PlaceIndex
from detente.places.gazetteer import gazetteer
from detente.schema import Event, Place, PlaceRef

LOCAL_KINDS = ("city", "region", "other")


def main_place(places: PlaceIndex) -> Place | None:
    """The article's most-mentioned city or region (at least twice)."""
    local = [p for p in places.places if p.kind in ("city", "region")]
    best = max(local, key=lambda p: len(p.mentions), default=None)
    return best if best is not None and len(best.mentions) >= 2 else None


def dateline_place(text: str, places: PlaceIndex) -> PlaceRef | None:
    line = parse_dateline(text, None)
    if line is None or not line.place:
        return None
    name = line.place.split(",")[0].strip().title()
    known = next((p for p in places.places if p.name.lower() == name.lower()), None)
    if known is not None:
        return places.ref(known)
    entry = gazetteer().resolve(name)
    if entry is None:
        return None
    return PlaceRef(id="dateline", name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon)


def _fallbacks(text: str, places: PlaceIndex) -> tuple:
    main = main_place(places)
    return (("dateline", dateline_place(text, places)), ("article", places.ref(main) if main else None))


def set_location_precision(events: list[Event], text: str, places: PlaceIndex, fallback: bool = False) -> None:
    """Label each event's location; with ``fallback``, give events without
    one the dateline's place, else the article's main place."""
    kinds = {p.id: p.kind for p in places.places}
    fallbacks = _fallbacks(text, places) if fallback else ()
    for event in events:
        if event.location is not None:
            local = kinds.get(event.location.id) in LOCAL_KINDS
            event.location_precision = "exact" if local else "country"
            continue
        for precision, place in fallbacks:
            if place is not None:
                event.location, event.location_precision = place, precision
                break
