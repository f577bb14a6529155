"""Admin-1 regions: every ISO 3166-2 subdivision has a point, English names
news uses resolve, and the new names steal neither common words nor cities."""

from __future__ import annotations

import math

import pycountry
import pytest

from detente.datafiles import package_file, read_tsv
from detente.places.gazetteer import REGION_COLUMNS, gazetteer, subdivision_names


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def names(analysis):
    return {p.name: p for p in analysis.places}


def test_every_top_level_subdivision_has_a_point():
    points = {r["code"] for r in read_tsv(package_file("detente.places", "regions.tsv"), REGION_COLUMNS)}
    top = [s.code for s in pycountry.subdivisions if s.parent_code is None]
    assert len(top) > 3500 and not set(top) - points


# (name, country, known centre) from standard references; within 250 km.
SPOT_CHECKS = [
    ("Xinjiang", "CHN", (41.5, 85.5)), ("Bavaria", "DEU", (48.95, 11.4)), ("Crimea", "UKR", (45.3, 34.4)),
    ("Tigray", "ETH", (14.0, 39.0)), ("Sindh", "PAK", (26.0, 68.5)), ("Catalonia", "ESP", (41.8, 1.5)),
    ("Scotland", "GBR", (56.8, -4.2)), ("Balochistan", "PAK", (28.5, 65.5)), ("Tibet", "CHN", (31.5, 88.0)),
    ("Ontario", "CAN", (50.0, -86.0)), ("Sichuan", "CHN", (30.5, 102.5)), ("Kerala", "IND", (10.5, 76.3)),
    ("Chechnya", "RUS", (43.4, 45.7)), ("Oromia", "ETH", (7.5, 39.5)), ("Rakhine", "MMR", (19.5, 94.0)),
    ("Aceh", "IDN", (4.4, 96.9)), ("Khyber Pakhtunkhwa", "PAK", (34.5, 72.0)), ("Kurdistan", "IRQ", (36.4, 44.4)),
    ("Queensland", "AUS", (-22.5, 144.5)), ("Lombardy", "ITA", (45.6, 9.8)),
]


@pytest.mark.parametrize(("name", "country", "known"), SPOT_CHECKS)
def test_region_points_match_known_centres(name, country, known):
    entry = gazetteer().resolve(name, frozenset({country}), region=True)
    assert (entry.kind, entry.country) == ("region", country)
    assert km((entry.lat, entry.lon), known) < 250


def test_pycountry_remarks_are_not_part_of_the_name():
    assert subdivision_names("Wales [Cymru GB-CYM]") == ("Wales", "Cymru")
    assert subdivision_names("Laâyoune-Sakia El Hamra (EH-partial)") == ("Laâyoune-Sakia El Hamra",)


def test_common_words_are_not_regions_without_their_country():
    for word in ("North", "Centre", "Capital", "Central", "East", "Western", "Eastern Province"):
        entry = gazetteer().resolve(word)
        assert entry is None or entry.kind != "region", word
    assert gazetteer().resolve("North", frozenset({"CMR"})).country == "CMR"


def test_a_city_keeps_its_name_over_the_region_named_after_it():
    for name, country in (("Kursk", "RUS"), ("Idlib", "SYR"), ("Kherson", "UKR"), ("Cairo", "EGY")):
        entry = gazetteer().resolve(name, frozenset({country}))
        assert (entry.kind, entry.country) == ("city", country), name


def test_a_country_keeps_its_own_name_over_a_region_of_that_name():
    for name in ("Mexico", "Djibouti", "Luxembourg", "Panama"):
        assert gazetteer().resolve(name).kind == "country", name


def test_xinjiang_sentence(analyze):
    analysis = analyze("Protests spread across Xinjiang on Tuesday, residents said.")
    place = names(analysis)["Xinjiang Uygur Zizhiqu"]
    assert (place.kind, place.country) == ("region", "CHN")
    assert 41 <= place.lat <= 44 and 85 <= place.lon <= 88


def test_kursk_region_is_the_region(analyze):
    event = analyze("Ukrainian forces shelled positions in Kursk region on Monday.").events[0]
    assert event.location.country == "RUS" and event.location_precision == "exact"
    assert event.location.name.startswith("Kursk") and abs(event.location.lat - 51.7) < 1


def test_bavaria_possessive(analyze):
    places = names(analyze("Bavaria's premier met the Chinese ambassador in Munich."))
    assert places["Bayern"].country == "DEU" and places["Bayern"].lat is not None


def test_region_event_is_exact(analyze):
    event = analyze("Government troops attacked rebels in the Tigray region on Sunday.").events[0]
    assert (event.location.country, event.location_precision) == ("ETH", "exact")
    assert event.location.lat is not None and 12 < event.location.lat < 15


def test_scotland_is_a_region_of_the_united_kingdom(analyze):
    place = names(analyze("Farmers protested in Scotland against the new subsidy rules."))["Scotland"]
    assert (place.kind, place.country) == ("region", "GBR") and place.lat > 55


def test_punjab_follows_the_country_the_article_names(analyze):
    places = names(analyze("Pakistan deployed troops after floods hit Punjab province on Monday."))
    assert places["Punjab"].country == "PAK"
    places = names(analyze("India sent relief after floods hit Punjab province on Monday."))
    assert places["Punjab"].country == "IND"


def test_georgia_context_still_decides(analyze):
    places = names(analyze("Voters in Atlanta and Savannah lined up early across Georgia on Tuesday."))
    assert (places["Georgia"].country, places["Georgia"].kind) == ("USA", "region")
    places = names(analyze("Protesters rallied in Tbilisi as Georgia's parliament debated the law."))
    assert places["Georgia"].kind == "country"
