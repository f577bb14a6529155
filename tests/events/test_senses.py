"""Word senses and readings that are no event, or another one, on news-style sentences."""

from __future__ import annotations


def types(analysis):
    return [(e.source.code, e.type, e.target.code if e.target else None) for e in analysis.events]


def test_a_warning_to_ones_own_side_is_advice(analyze):
    assert analyze("Prime Minister Boris Johnson warned his supporters against complacency.").events == []
    assert types(analyze("Russia warned Lithuania of serious consequences over the transit ban.")) == [
        ("RUS", "THREATEN", "LTU")]


def test_a_politicians_campaign_rally_is_no_protest(analyze):
    text = "Speaking at an election campaign rally in Strasburg, German Chancellor Angela Merkel criticised Russia."
    assert [t for _, t, _ in types(analyze(text, date="2017-09-08"))] == ["ACCUSE"]


def test_a_possessed_attack_without_target_is_not_coded(analyze):
    assert analyze("The blast was Britain's fifth major attack this year, police said.").events == []


def test_hack_attacks_are_cyber_coercion(analyze):
    events = analyze("Russian hackers carried out a hack attack on the Democratic Party's servers.").events
    assert [(e.type, e.cameo) for e in events] == [("COERCE", "172")]


def test_trigger_inside_a_title_is_none(analyze):
    assert analyze('Sanders spoke on NBC\'s "Meet the Press" on Sunday.').events == []


def test_expelled_diplomats_are_the_target(analyze):
    assert types(analyze("Germany expelled two Iranian diplomats on Wednesday.")) == [("DEU", "SANCTION", "IRNGOV")]


def test_a_place_in_a_relative_clause_is_not_the_events(analyze):
    text = ("Baerbock and Jaishankar signed an agreement that will make it easier for Indian students "
            "to work in Germany.")
    assert all(e.location is None for e in analyze(text, date="2022-12-05").events)


def test_the_month_of_march_is_no_protest(analyze):
    text = ("South African gold holdings rose 172.56 mln rand to 4.17 billion rand in March "
            "after rising 39 mln rand in February, Reserve Bank figures show.")
    assert not analyze(text, date="1987-04-08").events
    protest = analyze("Opposition supporters held a march in Caracas against the government.", date="2024-03-10")
    assert [e.type for e in protest.events] == ["PROTEST"]
