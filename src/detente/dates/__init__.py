"""Event dates: when did it happen, how precisely, and is it news of the day?

A wire story is written on one day about that day. Most of its events carry
no date of their own and happened on (or just before) the publication date;
some name one ("on Tuesday", "last week", "in 2015"), and some lie in the
past beyond the story's own time ("his recent visit to China"). This module
reads the date a trigger's own clause gives, resolves it against the
publication date, says how precise it is, and marks events that belong to the
story's background so that they are not counted as news of the day.

    parse_dateline(text, published) -> Dateline | None
    event_date(trigger, published)  -> EventDate
    resolve(text, published, future=False) -> (date, precision) | None

The resolver (``resolve.py``) is a small set of rules for the expressions
news uses, not a general date parser: unknown wordings resolve to None, never
to a guess and never to an exception. ``clause.py`` reads the trigger's own
clause in the parse; ``anchors.py`` the dates the clause points to in the
text around it ("five months later", "a meeting" dated a sentence before).
Nothing is loaded at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from detente.dates.anchors import NOT_ANCHORED, anchored_date, coreferent_date
from detente.dates.clause import clause_dates, is_future
from detente.dates.resolve import as_date, period_end, resolve
from detente.ingest.dateline import match_dateline

if TYPE_CHECKING:  # datelines and resolve() need no spaCy; importing it costs most of a second
    from spacy.tokens import Span, Token

__all__ = ["Dateline", "EventDate", "event_date", "parse_dateline", "resolve"]

# An event whose period ended more than this before publication is not part
# of the story's own time.
BACKGROUND_DAYS = 30

# "his recent visit", "previous talks", "the former agreement" on a noun;
# "recently visited", "had previously met" on a verb. A bare "earlier" on a
# verb is left out: in wire copy "Earlier, Blinken met Chen" is the same day.
PAST_NOUN_MODIFIERS = {"recent", "previous", "earlier", "former", "past", "prior", "last"}
PAST_VERB_MODIFIERS = {"recently", "previously", "formerly"}


@dataclass(frozen=True)
class Dateline:
    place: str | None  # as written: "KYIV, Ukraine"; None for a bare "(Reuters) -"
    date: date | None
    end: int  # offset just after the dash and its spaces: text[end:] is the story
    agency: str | None = None


@dataclass(frozen=True)
class EventDate:
    date: date | None
    precision: str | None  # "day", "week", "month", "year"; None when no date is known
    background: bool = False


# --- datelines ---------------------------------------------------------------


def parse_dateline(text: str, published: date | None) -> Dateline | None:
    """'HAMBURG (Reuters) -', 'WASHINGTON, Jan 5 -', 'KYIV, Ukraine, Oct. 2 (Reuters) —'."""
    match = match_dateline(text)
    if match is None:
        return None
    place = match.group("place")
    written = match.group("date")
    when = resolve(written, published) if written else None  # "Feb 30" gives no date, not an error
    return Dateline(place=place.strip() if place else None, date=when[0] if when else None,
                    end=match.end(), agency=match.group("agency"))



# --- the date of an event -----------------------------------------------------


def event_date(trigger: Token, published: date | None) -> EventDate:
    """The date of the event named by ``trigger``, from its own clause.

    With no date in the clause the event is the article's: its publication
    date, precision day. A date in another clause ("said on Monday that Moscow
    will impose sanctions") is not the event's."""
    published = as_date(published)
    future = is_future(trigger)
    past_window = False
    for span in clause_dates(trigger):
        found = resolve(span.text, published, future)
        if found:
            return _dated(found, published, future)
        past_window = past_window or _past_window(span)
    found = coreferent_date(trigger, published, future)
    if found:
        return _dated(found, published, future)
    anchored = anchored_date(trigger, published)
    if anchored and anchored != NOT_ANCHORED:
        return _dated(anchored, published, future)  # "five months later", after a dated sentence
    if not future and (past_window or _relative_past(trigger) or _describes_person(trigger)):
        return EventDate(None, None, True)  # "his recent visit": before the story, day unknown
    if anchored:
        return EventDate(None, None, False)  # "five months later": anchored on an event we do not date
    return EventDate(published, "day" if published else None, False)


def _dated(found: tuple[date, str], published: date | None, future: bool) -> EventDate:
    when, precision = found
    return EventDate(when, precision, _is_background(when, precision, published, future))


def _describes_person(trigger: Token) -> bool:
    """'Lavrov, who regularly criticized ...': a past-tense relative clause on
    a person tells who they are, not what happened today."""
    from detente.events.modality import governing_path

    clause = governing_path(trigger)[-1]
    return (clause.dep_ == "relcl" and clause.tag_ == "VBD"
            and clause.head.ent_type_ == "PERSON")


def _is_background(when: date, precision: str, published: date | None, future: bool) -> bool:
    """Past beyond the story's own time: a past calendar year, or a period that
    ended more than a month before publication. Future events never are."""
    if future or published is None or when > published:
        return False
    if precision == "year" and when.year < published.year:
        return True
    return period_end(when, precision) < published - timedelta(days=BACKGROUND_DAYS)



def _past_window(span: Span) -> bool:
    """'in recent months', 'over the past two years': before the story, no day.
    Entities only: a clause's subtree may hold another clause's 'past years'."""
    if span.label_ not in ("DATE", "TIME"):
        return False
    words = {t.lower_ for t in span}
    return bool(words & {"recent", "past", "previous", "last"}) and bool(words & {"months", "years", "decades"})


def _relative_past(trigger: Token) -> bool:
    """'his recent visit', 'previous talks', 'recently visited'; on the trigger
    or the words above it up to its verb ("recently paid a visit")."""
    from detente.events.modality import governing_path

    for token in governing_path(trigger):
        for child in token.children:
            if token.pos_ in ("NOUN", "PROPN") and child.dep_ in ("amod", "advmod") \
                    and child.lower_ in PAST_NOUN_MODIFIERS:
                return True
            if child.dep_ == "advmod" and child.lower_ in PAST_VERB_MODIFIERS:
                return True
            if child.dep_ == "prep" and child.lower_ == "in" and any(g.lower_ == "past" for g in child.children):
                return True  # "met in the past"
        if token.pos_ in ("VERB", "AUX") and _past_perfect(token):
            return True
    return False


def _past_perfect(verb: Token) -> bool:
    """'had visited', 'had imposed': a past before the story's past."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


