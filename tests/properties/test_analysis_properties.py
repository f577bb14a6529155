"""Properties of ``analyze`` for any text (hypothesis).

Texts mix news-like sentences assembled from realistic fragments (actors,
verbs of the trigger lexicon with modals and negation, places, dates),
random unicode, and whitespace and control characters. For each:

- every offset is in bounds and slices what it claims (actor and place
  mentions, evidence sentences and triggers, event mentions, quotes, themes);
- events reference actors of the analysis, and their type, mode, CAMEO code,
  root, Goldstein value, quad class and modality agree with the ontology;
- ``analyze`` raises nothing but the project's own errors.

Examples are bounded (``max_examples``) and derandomised so CI runs the same
inputs every time, in about a minute in all.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import detente
from detente.errors import DetenteError
from detente.events.lexicon import trigger_index
from detente.ontology import MODALITIES, cameo_codes, plover_modes, plover_types

SETTINGS = settings(max_examples=250, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ACTORS = ["President Joe Biden", "Russia", "China's foreign ministry", "Chinese Foreign Minister Wang Yi",
          "the United Nations", "Hamas", "Israeli troops", "Iran", "NATO", "the European Union",
          "Ukrainian President Volodymyr Zelenskiy", "Prime Minister Narendra Modi", "rebels", "police",
          "Turkey's parliament", "the Kremlin", "Secretary of State Antony Blinken", "North Korea", "he", "They"]
VERBS = ["met", "met with", "imposed sanctions on", "criticized", "accused", "threatened", "visited",
         "signed an agreement with", "attacked", "condemned", "praised", "shelled", "arrested", "expelled",
         "called on", "rejected", "agreed to help", "held talks with", "warned", "deployed troops to"]
MODALS = ["", "will", "did not", "may", "could", "would", "is expected to", "never", "plans to", "refused to"]
PLACES = ["", "in Geneva", "in Beijing", "in Kyiv", "near Gaza", "in the Donbas region", "at the White House",
          "in New York", "in Paris, France"]
DATES = ["", "on Monday", "last week", "on March 3, 2022", "next month", "in 2019", "earlier this year"]
TAILS = ["", ", officials said", ", according to a statement", ', Reuters reported', " amid rising tensions"]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\x0b", "\x00", "\u200b", " \x1b "]


def _lemmas() -> list[str]:
    return sorted({head for head, _pos in trigger_index()})


@st.composite
def news_sentence(draw) -> str:
    verb = draw(st.one_of(st.sampled_from(VERBS), st.sampled_from(_lemmas())))
    modal = draw(st.sampled_from(MODALS))
    words = [draw(st.sampled_from(ACTORS)), modal, verb, draw(st.sampled_from(ACTORS)),
             draw(st.sampled_from(PLACES)), draw(st.sampled_from(DATES))]
    sentence = " ".join(w for w in words if w) + draw(st.sampled_from(TAILS))
    if draw(st.booleans()):
        sentence = f'"{sentence}," {draw(st.sampled_from(ACTORS))} said'
    return sentence[0].upper() + sentence[1:] + draw(st.sampled_from([".", "!", "?", "", "..."]))


NOISE = st.text(st.characters(codec="utf-8"), max_size=40)
news = st.lists(news_sentence(), min_size=1, max_size=6).flatmap(
    lambda sentences: st.lists(st.sampled_from(SEPARATORS), min_size=len(sentences), max_size=len(sentences)).map(
        lambda seps: "".join(s + sep for s, sep in zip(sentences, seps))))
noisy_news = st.lists(st.one_of(news_sentence(), NOISE, st.sampled_from(SEPARATORS)), min_size=1, max_size=10).map("".join)
any_text = st.text(max_size=400)


def _within(text: str, start: int, end: int, claimed: str) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    assert text[start:end] == claimed, (text[start:end], claimed)


def check(text: str) -> None:
    """Analyse ``text`` and check every property; only DetenteError may be raised."""
    try:
        analysis = detente.analyze(text, date="2024-04-25")
    except DetenteError:
        return
    for thing in [*analysis.actors, *analysis.places, *analysis.themes]:
        for mention in thing.mentions:
            _within(text, mention.start, mention.end, mention.text)
    for quote in analysis.quotes:
        _within(text, quote.start, quote.end, quote.text)
    actors = {actor.id for actor in analysis.actors}
    for event in analysis.events:
        for evidence in [event.evidence, *event.mentions]:
            _within(text, evidence.start, evidence.end, evidence.sentence)
            _within(text, evidence.trigger_start, evidence.trigger_end, evidence.trigger)
            assert evidence.start <= evidence.trigger_start <= evidence.trigger_end <= evidence.end
        assert event.source.id in actors
        assert event.target is None or (event.target.id in actors and event.target.id != event.source.id)
        _check_codes(event)


def _check_codes(event) -> None:
    assert event.type in plover_types()
    assert event.mode is None or event.mode in plover_modes().get(event.type, set()), (event.type, event.mode)
    assert event.modality in MODALITIES
    if event.cameo is not None:
        code = cameo_codes()[event.cameo]
        assert (event.type, event.cameo_root, event.goldstein, event.quad_class) == (
            code.plover_type, code.root, code.goldstein, code.quad_class)


@SETTINGS
@given(news)
@example("Russia did not attack Ukraine in Kyiv on Monday.\n\nBiden will meet Xi in Beijing next month.")
def test_news_like_text(text):
    check(text)


@SETTINGS
@given(noisy_news)
def test_news_mixed_with_random_unicode_and_controls(text):
    check(text)


@SETTINGS
@given(any_text)
@example("")
@example(" \n\t ")
@example("\x00\x01\x02")
def test_any_text(text):
    check(text)


@pytest.mark.parametrize("text", ["Mr. Biden met Mr. Xi.\u2029He said \"we met\".", "\r\n".join(["Iran warned Israel."] * 30)])
def test_fixed_odd_layouts(text):
    check(text)
