"""Article and sentence tone, in the terms of GDELT's GKG V2Tone.

The valence of a word comes from the VADER lexicon that the vaderSentiment
package (MIT licence) ships as ``vaderSentiment/vader_lexicon.txt``; it is
read from the installed package on first use, once per process. The rules,
also in ``docs/tone.md``:

* **words** (``word_count``): tokens that are alphabetic (``is_alpha``), not
  punctuation and not space. Every percentage below is ``100 * n /
  word_count``, rounded to 4 decimals; an empty text gives all zeros.
* **sentiment words**: words of a content part of speech (ADJ, ADV, NOUN,
  VERB, INTJ; so not names, pronouns, determiners or prepositions, e.g.
  "Communist *Party*", "*like* China") that are not negators, whose
  lower-cased text, or else lemma, has VADER valence ``>= +0.5``
  (positive) or ``<= -0.5`` (negative). VADER's scale is -4..+4.
* **negation** (as VADER does it): a sentiment word with a negator ("not",
  "n't", "never", "no", "without") among the 3 tokens before it, within
  its sentence, changes class (positive <-> negative).
* ``tone = positive - negative``; ``polarity = positive + negative``.
* ``activity_density``: words whose part of speech is VERB (not AUX): a
  reproducible stand-in for GDELT's "activity reference density".
* ``self_group_density``: words in :data:`SELF_GROUP` (case-insensitive;
  the capitalised "US", the country, excluded).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from detente.schema import Tone

THRESHOLD = 0.5
"""Minimum absolute VADER valence (-4..+4) for a word to count as sentiment."""

NEGATORS = frozenset({"not", "n't", "never", "no", "without"})
NEGATION_WINDOW = 3
CONTENT_POS = frozenset({"ADJ", "ADV", "NOUN", "VERB", "INTJ"})
SELF_GROUP = frozenset(
    {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
     "you", "your", "yours", "yourself", "yourselves"}
)
"""First- and second-person pronouns and determiners (singular and plural)."""


@dataclass(frozen=True)
class Counts:
    words: int = 0
    positive: int = 0
    negative: int = 0
    activity: int = 0
    self_group: int = 0


@cache
def lexicon() -> dict[str, float]:
    """VADER's word -> mean valence (-4..+4), read once from the installed package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            table[fields[0]] = float(fields[1])
    return table


def is_word(token: Token) -> bool:
    return token.is_alpha and not token.is_punct and not token.is_space


def _norm(token: Token) -> str:
    return token.lower_.replace("\u2019", "'")


def valence(token: Token) -> float:
    """VADER valence of a content word (text first, then lemma); 0 otherwise."""
    if token.pos_ not in CONTENT_POS or _norm(token) in NEGATORS:
        return 0.0
    table = lexicon()
    value = table.get(token.lower_)
    if value is None:
        value = table.get(token.lemma_.lower(), 0.0)
    return value


def negated(tokens: Sequence[Token], index: int) -> bool:
    """A negator among the NEGATION_WINDOW tokens before ``tokens[index]``, same sentence."""
    for back in range(1, NEGATION_WINDOW + 1):
        if index - back < 0 or tokens[index - back + 1].is_sent_start:
            return False
        if _norm(tokens[index - back]) in NEGATORS:
            return True
    return False


def polarity_of(tokens: Sequence[Token], index: int) -> int:
    """+1 positive, -1 negative, 0 neutral for one word, after negation."""
    value = valence(tokens[index])
    sign = 1 if value >= THRESHOLD else -1 if value <= -THRESHOLD else 0
    return -sign if sign and negated(tokens, index) else sign


def is_self_group(token: Token) -> bool:
    return token.lower_ in SELF_GROUP and token.text != "US"


def count(tokens: Iterable[Token]) -> Counts:
    """Word, sentiment, activity and self/group counts over a run of tokens."""
    tokens = list(tokens)
    words = pos = neg = activity = group = 0
    for i, token in enumerate(tokens):
        if not is_word(token):
            continue
        words += 1
        sign = polarity_of(tokens, i)
        pos += sign > 0
        neg += sign < 0
        activity += token.pos_ == "VERB"
        group += is_self_group(token)
    return Counts(words, pos, neg, activity, group)


def _percent(n: int, words: int) -> float:
    return round(100.0 * n / words, 4) if words else 0.0


def to_tone(counts: Counts) -> Tone:
    """The V2Tone figures from counts; tone and polarity from the rounded parts."""
    positive = _percent(counts.positive, counts.words)
    negative = _percent(counts.negative, counts.words)
    return Tone(
        tone=round(positive - negative, 4),
        positive=positive,
        negative=negative,
        polarity=round(positive + negative, 4),
        activity_density=_percent(counts.activity, counts.words),
        self_group_density=_percent(counts.self_group, counts.words),
        word_count=counts.words,
    )


def article_tone(doc: Doc) -> Tone:
    """GDELT V2Tone-style tone of a whole parsed article."""
    return to_tone(count(doc))


def span_tone(span: Span | Doc) -> float:
    """The ``tone`` figure (positive % - negative %) of one sentence or span."""
    return to_tone(count(span)).tone


__all__ = ["NEGATORS", "SELF_GROUP", "THRESHOLD", "Counts", "article_tone", "count", "lexicon", "span_tone"]
