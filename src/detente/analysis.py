"""From article text to an Analysis: the library's main entry points.

``analyze`` handles one text; ``analyze_many`` streams articles through
spaCy's ``nlp.pipe`` so the model works in batches.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from detente.actors.dictionary import ActorDictionary, actor_dictionary
from detente.actors.extract import find_actors
from detente.dates import event_date
from detente.config import settings
from detente.errors import EmptyInputError, InputTooLargeError, NoArticleTextError
from detente.events.extract import find_events
from detente.events.merge import merge_within
from detente.ingest.records import to_article
from detente.nlp import doc_text, load_model
from detente.places.extract import extract_places
from detente.places.precision import set_location_precision
from detente.quotes import find_quotes
from detente.schema import Analysis, Article
from detente.themes import contexts_for, find_themes
from detente.tone import article_tone, span_tone


@dataclass(frozen=True)
class Options:
    """How to analyse: extra actor files, model, batch size, size limit, and
    whether events whose sentence names no place take the dateline's or the
    article's main place (labelled by ``location_precision``). Off by default:
    read side by side with real news, those guesses were wrong more often than
    right (docs/evaluation/corpus-review.md, fifth round)."""

    actors: tuple[str, ...] = ()
    model: str | None = None
    batch_size: int | None = None
    max_chars: int | None = None
    location_fallback: bool = False

    def dictionary(self) -> ActorDictionary:
        return actor_dictionary(tuple(self.actors))


def article_id(text: str) -> str:
    """Stable identity of a text: hash of its whitespace-normalised form."""
    normal = " ".join(text.split()).lower()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


def check_article(article: Article, max_chars: int) -> Article:
    if not article.text.strip():
        raise EmptyInputError("the article text is empty; give an article with some text")
    if len(article.text) > max_chars:
        raise InputTooLargeError(
            f"the article has {len(article.text):,} characters, more than the limit of {max_chars:,}; "
            "split it into articles, or raise the limit with --max-chars / DETENTE_MAX_CHARS"
        )
    # Digits, punctuation or emoji alone name no actor and tell no event.
    if not any(c.isalpha() for c in article.text):
        raise NoArticleTextError("the text has no letters (only digits, symbols or emoji); "
                                 "give the article's text")
    if article.id is None:
        article = article.model_copy(update={"id": article_id(article.text)})
    return article


def annotate(doc: Doc, article: Article, dictionary: ActorDictionary, fallback: bool = False) -> Analysis:
    """Run the annotators on a parsed article."""
    places = extract_places(doc)
    table = find_actors(doc, places, article.date, dictionary)
    events = find_events(doc, table, places, article.date)
    enrich_events(doc, events, article.date)
    people = {a.id for a in table.actors.values() if a.kind == "person"}
    events = merge_within(events, people)
    set_location_precision(events, doc_text(doc), places, fallback)
    return Analysis(
        id=article.id, title=article.title, date=article.date, url=article.url, publisher=article.publisher,
        actors=list(table.actors.values()), events=events, places=places.places,
        tone=article_tone(doc), themes=find_themes(doc), quotes=find_quotes(doc, table),
    )


def enrich_events(doc: Doc, events: list, published) -> None:
    """Each event's date, its precision and background flag, and the tone
    and PLOVER contexts of its evidence sentence."""
    for event in events:
        ev = event.evidence
        sentence = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        event.tone = span_tone(sentence) if sentence is not None else None
        event.contexts = contexts_for(sentence) if sentence is not None else []
        trigger = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        if trigger is not None:
            when = event_date(trigger.root, published)
            event.date, event.date_precision, event.background = when.date, when.precision, when.background


def analyze(
    text: str, *, date: dt.date | str | None = None, title: str | None = None,
    url: str | None = None, id: str | None = None, options: Options = Options(),
) -> Analysis:
    """Analyse one article text."""
    article = to_article({"id": id, "text": text, "date": date, "title": title, "url": url})
    return next(analyze_many([article], options=options))


def analyze_many(articles: Iterable[Article | dict], *, options: Options = Options()) -> Iterator[Analysis]:
    """Analyse articles in batches; yields one Analysis per article, in order.

    Invalid articles raise before any later article is processed; callers
    that must go on past bad records validate with ``check_article`` first.
    """
    conf = settings()
    nlp = load_model(options.model)
    dictionary = options.dictionary()
    max_chars = options.max_chars or conf.max_chars
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    checked = (check_article(to_article(a), max_chars) for a in articles)
    pairs = ((a.text, a) for a in checked)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=options.batch_size or conf.batch_size):
        analysis = annotate(doc, article, dictionary, options.location_fallback)
        _freeze_loaded_data()
        yield analysis


@cache
def _freeze_loaded_data() -> None:
    """Once per process, after the first article: the model, gazetteer and
    dictionaries it loaded (about 220,000 objects) live as long as the
    process, yet each full run of the cyclic garbage collector walked them
    all (about 100 ms, every few hundred articles). Frozen, they are left
    out: the collector's time over 300 articles fell from 0.47 to 0.18 ms per
    article. Not collected first, which would cost as much as it saves;
    garbage that exists at this moment is kept, once."""
    gc.freeze()
