"""Who did what to whom: passive voice, coordination, nominal events, reported speech."""

from __future__ import annotations

from tests.conftest import codes


def test_active_sanctions(analyze):
    analysis = analyze("The European Union imposed new sanctions on Iran over its drone programme.")
    assert codes(analysis) == {("IGO", "SANCTION", "IRN", "asserted")}


def test_passive_with_agent_is_coded_once(analyze):
    analysis = analyze("Sanctions were imposed on Iran by the European Union on Monday.")
    assert codes(analysis) == {("IGO", "SANCTION", "IRN", "asserted")}


def test_passive_troops_deployed(analyze):
    analysis = analyze("Russian troops were deployed to the border with Ukraine on Tuesday.")
    assert {(e.source.code, e.type) for e in analysis.events} == {("RUSMIL", "MOBILIZE")}


def test_coordinated_subjects_code_both_directions(analyze):
    analysis = analyze("France and Germany agreed to deepen defence cooperation.")
    assert {(e.source.code, e.type, e.target.code) for e in analysis.events} == {
        ("FRA", "AGREE", "DEU"), ("DEU", "AGREE", "FRA")}


def test_reported_speech_codes_the_reported_act_only(analyze):
    analysis = analyze("Kyiv said Russian forces shelled Kharkiv overnight.")
    assert [(e.source.code, e.type, e.target.country) for e in analysis.events] == [("RUSMIL", "ASSAULT", "UKR")]
    assert analysis.events[0].location.name == "Kharkiv"


def test_nominal_visit_with_possessor(analyze):
    analysis = analyze("Modi's visit to Washington was the first by an Indian leader in years.", date="2023-06-22")
    event = analysis.events[0]
    assert (event.source.code, event.type, event.mode, event.target.code) == ("INDGOV", "CONSULT", "visit", "USA")
    assert event.location.name == "Washington"


def test_group_targets_through_quantities(analyze):
    analysis = analyze("Police arrested dozens of protesters in Tbilisi, Georgia.")
    event = analysis.events[0]
    assert (event.source.code, event.type, event.target.code) == ("COP", "COERCE", "CVL")
    assert event.location.name == "Tbilisi" and event.location.country == "GEO"


def test_capital_stands_for_government(analyze):
    analysis = analyze("Beijing accused Washington of interfering in its internal affairs.")
    assert codes(analysis) == {("CHNGOV", "ACCUSE", "USAGOV", "asserted")}


def test_no_event_from_scenery_or_sport(analyze):
    analysis = analyze("Students at New York University in Shanghai enjoyed a basketball game.")
    assert analysis.events == []
    assert not any("New York" in p.name for p in analysis.places)


def test_ontology_values_on_events(analyze):
    event = analyze("Hamas released four hostages on Saturday.").events[0]
    assert (event.type, event.mode, event.cameo, event.cameo_root) == ("RETREAT", "release", "0841", "08")
    assert event.quad_class == 2 and -10 <= event.goldstein <= 10


def test_politicians_attack_with_words(analyze):
    analysis = analyze("Tory co-chairman Liam Fox attacked the government's record on crime.")
    assert [(e.source.code, e.type) for e in analysis.events] == [("GBRPTY", "ACCUSE")]


def test_place_nouns_lead_to_their_place(analyze):
    analysis = analyze("Russian forces attacked the city of Kharkiv overnight.")
    assert [(e.source.code, e.type, e.target.code, e.location.name) for e in analysis.events] == [
        ("RUSMIL", "ASSAULT", "UKR", "Kharkiv")]


def test_passive_participle_noun_is_not_the_actor(analyze):
    analysis = analyze("Four Britons freed from US custody at Guantanamo Bay are expected to return home.")
    assert not any(e.source.country == "GBR" and e.type == "RETREAT" for e in analysis.events)


def test_crowds_named_by_demonym_are_civilians(analyze):
    analysis = analyze("Thousands of Indonesians held a rally near the Myanmar embassy in Jakarta.")
    assert [(e.source.code, e.type) for e in analysis.events] == [("IDNCVL", "PROTEST")]


def test_passive_subject_is_not_the_agent(analyze):
    analysis = analyze("He fled to Brazil to avoid being extradited to Italy.")
    assert analysis.events == []


def test_denying_an_accusation_is_no_rejection(analyze):
    assert analyze("Iran denies arming the Houthis.").events == []


def test_dateline_is_not_the_subject(analyze):
    analysis = analyze("NEW DELHI (Reuters) - Indian Prime Minister Narendra Modi met Russian President "
                       "Vladimir Putin on Monday.", date="2024-07-08")
    assert [(e.source.name, e.type, e.target.name) for e in analysis.events] == [
        ("Narendra Modi", "CONSULT", "Vladimir Putin")]
