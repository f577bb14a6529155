"""Places: geocoded from the offline gazetteer; context decides ambiguous names."""

from __future__ import annotations

from detente.places.gazetteer import gazetteer


def names(analysis):
    return {p.name: p for p in analysis.places}


def test_georgia_the_country(analyze):
    places = names(analyze("Protesters rallied in Tbilisi as Georgia's parliament debated the law."))
    assert places["Georgia"].country == "GEO" and places["Georgia"].kind == "country"


def test_georgia_the_us_state(analyze):
    places = names(analyze("Voters in Atlanta and Savannah lined up early across Georgia on Tuesday."))
    assert places["Georgia"].country == "USA" and places["Georgia"].kind == "region"


def test_paris_is_paris_france_without_texas_context(analyze):
    places = names(analyze("Diplomats gathered in Paris for the climate talks."))
    assert places["Paris"].country == "FRA"
    assert abs(places["Paris"].lat - 48.85) < 0.1


def test_organisation_names_are_not_places(analyze):
    analysis = analyze("She studied at New York University before joining the Washington Post.")
    assert not any(p.name.startswith("New York") for p in analysis.places)


def test_mentions_slice_the_text(analyze):
    text = "Talks in Geneva and Doha failed; the envoy flew on to Cairo."
    analysis = analyze(text)
    assert {"Geneva", "Doha", "Cairo"} <= set(names(analysis))
    for place in analysis.places:
        for mention in place.mentions:
            assert text[mention.start:mention.end] == mention.text


def test_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()
    assert gazetteer().resolve("Kyiv").country == "UKR"
    assert gazetteer().resolve("Kiev").name == "Kyiv"


def test_english_names_of_big_foreign_cities():
    assert gazetteer().resolve("Hanover").country == "DEU"
    assert gazetteer().resolve("Cologne").country == "DEU"
    assert gazetteer().resolve("Turk") is None  # a small town's alternate name is not a place
