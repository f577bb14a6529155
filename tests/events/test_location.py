"""Where an event happened, from its own sentence (events/location.py)."""

from __future__ import annotations


def event(analysis, trigger: str):
    return next(e for e in analysis.events if e.evidence.trigger == trigger)


def test_a_place_in_what_the_act_is_about_is_not_its_location(analyze):
    text = ("Canada criticised China over its treatment of the Uyghur minority in Xinjiang, "
            "saying credible evidence pointed to serious human rights violations.")
    criticised = event(analyze(text, date="2022-10-21"), "criticised")
    assert criticised.target.country == "CHN" and criticised.location is None


def test_talks_held_in_a_city_over_a_dispute_are_located_there(analyze):
    text = "Chinese and Indian officials met in Beijing on Monday over the border dispute in Ladakh."
    met = event(analyze(text, date="2024-03-04"), "met")
    assert met.location is not None and met.location.name == "Beijing"
