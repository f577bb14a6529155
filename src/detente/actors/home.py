"""The article's home country, for actors the text names without one.

A British story speaks of "ministers", "the court" and "police" without
saying "British"; coders give them the story's country. Named people (not
in the actor dictionary) take it too, but only the country the story's
content is about, and not when a dateline puts the story elsewhere. detente does so only
on strong evidence: one country holding most of the article's country-bearing
mentions (at least three, and more than half of them), else a dateline
("LONDON (Reuters) -", "WASHINGTON, Jan 5 -"). Groups whose words name
another affiliation ("Latin American governments") keep no country.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from detente.actors.extract import ActorTable, code_of
from detente.ingest.dateline import match_dateline
from detente.nlp import doc_text
from detente.places.extract import PlaceIndex
from detente.places.gazetteer import gazetteer

# Sectors that belong to a country's own society; international bodies and
# unidentified gunmen do not take the story's country.
DOMESTIC = {"GOV", "LEG", "JUD", "COP", "MIL", "PTY", "OPP", "SPY", "CVL", "LAB", "EDU", "MED", "JRN",
            "BUS", "AGR", "REB", "PRM", "REL", "REF", "CRM", "ELI", "SOC"}
MIN_MENTIONS = 3


def dateline_country(text: str) -> str | None:
    match = match_dateline(text)
    if match is None or not match.group("place"):
        return None
    entry = gazetteer().resolve(match.group("place").split(",")[0].strip().title())
    return entry.country if entry else None


def dominant_country(table: ActorTable, places: PlaceIndex) -> str | None:
    counts: Counter[str] = Counter()
    for place in places.places:
        if place.country:
            counts[place.country] += len(place.mentions)
    for actor in table.actors.values():
        if actor.country and actor.kind != "state":
            counts[actor.country] += len(actor.mentions)
    if not counts:
        return None
    country, top = counts.most_common(1)[0]
    return country if top >= MIN_MENTIONS and top > sum(counts.values()) / 2 else None


def _named_affiliation(doc: Doc, actor) -> bool:
    """'Latin American governments', 'the Maduro government': every mention
    names an affiliation that is not a country, so the story's country may
    be wrong. Groups only: a person's own name is no affiliation."""
    if actor.kind != "group":
        return False
    spans = [doc.char_span(m.start, m.end) for m in actor.mentions]
    return all(s is not None and any(t.ent_type_ in ("NORP", "PERSON") for t in s) for s in spans)


def assign_home_country(doc: Doc, table: ActorTable, places: PlaceIndex) -> str | None:
    """Give country-less domestic actors the article's home country."""
    dateline, dominant = dateline_country(doc_text(doc)), dominant_country(table, places)
    home = dominant or dateline  # a Washington dateline on a Venezuela story
    if home is None:
        return None
    for key in list(table.actors):
        actor = table.actors[key]
        # A named person takes the country the story is about, never a
        # dateline alone ("President Maduro" in a New York-datelined story).
        eligible = actor.kind == "group" or (actor.kind == "person" and dominant is not None
                                             and dateline in (None, dominant))
        if eligible and actor.country is None and actor.sector in DOMESTIC and not actor.dictionary \
                and not _named_affiliation(doc, actor):
            actor.country, actor.code = home, code_of(home, actor.sector)
            if actor.kind == "group" and actor.sector == "GOV":
                from detente.actors.lexicon import country_name

                actor.name = f"{country_name(home)} government"
            table.merge_into(key, f"group:{actor.code}" if actor.kind == "group" else key)
    return home
