"""Later mentions: honorifics, family names first, 'the minister', 'the two leaders'."""

from __future__ import annotations


def test_honorific_names_are_people(analyze):
    analysis = analyze("Dr Fox accused Mr Blair of misleading voters.", date=None)
    assert [(e.source.name, e.type, e.target.name) for e in analysis.events] == [("Fox", "ACCUSE", "Blair")]


def test_undated_bare_surnames_stay_unresolved(analyze):
    blair = next(a for a in analyze("Mr Blair met union leaders.", date=None).actors if a.name == "Blair")
    assert not blair.dictionary


def test_chinese_family_name_alone_is_the_same_person(analyze):
    text = "Chinese Premier Li Qiang arrived in Seoul on Sunday. Li held talks with South Korea's president."
    li = next(a for a in analyze(text, date="2024-05-26").actors if a.name == "Li Qiang")
    assert [m.text for m in li.mentions] == ["Li Qiang", "Li"]


def test_the_minister_is_the_last_minister_named(analyze):
    text = ("British Foreign Secretary David Lammy arrived in Berlin on Saturday. "
            "The minister held talks with his German counterpart Annalena Baerbock.")
    talks = next(e for e in analyze(text, date="2024-07-06").events if e.evidence.trigger == "held")
    assert (talks.source.name, talks.target.name) == ("David Lammy", "Annalena Baerbock")


def test_the_two_leaders_are_the_last_two_people(analyze):
    text = ("Indian Prime Minister Narendra Modi arrived in Moscow on Monday. "
            "Russian President Vladimir Putin hosted him for dinner. On Tuesday the two leaders held talks.")
    analysis = analyze(text, date="2024-07-08")
    talks = [e for e in analysis.events if e.evidence.trigger == "held"]
    assert {(e.source.name, e.target.name) for e in talks} == {
        ("Narendra Modi", "Vladimir Putin"), ("Vladimir Putin", "Narendra Modi")}
    assert not any(a.kind == "group" for a in analysis.actors)  # "the two leaders" is no third actor


def test_a_bare_surname_is_only_a_leader(analyze):
    # Bill Blair was Canada's defence minister in 2024: not famous enough to be "Blair" alone
    text = "On Monday, Blair met union leaders in Ottawa."
    blair = next(a for a in analyze(text, date="2024-01-10").actors if a.name == "Blair")
    assert not blair.dictionary
