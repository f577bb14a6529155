"""Dates that lie outside the trigger's own words: on the verb's subject, on a
copula, on the same noun a sentence earlier, and counted from another dated
event ("five months later", "two days after"). Sentences are from Reuters
copy in the shared corpus, lightly shortened."""

from __future__ import annotations

from datetime import date

import pytest

from detente.dates import EventDate, event_date


@pytest.fixture(scope="module")
def nlp():
    from detente.nlp import load_model

    return load_model()


def dated(nlp, text: str, trigger: str, published: date, last: bool = False) -> EventDate:
    doc = nlp(text)
    tokens = [t for t in doc if t.text == trigger]
    assert tokens, f"no token {trigger!r} in {text!r}"
    return event_date(tokens[-1] if last else tokens[0], published)


CASES = {
    # spaCy hangs the date on the subject: it is the verb's
    "subject": ("Canada in September, following a similar move by the United States, imposed targeted "
                "sanctions against 40 Venezuelan senior officials.",
                "imposed", date(2017, 12, 25), EventDate(date(2017, 9, 1), "month", True)),
    # a copula gives its date to the event noun
    "copula": ("Chinese President Xi Jinping arrived in Moscow on Monday. His last visit to Russia was in 2019.",
               "visit", date(2023, 3, 20), EventDate(date(2019, 1, 1), "year", True)),
    # the same noun, dated in the sentence before
    "coreferent": ("Attorney General Jeff Sessions said on Tuesday he now recalls a meeting in March 2016 that has "
                   "come under scrutiny. In testimony before the House Judiciary Committee, Sessions acknowledged "
                   "he attended a meeting with George Papadopoulos.",
                   "meeting@last", date(2017, 11, 14), EventDate(date(2016, 3, 1), "month", True)),
    # future talks are other talks
    "future noun": ("Officials from both sides held talks on Monday in Geneva. More talks will take place soon.",
                    "talks@last", date(2024, 4, 25), EventDate(date(2024, 4, 25), "day", False)),
    # "five months later", counted from the sentence before
    "months later": ("Lawmakers first passed it in June. Nearly five months later, Christie vetoed it.",
                     "vetoed", date(2016, 1, 19), EventDate(date(2015, 11, 1), "month", True)),
    # "a day earlier", counted from the reporting verb above
    "day earlier": ("The coalition spokesman said on Thursday that a Saudi pilot had died a day earlier when his "
                    "plane crashed.", "died", date(2017, 9, 15), EventDate(date(2017, 9, 13), "day", False)),
    # the clause is the "two days after" one: dated back from its head
    "after clause": ("Canada will expel a Venezuelan diplomat, Foreign Minister Chrystia Freeland said on Monday, "
                     "two days after Venezuela booted out Canada's envoy for criticizing its rights record.",
                     "booted", date(2017, 12, 25), EventDate(date(2017, 12, 23), "day", False)),
    # "two days after" a dated event
    "days after date": ("Two days after the Jan. 5 vote, the opposition staged protests in the capital.",
                        "staged", date(2024, 4, 25), EventDate(date(2024, 1, 7), "day", True)),
    # no date nearby to count from: no date
    "no anchor": ("The talks collapsed. Five months later, Russia imposed sanctions on Georgia.",
                  "imposed", date(2017, 5, 4), EventDate(None, None, False)),
    # a participle on an object shares its clause's date
    "participle": ("Mawarire had been arrested in June after addressing medical students protesting against an "
                   "increase in fees.", "protesting", date(2017, 9, 29), EventDate(date(2017, 6, 1), "month", True)),
}


@pytest.mark.parametrize("text,trigger,published,expected", CASES.values(), ids=CASES.keys())
def test_dates_outside_the_trigger_words(nlp, text, trigger, published, expected):
    word, _, which = trigger.partition("@")
    assert dated(nlp, text, word, published, last=which == "last") == expected


def test_participle_clause_shares_its_head_date(nlp):
    text = ("Anis Amri hijacked a truck on Dec. 19, killed the driver and then plowed it into a crowded Berlin "
            "Christmas market, killing 11 more people.")
    assert dated(nlp, text, "killing", date(2017, 12, 15)) == EventDate(date(2016, 12, 19), "day", True)


def test_half_of_a_year_is_that_year():
    from detente.dates import resolve

    assert resolve("in the first half of 2017", date(2017, 10, 1)) == (date(2017, 1, 1), "year")
