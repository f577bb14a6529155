"""Language detection: foreign articles skipped with the reason, English
(however short, capitalised or name-heavy) never."""

from __future__ import annotations

import json

import pytest

from detente.errors import LanguageError
from detente.ingest.language import check_language, detect_language, is_english, skip_non_english
from detente.ingest.sources import RecordFailure
from detente.schema import Article
from tests.conftest import CORPUS, need

FOREIGN = {
    "fr": "Le ministre français des Affaires étrangères a rencontré lundi son homologue allemand à Genève "
          "pour discuter de la guerre en Ukraine et de nouvelles sanctions contre la Russie, selon un communiqué.",
    "de": "Der Bundeskanzler ist am Montag zu einem zweitägigen Besuch nach Indien gereist, um mit dem "
          "Premierminister über Handel, Klimaschutz und den Krieg in der Ukraine zu sprechen.",
    "es": "El presidente del Gobierno español se reunió el lunes en Madrid con el primer ministro de Portugal "
          "para hablar de la crisis energética y de la cooperación en materia de inmigración.",
    "ru": "Министр иностранных дел России в понедельник встретился в Пекине со своим китайским коллегой, "
          "чтобы обсудить двустороннее сотрудничество и ситуацию на Украине, сообщает ТАСС.",
    "ar": "التقى وزير الخارجية السعودي يوم الاثنين في الرياض نظيره الإيراني لبحث العلاقات الثنائية "
          "والأوضاع في المنطقة، بحسب بيان صادر عن الوزارة.",
}
ENGLISH_TEXT = ("GENEVA (Reuters) - The foreign ministers of France and Germany met in Geneva on Thursday to "
                "discuss the war in Ukraine and new sanctions against Russia, officials said.")


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_foreign_paragraphs_are_detected_confidently(code):
    language, probability = detect_language(FOREIGN[code])
    assert language == code and probability >= (0.8 if code == "ar" else 0.9)
    assert not is_english(FOREIGN[code])  # Arabic (0.85) by its script


@pytest.mark.parametrize("text", [
    ENGLISH_TEXT,
    ENGLISH_TEXT.upper(),  # all-caps wire copy (MUC-3 style)
    "Merkel", "Putin Xi", "NATO summit", "12 killed in Kabul blast",  # headlines and names
    "Macron: «Nous sommes en guerre»",  # a short foreign quote in a headline
    "",
])
def test_english_short_and_odd_texts_are_kept(text):
    assert is_english(text)


def test_check_language_fills_english_and_refuses_foreign_with_the_reason():
    assert check_language(Article(text=ENGLISH_TEXT)).language == "en"
    assert check_language(Article(text="Merkel")).language is None  # unsure: not claimed
    with pytest.raises(LanguageError, match=r"a1: language: fr \([01]\.\d\d\); detente codes English articles only"):
        check_language(Article(id="a1", text=FOREIGN["fr"]))


def test_a_given_language_is_trusted():
    assert check_language(Article(text=FOREIGN["fr"], language="en")).language == "en"
    with pytest.raises(LanguageError, match=r"language: de \(given\)"):
        check_language(Article(id="x", text=ENGLISH_TEXT, language="de"))


def test_skip_non_english_turns_foreign_articles_into_failures():
    failure = RecordFailure("f.txt", LanguageError("f.txt: unreadable"))
    items = list(skip_non_english([Article(id="en", text=ENGLISH_TEXT), Article(id="fr", text=FOREIGN["fr"]), failure]))
    assert items[0].language == "en"
    assert isinstance(items[1], RecordFailure) and items[1].where == "fr"
    assert items[1].error.message.startswith("fr: language: fr (")
    assert items[2] is failure


def test_no_english_article_of_the_corpus_is_skipped():
    need(CORPUS)
    with open(CORPUS, encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(3000), lines)]
    skipped = [r["id"] for r in records if not is_english(r["text"])]
    assert skipped == []
