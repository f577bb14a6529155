"""The fast token helpers the annotators use give exactly what the plain
spaCy loops give, on real articles."""

from __future__ import annotations

import gc
import json

import pytest

from detente.analysis import analyze
from detente.nlp import TEXT_KEY, doc_text, load_model, tokens_tagged
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "articles.jsonl"
SELECTIONS = [({"VERB"}, set()), ({"NOUN", "PROPN"}, set()), ({"PRON"}, set()), (set(), {"NNS", "NNPS"}),
              ({"VERB", "NOUN"}, {"NNP"}), (set(), set())]


@pytest.fixture(scope="module")
def docs():
    texts = [json.loads(line)["text"] for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    return list(load_model().pipe(texts))


@pytest.mark.parametrize("pos, tags", SELECTIONS)
def test_tokens_tagged_is_the_plain_loop(docs, pos, tags):
    for doc in docs:
        expected = [t.i for t in doc if t.pos_ in pos or t.tag_ in tags]
        assert [t.i for t in tokens_tagged(doc, pos, tags)] == expected


def test_doc_text_is_the_docs_text_and_is_kept(docs):
    for doc in docs:
        assert doc_text(doc) == doc.text
        assert doc.user_data[TEXT_KEY] == doc.text  # the paragraph component already filled the copy the annotators read


def test_analysis_freezes_what_the_model_and_data_loaded():
    analyze("The French president met the German chancellor in Berlin on Monday.")
    assert gc.get_freeze_count() > 10_000  # model, gazetteer and dictionaries left out of full collections
