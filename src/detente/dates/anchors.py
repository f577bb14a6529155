"""Dates an event's own clause points to but does not give.

    anchored_date(trigger, published)          -> (date, precision) | None | NOT_ANCHORED
    coreferent_date(trigger, published, future) -> (date, precision) | None

"Lawmakers passed it in June. Nearly five months later, Christie vetoed it":
the veto is dated from June. "Sessions recalls a meeting in March 2016. ...
he attended a meeting with Papadopoulos": the second meeting is the first.
Both read only a little text around the event (its sentence and at most the
two before it), because a date further away is rarely the one meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from detente.dates.clause import attached_dates, clause_tokens, dates_on
from detente.dates.resolve import NUMBERS, period_start, resolve, shift

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "five months later", "two days after the vote", "a day earlier".
OFFSET = re.compile(r"\b(?:(\d+|" + "|".join(NUMBERS) + r") )?(day|week|month|year)s? "
                    r"(later|after|afterwards|earlier|before)\b")
COUNT = re.compile(r"(?:(?:about|nearly|some|just|almost) )?(\d+|" + "|".join(NUMBERS) + r") (day|week|month|year)s?")
PRECISIONS = ("day", "week", "month", "year")  # finest first
SENTENCES_BACK = 2
# anchored_date: the clause is anchored on another event, but that event's date is not found.
NOT_ANCHORED = "not anchored"


def anchored_date(trigger: Token, published: date | None) -> tuple[date, str] | str | None:
    """The date of an event placed some days, months or years from another
    one: None when its clause says no such thing, NOT_ANCHORED when it does
    but the other event's date is not in the text nearby."""
    found = _offset(trigger)
    if found is None:
        return None
    count, unit, sign, anchors = found
    anchor = _first(anchors, published) if count and published else None
    if anchor is None:
        return NOT_ANCHORED  # "days later": how many? or a later event with no date nearby
    when, precision = anchor
    coarser = max(precision, unit, key=PRECISIONS.index)
    return period_start(shift(when, unit, sign * count), coarser), coarser


def _offset(trigger: Token) -> tuple[int | None, str, int, Iterator[Span]] | None:
    """(count, unit, +1 or -1, where the other event's date may be) for the
    event's own clause, or None."""
    for token in clause_tokens(trigger):
        for child in token.children:
            if child.dep_ in ("advmod", "npadvmod", "prep", "advcl"):
                match = OFFSET.search(" ".join(t.lower_ for t in child.subtree))
                if match:
                    sign = -1 if match.group(3) in ("earlier", "before") else 1
                    return _count(match.group(1)), match.group(2), sign, _anchors(trigger, child, match)
        found = _offset_clause(token)
        if found:
            return found
    return None


def _offset_clause(token: Token) -> tuple[int | None, str, int, Iterator[Span]] | None:
    """'Freeland said on Monday, two days after Venezuela booted out the envoy':
    the expulsion is two days before the saying."""
    mark = next((c.lower_ for c in token.children if c.dep_ == "mark"), None)
    if token.dep_ != "advcl" or mark not in ("after", "before"):
        return None
    for child in token.children:
        match = COUNT.fullmatch(" ".join(t.lower_ for t in child.subtree)) if child.dep_ == "npadvmod" else None
        if match:
            from detente.events.modality import governing_path

            above = (span for t in governing_path(token.head) for span in dates_on(t))
            return _count(match.group(1)), match.group(2), -1 if mark == "after" else 1, above
    return None


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else NUMBERS[word]


def _anchors(trigger: Token, phrase: Token, match: re.Match) -> Iterator[Span]:
    """'two days after the Jan. 5 vote': the date inside the phrase. 'Five
    months later': the date of the clauses above the event ("said on Thursday
    that a pilot had died a day earlier"), then of the sentence before."""
    if match.group(3) in ("after", "before"):
        yield from _entities(phrase)
        return
    for token in trigger.ancestors:
        yield from dates_on(token)
    if trigger.sent.start > 0:
        yield from dates_on(trigger.doc[trigger.sent.start - 1].sent.root)


def _entities(phrase: Token) -> Iterator[Span]:
    doc = phrase.doc
    return (ent for ent in doc.ents
            if ent.label_ == "DATE" and phrase.left_edge.i <= ent.start and ent.end <= phrase.right_edge.i + 1)


def _first(spans: Iterator[Span], published: date) -> tuple[date, str] | None:
    """The first span that resolves; the anchor is a past act."""
    for span in spans:
        found = resolve(span.text, published, future=False)
        if found:
            return found
    return None


def coreferent_date(trigger: Token, published: date | None, future: bool) -> tuple[date, str] | None:
    """A noun trigger with no date of its own takes the date an earlier
    sentence gave the same noun: 'a meeting in March 2016' ... 'attended a
    meeting'. Only the two sentences before, nearest first."""
    if trigger.pos_ != "NOUN" or future:
        return None  # "talks on Monday ... talks will resume": not the same talks
    doc, sent = trigger.doc, trigger.sent
    for _ in range(SENTENCES_BACK):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        for token in reversed(list(sent)):
            if token.pos_ == "NOUN" and token.lemma_ == trigger.lemma_:
                found = _first(attached_dates(token), published)
                if found:
                    return found
    return None

