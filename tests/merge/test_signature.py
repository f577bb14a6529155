"""detente's MinHash signatures are datasketch's, computed faster: the
stored signatures of every existing store must keep matching new ones."""

from __future__ import annotations

import json
from itertools import islice

from datasketch import MinHash

from detente.merge import SEED, shingle_signature, shingles, signature
from tests.conftest import CORPUS, ROOT, need


def reference(words: set[bytes], num_perm: int = 128) -> MinHash:
    """What detente computed before: datasketch's own update_batch."""
    minhash = MinHash(num_perm=num_perm, seed=SEED)
    minhash.update_batch(sorted(words))
    return minhash


def texts_of(path, limit: int) -> list[str]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in islice(lines, limit)]


def check_same(texts: list[str]) -> None:
    for text in texts:
        words = shingles(text)
        assert (shingle_signature(words).hashvalues == reference(words).hashvalues).all(), text[:80]
        assert signature(text).jaccard(reference(words)) == 1.0


def test_signatures_equal_datasketchs_on_the_examples():
    check_same(texts_of(ROOT / "examples" / "articles.jsonl", 100))


def test_signatures_equal_datasketchs_on_corpus_articles():
    check_same(texts_of(need(CORPUS), 300))


def test_shingles_are_five_word_runs_of_the_lowercased_words():
    assert shingles("The U.S. and China agreed, on Monday, to talk.") == {
        b"the u s and china", b"u s and china agreed", b"s and china agreed on", b"and china agreed on monday",
        b"china agreed on monday to", b"agreed on monday to talk"}
    assert shingles("Too short") == {b"too short"}
    assert shingles("!!!") == set()


def test_a_different_num_perm_still_matches():
    words = shingles(texts_of(ROOT / "examples" / "articles.jsonl", 1)[0])
    assert (shingle_signature(words, 64).hashvalues == reference(words, 64).hashvalues).all()
