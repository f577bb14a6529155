"""Modality: asserted, future, negated, hypothetical, read from real sentences."""

from __future__ import annotations

import pytest

CASES = [
    ("Chinese Foreign Minister Wang Yi met Russian President Vladimir Putin in Moscow on Tuesday.", "asserted"),
    ("Chinese Foreign Minister Wang Yi will visit Moscow next week.", "future"),
    ("German Chancellor Olaf Scholz is expected to meet Polish President Andrzej Duda on Friday.", "future"),
    ("Turkey did not sign the agreement with Greece.", "negated"),
    ("Japanese Prime Minister Fumio Kishida never met Russian President Vladimir Putin during the crisis.", "negated"),
    ("The United States could impose sanctions on Chinese firms, officials said.", "hypothetical"),
    ("The European Union might impose new sanctions on Iran.", "hypothetical"),
    ("Ahead of expected talks with Beijing's top officials, US Secretary of State Antony Blinken toured Shanghai.", "future"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_modality(analyze, text, expected):
    analysis = analyze(text)
    assert analysis.events, f"no event found in: {text}"
    assert analysis.events[0].modality == expected


def test_a_refusal_is_a_rejection_not_a_negated_meeting(analyze):
    analysis = analyze("Iranian President Masoud Pezeshkian refused to meet US envoys in Oman.")
    assert [e.type for e in analysis.events] == ["REJECT"]


def test_threat_embeds_no_hypothetical_sanction(analyze):
    analysis = analyze("The European Union threatened to impose sanctions on Belarus.")
    assert [(e.type, e.modality) for e in analysis.events] == [("THREATEN", "asserted")]


def test_demand_embeds_no_withdrawal(analyze):
    analysis = analyze("Egypt urged Israel to withdraw its troops from Gaza.")
    assert [(e.source.code, e.type, e.target.code) for e in analysis.events] == [("EGY", "REQUEST", "ISR")]
