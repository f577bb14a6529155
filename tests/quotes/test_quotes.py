"""Quotes: direct quotations and reported speech, attributed to actors.

The inputs are built the way ``detente.analysis.annotate`` builds them, since
the Analysis does not call ``find_quotes`` yet.
"""

from __future__ import annotations

import datetime as dt

import pytest

import detente.actors.dictionary
import detente.actors.extract
import detente.nlp
import detente.places.extract
from detente.quotes import find_quotes

DAY = dt.date(2024, 4, 25)


def quotes_of(text: str, day: dt.date | None = DAY):
    doc = detente.nlp.load_model()(text)
    places = detente.places.extract.extract_places(doc)
    table = detente.actors.extract.find_actors(doc, places, day, detente.actors.dictionary.actor_dictionary())
    return find_quotes(doc, table)


def only(quotes):
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def speaker(quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


# -- direct quotes ----------------------------------------------------------------

def test_straight_quotes_after_a_colon():
    text = 'Russian Foreign Minister Sergei Lavrov said: "We will not accept these terms." The talks ended.'
    quote = only(quotes_of(text))
    assert (quote.text, speaker(quote), quote.verb) == ("We will not accept these terms.", "Sergei Lavrov", "say")
    assert quote.speaker.code == "RUSGOV"


def test_curly_quotes_with_inverted_attribution():
    quote = only(quotes_of("“We will not accept these terms,” said Russian Foreign Minister Sergei Lavrov."))
    # the comma belongs to the attribution, not to the quoted words
    assert (quote.text, speaker(quote), quote.verb) == ("We will not accept these terms", "Sergei Lavrov", "say")


def test_pronoun_attribution_resolves_to_the_person():
    quote = only(quotes_of("Sergei Lavrov met Antony Blinken in Geneva. “We will not accept these terms,” he said."))
    assert speaker(quote) == "Sergei Lavrov"


def test_quote_spanning_two_sentences_is_one_quote():
    quote = only(quotes_of("“We are ready for talks. But we will not be pushed around,” said Sergei Lavrov."))
    assert quote.text == "We are ready for talks. But we will not be pushed around"
    assert speaker(quote) == "Sergei Lavrov"


def test_multi_paragraph_quote_with_an_opening_mark_per_paragraph():
    text = ("Antony Blinken said:\n“We will keep talking to Beijing.\n“And we will keep pressing on Taiwan.”\n"
            "The talks end on Friday.")
    quote = only(quotes_of(text))
    assert quote.text.startswith("We will keep talking") and quote.text.endswith("pressing on Taiwan.")
    assert speaker(quote) == "Antony Blinken"


def test_attribution_in_the_following_sentence():
    quote = only(quotes_of("“We will keep talking to Beijing.” Antony Blinken said."))
    assert (speaker(quote), quote.verb) == ("Antony Blinken", "say")


def test_unattributed_quote_paragraph_continues_the_previous_speaker():
    quotes = quotes_of("“We will keep talking to Beijing,” Antony Blinken said. “Dialogue is the only way.”")
    assert [(q.text, speaker(q)) for q in quotes] == [
        ("We will keep talking to Beijing", "Antony Blinken"), ("Dialogue is the only way.", "Antony Blinken")]


def test_quote_with_no_speaker():
    text = "“Peace is the only way forward for this region and its people.” The banner hung over the square."
    quote = only(quotes_of(text))
    assert quote.speaker is None and quote.verb is None


def test_unattributed_scare_quote_is_no_quote():
    assert quotes_of("The so-called “peace plan” was rejected by the parliament.") == []


def test_single_curly_quotes_around_speech_but_not_apostrophes():
    quote = only(quotes_of("‘We will not back down,’ said Sergei Lavrov."))
    assert (quote.text, speaker(quote)) == ("We will not back down", "Sergei Lavrov")
    assert quotes_of("Beijing’s officials welcomed the countries’ leaders on Monday.") == []


def test_unclosed_quote_stops_at_the_paragraph_end():
    text = 'Sergei Lavrov said "we will win.\nThe talks ended on Friday in Geneva, Antony Blinken told reporters.'
    quotes = quotes_of(text)
    assert all("\n" not in q.text for q in quotes)
    # "we will win" is still Lavrov's, as reported speech without its lone mark
    assert [(q.text, speaker(q)) for q in quotes] == [
        ("we will win", "Sergei Lavrov"), ("The talks ended on Friday in Geneva", "Antony Blinken")]


# -- reported speech --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Antony Blinken said that the talks were constructive.",
    "Antony Blinken said the talks were constructive.",
])
def test_reported_speech_with_and_without_that(text):
    quote = only(quotes_of(text))
    assert (quote.text, speaker(quote), quote.verb) == ("the talks were constructive", "Antony Blinken", "say")


def test_reported_speech_before_its_attribution():
    quote = only(quotes_of("The talks were constructive, Antony Blinken told reporters."))
    assert (quote.text, speaker(quote), quote.verb) == ("The talks were constructive", "Antony Blinken", "tell")


def test_reported_speech_leaves_out_the_dateline():
    text = "MOSCOW (Reuters) - The sanctions will not change Russian policy, Sergei Lavrov said on Wednesday."
    quote = only(quotes_of(text))
    assert (quote.text, speaker(quote)) == ("The sanctions will not change Russian policy", "Sergei Lavrov")


@pytest.mark.parametrize("text", [
    "Sergei Lavrov was quoted as saying that the talks had failed.",
    "Sergei Lavrov left Geneva on Friday, saying that the talks had failed.",
])
def test_speech_verb_without_a_subject_takes_its_governors(text):
    quote = only(quotes_of(text))
    assert (quote.text, speaker(quote), quote.verb) == ("the talks had failed", "Sergei Lavrov", "say")


def test_relative_who_is_the_noun_it_follows():
    quote = only(quotes_of("Sergei Lavrov, who called the sanctions “illegal and unacceptable”, arrived in Beijing."))
    assert (quote.text, speaker(quote), quote.verb) == ("illegal and unacceptable", "Sergei Lavrov", "call")


def test_direct_quote_is_not_also_reported_speech():
    quote = only(quotes_of("“The talks were constructive,” Antony Blinken told reporters."))
    assert quote.text == "The talks were constructive"


def test_reported_clause_around_a_quoted_phrase_keeps_both():
    quotes = quotes_of('President Joe Biden warned that Russia would pay a "heavy price" for any invasion.')
    assert [(q.text, speaker(q), q.verb) for q in quotes] == [
        ('Russia would pay a "heavy price" for any invasion', "Joe Biden", "warn"),
        ("heavy price", "Joe Biden", "warn")]


# -- offsets ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    'Sergei Lavrov said: "We will not accept these terms."',
    "“We are ready for talks. But we will not be pushed around,” said Sergei Lavrov.",
    "Antony Blinken said:\n“We will keep talking to Beijing.\n“And we will keep pressing on Taiwan.”",
    "‘We will not back down,’ said Sergei Lavrov, and Antony Blinken said the talks were “useful”.",
    'Sergei Lavrov said "unclosed words.\nThe talks were "useful and frank," Antony Blinken said.  Trailing "',
])
def test_offsets_always_slice_the_text(text):
    quotes = quotes_of(text)
    assert quotes
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text and quote.text.strip() == quote.text


# -- the seed article -------------------------------------------------------------

def test_seed_quotes_belong_to_blinken(seed_text):
    quotes = quotes_of(seed_text)
    for quote in quotes:
        assert seed_text[quote.start:quote.end] == quote.text
    by_text = {q.text: q for q in quotes}
    for words, verb in (("responsibly", "call"), ("direct and sustained", "emphasize")):
        assert speaker(by_text[words]) == "Antony Blinken" and by_text[words].verb == verb
        assert by_text[words].speaker.code == "USAGOV"


def test_seed_reported_speech(seed_text):
    reported = {q.text[:20]: speaker(q) for q in quotes_of(seed_text) if q.verb in ("emphasize", "reassure")}
    assert reported["both countries have "] == "Antony Blinken"
    assert reported["choices between coop"] == "Chen Jining"
    assert reported["the US remains commi"] == "Antony Blinken"
