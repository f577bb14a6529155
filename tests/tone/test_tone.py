"""The tone annotator on real spaCy parses of news-style sentences."""

from __future__ import annotations

import pytest

from detente.nlp import load_model
from detente.schema import Tone
from detente.tone import article_tone, lexicon, span_tone
from tests.conftest import SEED, need

POSITIVE = (
    "The foreign ministers welcomed the agreement and praised the constructive talks, "
    "expressing hope for lasting peace and closer cooperation."
)
VIOLENT = "Militants killed twelve civilians and wounded dozens in a brutal attack on the crowded market."
WELCOMED = "The government welcomed the proposal."
NOT_WELCOMED = "The government did not welcome the proposal."
NOT_WELCOMED_CONTRACTED = "The government didn't welcome the proposal."


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def consistent(tone: Tone) -> None:
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=1e-4)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=1e-4)
    for share in (tone.positive, tone.negative, tone.activity_density, tone.self_group_density):
        assert 0.0 <= share <= 100.0


def test_lexicon_is_vader_and_loaded_once():
    assert lexicon() is lexicon()
    assert lexicon()["welcome"] > 0 > lexicon()["killed"]
    assert len(lexicon()) > 7000


def test_positive_diplomatic_sentence(nlp):
    tone = article_tone(nlp(POSITIVE))
    assert tone.tone > 0
    assert tone.positive > 0 and tone.negative == 0
    consistent(tone)


def test_violent_sentence(nlp):
    tone = article_tone(nlp(VIOLENT))
    assert tone.tone < 0
    assert tone.negative > tone.positive
    consistent(tone)


def test_negation_flips(nlp):
    assert span_tone(nlp(WELCOMED)) > 0
    assert span_tone(nlp(NOT_WELCOMED)) < 0
    assert span_tone(nlp(NOT_WELCOMED_CONTRACTED)) < 0


def test_negation_window_is_three_tokens_within_the_sentence(nlp):
    far = nlp("The ministers did not say, after many hours of talks in Geneva, that they welcomed it.")
    assert span_tone(far) > 0  # "not" is far more than 3 tokens before "welcomed"
    across = nlp("Was the deal signed? No. Leaders welcomed it anyway.")
    assert span_tone(across) > 0  # "No" ends the sentence before "welcomed": no negation across it


def test_no_is_a_negator_not_a_negative_word(nlp):
    assert article_tone(nlp("The talks made progress.")).tone > 0
    tone = article_tone(nlp("The talks made no progress."))
    assert tone.negative == pytest.approx(20.0) and tone.positive == 0.0  # "progress" flipped; "no" itself not counted


def test_names_and_prepositions_carry_no_sentiment(nlp):
    # VADER rates "like" and "party" positive; here they are a preposition and part of a name
    tone = article_tone(nlp("Officials from countries like Vietnam met the Communist Party chief."))
    assert tone.polarity == 0.0


def test_percentages_of_words(nlp):
    doc = nlp("The president welcomed the deal, and we hope it holds.")
    tone = article_tone(doc)
    # words: The president welcomed the deal and we hope it holds (comma and period are not words)
    assert tone.word_count == 10
    assert tone.positive == pytest.approx(20.0)  # welcomed, hope
    assert tone.negative == 0.0
    assert tone.tone == pytest.approx(20.0)
    assert tone.polarity == pytest.approx(20.0)
    assert tone.self_group_density == pytest.approx(10.0)  # we
    assert tone.activity_density == pytest.approx(30.0)  # welcomed, hope, holds
    consistent(tone)


def test_word_count_counts_words_only(nlp):
    doc = nlp("On 12 May 2024, the U.N. said: “Talks — 3 rounds — failed!”\n\n")
    words = [t.text for t in doc if t.is_alpha]
    assert article_tone(doc).word_count == len(words)
    assert "12" not in words and "," not in words and "—" not in words


def test_us_the_country_is_not_a_self_reference(nlp):
    tone = article_tone(nlp("The US imposed sanctions on them."))
    assert tone.self_group_density == 0.0
    assert article_tone(nlp("They told us that our position is clear.")).self_group_density > 0


def test_empty_text_gives_zeros(nlp):
    for text in ("", "   \n ", "... !!! 2024"):
        tone = article_tone(nlp(text))
        assert tone == Tone(
            tone=0.0, positive=0.0, negative=0.0, polarity=0.0,
            activity_density=0.0, self_group_density=0.0, word_count=0,
        )
        assert span_tone(nlp(text)) == 0.0


def test_span_tone_matches_the_sentence_as_a_document(nlp):
    doc = nlp(f"{VIOLENT} {POSITIVE}")
    first, second = list(doc.sents)
    assert span_tone(first) < 0 < span_tone(second)
    assert span_tone(second) == pytest.approx(article_tone(nlp(POSITIVE)).tone, abs=1e-4)


def test_seed_article_tone_is_positive(nlp):
    text = need(SEED).read_text(encoding="utf-8")
    tone = article_tone(nlp(text))
    assert tone.word_count > 300
    consistent(tone)
    assert tone.tone > 0, tone
