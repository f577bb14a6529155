"""Event dates: datelines, resolved dates, precision and background, read
from news-style sentences parsed with detente's own spaCy pipeline."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from detente.dates import Dateline, EventDate, event_date, parse_dateline, resolve
from tests.conftest import SEED, need

THURSDAY = date(2024, 4, 25)  # publication date of most cases below
NOVEMBER = date(2024, 11, 20)


@pytest.fixture(scope="module")
def nlp():
    from detente.nlp import load_model

    return load_model()


def dated(nlp, sentence: str, trigger: str, published: date | None = THURSDAY) -> EventDate:
    doc = nlp(sentence)
    token = next((t for t in doc if t.text == trigger), None)
    assert token is not None, f"no token {trigger!r} in {sentence!r}"
    return event_date(token, published)


# --- datelines ---------------------------------------------------------------


@pytest.mark.parametrize("text,place,when,agency", [
    ("HAMBURG (Reuters) - U.S. President Donald Trump promised aid.", "HAMBURG", None, "Reuters"),
    ("WASHINGTON, Jan 5 - The Senate voted on Friday.", "WASHINGTON", date(2024, 1, 5), None),
    ("PARIS, March 3 (AFP) - France recalled its ambassador.", "PARIS", date(2024, 3, 3), "AFP"),
    ("KYIV, Ukraine, Oct. 2 (Reuters) — Russian drones struck the city.", "KYIV, Ukraine", date(2023, 10, 2), "Reuters"),
    ("NEW YORK/LONDON (Reuters) - Oil prices fell.", "NEW YORK/LONDON", None, "Reuters"),
    ("LONDON, May 2, 2023 (Reuters) - Britain said.", "LONDON", date(2023, 5, 2), "Reuters"),
])
def test_dateline_forms(text, place, when, agency):
    dateline = parse_dateline(text, THURSDAY)
    assert dateline == Dateline(place=place, date=when, end=dateline.end, agency=agency)
    assert text[dateline.end:][0].isupper()  # the story starts right after the dash


def test_dateline_month_after_publication_is_last_year():
    # "Oct. 2" in an April story is last October, "Jan 5" in a January story this one.
    assert parse_dateline("WASHINGTON, Dec 30 - The House voted.", date(2024, 1, 2)).date == date(2023, 12, 30)
    assert parse_dateline("WASHINGTON, Apr 27 - The House voted.", THURSDAY).date == date(2024, 4, 27)


def test_dateline_without_publication_date_keeps_place_but_no_date():
    dateline = parse_dateline("WASHINGTON, Jan 5 - The House voted.", None)
    assert (dateline.place, dateline.date) == ("WASHINGTON", None)


def test_impossible_dateline_date_gives_no_date():
    dateline = parse_dateline("WASHINGTON, Feb 30 - The House voted.", THURSDAY)
    assert (dateline.place, dateline.date) == ("WASHINGTON", None)


def test_bare_agency_credit_marks_where_the_story_starts():
    text = "(Reuters) - The state of Hawaii requested emergency court intervention."
    dateline = parse_dateline(text, THURSDAY)
    assert dateline.place is None and text[dateline.end:].startswith("The state")


@pytest.mark.parametrize("text", [
    "US Secretary of State Antony Blinken has called for calm.",
    "Blinken met Xi - and nothing came of it.",
    "",
])
def test_no_dateline(text):
    assert parse_dateline(text, THURSDAY) is None


# --- dates in the trigger's clause -------------------------------------------


def test_weekday_of_a_past_act_is_the_one_before_publication(nlp):
    result = dated(nlp, "Blinken met Chinese Foreign Minister Wang Yi in Beijing on Tuesday.", "met")
    assert result == EventDate(date(2024, 4, 23), "day", False)


def test_weekday_of_a_future_act_is_the_next_one(nlp):
    result = dated(nlp, "Blinken will visit Beijing on Tuesday.", "visit")
    assert result == EventDate(date(2024, 4, 30), "day", False)


@pytest.mark.parametrize("sentence,trigger", [
    ("German Chancellor Olaf Scholz is going to visit India on Friday.", "visit"),
    ("Blinken is expected to hold talks with Wang Yi on Friday.", "talks"),
    ("The army said it would withdraw its troops on Friday.", "withdraw"),
])
def test_future_wordings_point_forward(nlp, sentence, trigger):
    assert dated(nlp, sentence, trigger).date == date(2024, 4, 26)


def test_last_week_has_week_precision(nlp):
    result = dated(nlp, "Russian troops shelled the border town last week.", "shelled")
    assert result == EventDate(date(2024, 4, 15), "week", False)  # the Monday of that week


@pytest.mark.parametrize("sentence,trigger,expected", [
    ("Israeli jets struck targets in Gaza yesterday.", "struck", (date(2024, 4, 24), "day")),
    ("Iran will hold parliamentary elections tomorrow.", "elections", (date(2024, 4, 26), "day")),
    ("The NATO foreign ministers will meet this week.", "meet", (date(2024, 4, 22), "week")),
    ("The summit with African leaders is scheduled for next month.", "summit", (date(2024, 5, 1), "month")),
    ("Earlier this month, French President Emmanuel Macron visited Kyiv.", "visited", (date(2024, 4, 1), "month")),
    ("Indian Prime Minister Narendra Modi met Olaf Scholz on Jan. 5 in Berlin.", "met", (date(2024, 1, 5), "day")),
    ("Indian Prime Minister Narendra Modi met Olaf Scholz on 5 January 2024.", "met", (date(2024, 1, 5), "day")),
    ("North Korea test-fired a ballistic missile on Tuesday night.", "fired", (date(2024, 4, 23), "day")),
])
def test_relative_and_calendar_dates(nlp, sentence, trigger, expected):
    result = dated(nlp, sentence, trigger)
    assert (result.date, result.precision) == expected


def test_in_2015_is_a_background_year(nlp):
    result = dated(nlp, "The two leaders first met in Geneva in 2015.", "met")
    assert result == EventDate(date(2015, 1, 1), "year", True)


def test_years_ago_is_a_background_year(nlp):
    result = dated(nlp, "Russia annexed Crimea 14 years ago.", "annexed")
    assert result == EventDate(date(2010, 1, 1), "year", True)


def test_a_month_long_past_is_background_but_this_month_is_not(nlp):
    march = dated(nlp, "Protesters marched through Paris in March.", "marched", published=NOVEMBER)
    assert march == EventDate(date(2024, 3, 1), "month", True)
    recent = dated(nlp, "Earlier this month, Macron visited Kyiv.", "visited", published=NOVEMBER)
    assert recent == EventDate(date(2024, 11, 1), "month", False)


def test_future_events_are_never_background(nlp):
    # "in March" said in November of a future act is next March.
    result = dated(nlp, "Scholz will visit New Delhi in March.", "visit", published=NOVEMBER)
    assert result == EventDate(date(2025, 3, 1), "month", False)


@pytest.mark.parametrize("sentence,trigger", [
    ("Lavrov took a more abrasive tone during his recent visit to China.", "visit"),
    ("Previous talks between Armenia and Azerbaijan collapsed.", "talks"),
    ("US President Joe Biden had previously visited Israel.", "visited"),
    ("While US-China tensions have eased in recent months, both countries remain vigilant.", "eased"),
])
def test_relative_past_without_a_date_is_background_with_no_date(nlp, sentence, trigger):
    assert dated(nlp, sentence, trigger) == EventDate(None, None, True)


def test_upcoming_visit_is_not_background(nlp):
    assert dated(nlp, "Ahead of his upcoming visit to China, Blinken spoke to reporters.", "visit").background is False


@pytest.mark.parametrize("sentence,trigger", [
    # The Monday is the day Lavrov spoke, not the day of the sanctions.
    ("Lavrov said on Monday that Moscow will impose sanctions on the European Union.", "impose"),
    # The Tuesday belongs to the missile launch, not the meeting.
    ("The ministers met in Geneva after Russia launched missiles on Tuesday.", "met"),
    # The Monday is the day of the agreement, not of the talks.
    ("The two sides agreed on Monday to hold talks in Geneva.", "talks"),
])
def test_a_date_in_another_clause_is_not_the_event_date(nlp, sentence, trigger):
    assert dated(nlp, sentence, trigger) == EventDate(THURSDAY, "day", False)


def test_a_conjoined_verb_shares_its_heads_date(nlp):
    result = dated(nlp, "Blinken met Xi on Tuesday and signed a trade agreement.", "signed")
    assert result.date == date(2024, 4, 23)


def test_no_date_is_the_article_date(nlp):
    result = dated(nlp, "Chinese Foreign Minister Wang Yi met Russian President Vladimir Putin in Moscow.", "met")
    assert result == EventDate(THURSDAY, "day", False)


def test_no_publication_date(nlp):
    assert dated(nlp, "Wang Yi met Putin in Moscow.", "met", published=None) == EventDate(None, None, False)
    assert dated(nlp, "Wang Yi met Putin on Tuesday.", "met", published=None) == EventDate(None, None, False)
    assert dated(nlp, "The two leaders first met in 2015.", "met", published=None).date == date(2015, 1, 1)


def test_datetime_publication_is_accepted(nlp):
    published = datetime(2024, 4, 25, 14, 30)
    assert dated(nlp, "Blinken met Wang Yi on Tuesday.", "met", published=published).date == date(2024, 4, 23)


# --- the resolver on its own ---------------------------------------------------


@pytest.mark.parametrize("text,future,expected", [
    ("last Tuesday", False, (date(2024, 4, 23), "day")),
    ("next Tuesday", False, (date(2024, 4, 30), "day")),
    ("on Thursday", False, (THURSDAY, "day")),
    ("mid-March", False, (date(2024, 3, 1), "month")),
    ("Tuesday, March 5", False, (date(2024, 3, 5), "day")),
    ("a decade ago", False, (date(2014, 1, 1), "year")),
    ("two months ago", False, (date(2024, 2, 1), "month")),
    ("last year's", False, (date(2023, 1, 1), "year")),
    ("over the weekend", False, (date(2024, 4, 20), "week")),
    ("the weekend", True, (date(2024, 4, 27), "week")),
])
def test_resolve(text, future, expected):
    assert resolve(text, THURSDAY, future=future) == expected


@pytest.mark.parametrize("text,published", [
    ("February 30", THURSDAY),  # no such day
    ("14 years", THURSDAY),  # a duration, not a date
    ("recent months", THURSDAY),
    ("the first by a US secretary of state", THURSDAY),
    ("", THURSDAY),
    ("on Tuesday", None),  # relative to nothing
    ("in March", None),
])
def test_unresolvable_gives_none_not_an_exception(text, published):
    assert resolve(text, published) is None


# --- the seed article ------------------------------------------------------------


def test_seed_lavrovs_recent_visit_is_background(nlp):
    text = need(SEED).read_text(encoding="utf-8")
    doc = nlp(text)
    phrase = text.index("his recent visit to China")
    visit = next(t for t in doc if t.text == "visit" and t.idx > phrase)
    assert event_date(visit, THURSDAY).background is True
    # Blinken's own visit to Shanghai is the news of the day.
    own = next(t for t in doc if t.text == "visit" and t.nbor(1).text == "to" and t.nbor(2).text == "Shanghai")
    assert event_date(own, THURSDAY) == EventDate(THURSDAY, "day", False)


def test_past_perfect_and_seasons_are_background():
    import detente

    analysis = detente.analyze("Russia had imposed sanctions on Iran before the deal was signed. "
                               "In the summer of 2014, Russian troops clashed with Ukrainian forces.", date="2017-05-04")
    sanction = next(e for e in analysis.events if e.type == "SANCTION")
    assert sanction.background and sanction.date is None
    clash = next(e for e in analysis.events if e.type == "ASSAULT")
    assert (clash.background, clash.date_precision, clash.date.year) == (True, "year", 2014)


def test_other_events_anchor_and_persons_past():
    import detente

    analysis = detente.analyze("Five months later, Russia imposed sanctions on Georgia. "
                               "Sergei Lavrov, who criticized NATO, met Wang Yi on Tuesday.", date="2017-05-04")
    sanction = next(e for e in analysis.events if e.type == "SANCTION")
    assert (sanction.date, sanction.date_precision, sanction.background) == (None, None, False)
    meeting = next(e for e in analysis.events if e.type == "CONSULT")
    assert meeting.date.isoformat() == "2017-05-02" and not meeting.background
