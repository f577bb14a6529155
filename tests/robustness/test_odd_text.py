"""Odd but valid input never crashes analyze(), and offsets stay in bounds;
text with no letters at all is refused as no article text."""

from __future__ import annotations

import pytest

import detente
from detente.errors import NoArticleTextError

ODD = [
    "\u200b\u200b text", "a" * 100_000, "Mr", "LONDON (Reuters) -",
    "Dr. Dr. Dr.", "He said he met him.", "\n\n\n x \n\n", "Paris" * 5000,
    "U.S. U.S. U.S.", "the two leaders met both countries", "Mr. Mr Mrs", "Sanctions. Sanctions! Sanctions?",
    "Putin met Putin in Moscow and Moscow met Putin.",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_text(text):
    analysis = detente.analyze(text, date="2020-01-01")
    actor_ids = {a.id for a in analysis.actors}
    for actor in analysis.actors:
        for m in actor.mentions:
            assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text
    for event in analysis.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.sentence
        assert event.source.id in actor_ids
        assert event.source.id != (event.target.id if event.target else None)


@pytest.mark.parametrize("text", ["12345 6789", "😀😀😀 🎉", "((((((", "2024-04-25 10:00 +++ 3.5%"])
def test_text_without_letters_is_refused(text):
    with pytest.raises(NoArticleTextError, match="no letters"):
        detente.analyze(text, date="2020-01-01")
