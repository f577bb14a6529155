"""The spaCy model is loaded once per process and model name."""

from __future__ import annotations


def test_default_and_none_are_one_load():
    from detente.config import settings
    from detente.nlp import load_model

    model = load_model()
    assert load_model(None) is model
    if settings().model:
        assert load_model(settings().model) is model
    doc = model("US Secretary of State Antony Blinken met Wang Yi in Beijing.")
    assert any(s.start_char == 0 for s in doc.sents)
