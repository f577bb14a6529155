"""Which language an article is in, and whether to skip it.

detente's dictionaries, triggers and spaCy model are English, so an article
in another language would only yield noise. py3langid (a compact langid.py
model shipped inside the PyPI package, ~97 languages) classifies the first
``SAMPLE_CHARS`` characters; the model is loaded on first use, once per
process. The opening (``OPENING_CHARS``) is classified first, and when it
reads as English the article is kept without reading further: the detector
walks the text byte by byte in Python (about 0.6 ms per 1,000 characters),
and on the shared corpus no article whose opening reads as English is
judged otherwise on the longer sample. Only an article that opens in
another language is classified again on the longer sample, so what is
skipped is decided as before; an English opening on a foreign body counts
as mixed-language text, kept.

The rule, chosen so that English is never thrown away by mistake: an article
is skipped only when it has at least ``MIN_LETTERS`` letters AND the detector
gives another language, with probability at least ``MIN_CONFIDENCE`` or for
a text whose letters are mostly not Latin (Arabic, Cyrillic, CJK ...: the
detector can spread its probability over related languages there, e.g. 0.85
for an Arabic paragraph, but such a text is not English either way).
Headlines, one-line items, names ("Merkel" reads as Frisian), all-caps wire
copy (classified in lower case, since the model learnt mixed-case text) and
mixed-language text stay in. On the shared English news corpus (12,722
articles) the rule skips none; on French, German, Spanish ... paragraphs of
a few sentences it skips all (tests/ingest/test_language.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from detente.errors import LanguageError
from detente.schema import Article

SAMPLE_CHARS = 3000
OPENING_CHARS = 500
MIN_LETTERS = 100
MIN_CONFIDENCE = 0.9
ENGLISH = "en"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str, chars: int = SAMPLE_CHARS) -> str:
    sample = " ".join(text[:chars].split())
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        sample = sample.lower()
    return sample


def detect_language(text: str, chars: int = SAMPLE_CHARS) -> tuple[str, float]:
    """ISO 639-1 code and probability (0..1) of the language of the text's
    first ``chars`` characters."""
    sample = _sample(text, chars)
    if not sample:
        return "und", 0.0
    language, probability = _identifier().classify(sample)
    return language, round(float(probability), 3)


def _latin(c: str) -> bool:
    return ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF


def is_confidently_foreign(text: str) -> tuple[bool, str, float]:
    """(skip?, language, probability) by the rule in the module docstring."""
    language, probability = detect_language(text, OPENING_CHARS)
    if language != ENGLISH and len(text) > OPENING_CHARS:
        language, probability = detect_language(text)
    if language == ENGLISH:
        return False, language, probability
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False, language, probability
    # Text mostly in another script (Arabic, Cyrillic, CJK ...) is not English
    # even when the detector spreads its probability over related languages.
    other_script = sum(not _latin(c) for c in letters) > 0.5 * len(letters)
    return probability >= MIN_CONFIDENCE or other_script, language, probability


def is_english(text: str) -> bool:
    """False only for text confidently in another language; short text counts as English."""
    return not is_confidently_foreign(text)[0]


def check_language(article: Article, where: str | None = None) -> Article:
    """The article with ``language`` filled in; LanguageError when it is to be skipped.

    A language the caller gave is trusted: it is not detected again, and a
    given language other than English is skipped as such.
    """
    name = where or article.id or "article"
    if article.language:
        if article.language.lower() != ENGLISH:
            raise LanguageError(f"{name}: language: {article.language} (given); "
                                "detente codes English articles only, so it was skipped")
        return article
    foreign, language, probability = is_confidently_foreign(article.text)
    if foreign:
        raise LanguageError(f"{name}: language: {language} ({probability:.2f}); "
                            "detente codes English articles only, so it was skipped")
    # An unsure guess of another language is not recorded: the article is
    # coded as English, but nobody said it was.
    return article.model_copy(update={"language": ENGLISH if language == ENGLISH else None})


def skip_non_english(items: Iterable) -> Iterator:
    """Pass ``RecordFailure`` items through; turn non-English articles into ones.

    The reason reads "language: fr (0.99); ...", so a run's report says why.
    """
    from detente.ingest.sources import RecordFailure

    for item in items:
        if isinstance(item, RecordFailure):
            yield item
            continue
        try:
            yield check_language(item)
        except LanguageError as exc:
            yield RecordFailure(item.id or "article", exc)
