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

The resolver is a small set of rules for the expressions news uses, not a
general date parser: unknown wordings resolve to None, never to a guess and
never to an exception. Nothing is loaded at import time.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from detente.ingest.dateline import match_dateline

if TYPE_CHECKING:  # datelines and resolve() need no spaCy; importing it costs most of a second
    from spacy.tokens import Span, Token

# A date without a year that lies a little after publication is still this
# year's (time zones, late filing); more than this and it is last year's.
FEW_DAYS = 3
# An event whose period ended more than this before publication is not part
# of the story's own time.
BACKGROUND_DAYS = 30

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "year"}

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
# Words around a date that do not change which period it names: "on", "in
# early March", "earlier this month", "about 14 years ago".
_LEADING = re.compile(
    r"^(?:(?:on|in|at|during|for|over|of|the|early|mid|late|earlier|later|end of|beginning of|start of|"
    r"middle of|about|nearly|almost|more than|less than|some|around|roughly|just|exactly)\s+)+"
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}
_WEEKDAY_RE = re.compile(rf"(?:(last|this|next|coming|past)\s+)?({_WEEKDAY}|weekend)")
_PERIOD_RE = re.compile(r"(this|current|last|previous|next|coming)\s+(week|month|year)")
_AGO_RE = re.compile(r"(\d+|" + "|".join(NUMBERS) + r")\s+(day|week|month|year|decade)s?\s+ago")
_CALENDAR_RES = (
    re.compile(rf"(?:(last|next|this)\s+)?(?P<m>{_MONTH})(?:\s+(?P<d>\d{{1,2}}))?(?:\s+(?P<y>\d{{4}}))?"),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?"),
    re.compile(r"(?P<y>(?:1[89]|20)\d{2})"),
)

# Prepositions and dependencies through which a date modifies a word.
TIME_PREPS = {"on", "in", "at", "during", "for", "over"}
TIME_DEPS = {"npadvmod", "advmod", "tmod", "npmod", "nmod", "poss", "compound", "nummod"}
# Above these verbs a date is the decision's, not the event's: in "agreed on
# Monday to hold talks" Monday is not the day of the talks.
DECISION_VERBS = {"agree", "decide", "announce", "promise", "pledge", "vow", "threaten", "propose", "offer",
                  "vote", "urge", "ask", "call", "say", "order", "demand", "warn", "approve", "tell"}
MODALS = {"will", "shall", "'ll", "wo", "would", "could", "might", "may", "can", "should", "must", "ca", "'d"}
FUTURE_GOVERNORS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "prepare", "agree", "decide",
                    "promise", "pledge", "vow", "hope", "want", "seek", "threaten", "propose", "offer", "try",
                    "consider", "anticipate", "arrange", "likely", "ready"}
FUTURE_MODIFIERS = {"expected", "planned", "upcoming", "anticipated", "scheduled", "forthcoming", "future",
                    "next", "coming", "proposed"}
PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}
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


# --- resolving a date expression ----------------------------------------------


def resolve(text: str, published: date | None, future: bool = False) -> tuple[date, str] | None:
    """(first day of the period, precision) for a date expression, or None.

    ``future`` says which way an ambiguous weekday or month points: "on
    Tuesday" in "met on Tuesday" is the last one, in "will meet on Tuesday"
    the next one. Weeks start on Monday; "the weekend" is its Saturday."""
    try:
        words = _normalise(text)
        if not words:
            return None
        for rule in (_relative_day, _weekday, _period, _ago, _calendar, _season):
            found = rule(words, _as_date(published), future)
            if found:
                return found
    except (ValueError, OverflowError):
        return None  # "February 30", a year out of range: no date rather than a crash
    return None


SEASON = re.compile(r"\b(?:spring|summer|autumn|fall|winter) (?:of )?(\d{4})\b")


def _season(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    """'summer 2014': a season of a named year, known to the year."""
    match = SEASON.search(words)
    return (date(int(match.group(1)), 1, 1), "year") if match else None


def _normalise(text: str) -> str:
    words = text.lower().replace("’", "'").replace("mid-", "mid ")
    words = re.sub(r"'s\b", "", words)
    words = re.sub(r"[.,]", " ", words)
    words = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", words)
    words = re.sub(r"\s+", " ", words).strip()
    words = {"tonight": "today", "last night": "yesterday"}.get(words, words)
    words = re.sub(r"^this (?:morning|afternoon|evening)$", "today", words)
    return _PART_OF_DAY.sub("", _LEADING.sub("", words)).strip()


def _relative_day(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    if words not in _RELATIVE_DAYS or published is None:
        return None
    return published + timedelta(days=_RELATIVE_DAYS[words]), "day"


def _weekday(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    match = _WEEKDAY_RE.fullmatch(words)
    if not match or published is None:
        return None
    which, day = match.groups()
    target = 5 if day == "weekend" else WEEKDAYS[day]
    if which in ("last", "past"):
        delta = -((published.weekday() - target) % 7 or 7)
    elif which in ("next", "coming"):
        delta = (target - published.weekday()) % 7 or 7
    else:  # "on Tuesday": this week's, the last one for past acts, the next for future ones
        delta = (target - published.weekday()) % 7 if future else -((published.weekday() - target) % 7)
    return published + timedelta(days=delta), "week" if day == "weekend" else "day"


def _period(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    match = _PERIOD_RE.fullmatch(words)
    if not match or published is None:
        return None
    which, unit = match.groups()
    offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    return _shift(published, unit, offset), unit


def _ago(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    match = _AGO_RE.fullmatch(words)
    if not match or published is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else NUMBERS[match.group(1)]
    unit = match.group(2)
    if unit == "decade":
        unit, count = "year", count * 10
    return _shift(published, unit, -count), UNITS[unit]


def _shift(published: date, unit: str, count: int) -> date:
    """The first day of the period ``count`` units from publication."""
    if unit == "day":
        return published + timedelta(days=count)
    if unit == "week":
        return _start(published + timedelta(weeks=count), "week")
    if unit == "month":
        months = published.year * 12 + published.month - 1 + count
        return date(months // 12, months % 12 + 1, 1)
    return date(published.year + count, 1, 1)


def _calendar(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    """'Jan 5', '5 January 2024', 'March', 'March 2015', '2015', 'Tuesday, March 5'."""
    words = re.sub(rf"^{_WEEKDAY}\s+(?=\S)", "", words)
    for pattern in _CALENDAR_RES:
        match = pattern.fullmatch(words)
        if match:
            return _calendar_date(match, published, future)
    return None


def _calendar_date(match: re.Match, published: date | None, future: bool) -> tuple[date, str] | None:
    parts = match.groupdict()
    if not parts.get("m"):
        return date(int(parts["y"]), 1, 1), "year"
    precision = "day" if parts.get("d") else "month"
    month, day = MONTHS[parts["m"]], int(parts.get("d") or 1)
    if parts.get("y"):
        return date(int(parts["y"]), month, day), precision
    if published is None:
        return None  # "in March" of which year?
    which = match.group(1) if match.re is _CALENDAR_RES[0] else None
    future = {"next": True, "last": False}.get(which, future)
    return _nearest_year(month, day, precision, published, future), precision


def _nearest_year(month: int, day: int, precision: str, published: date, future: bool) -> date:
    """A month (and day) without a year: the publication year's, unless that
    lies on the wrong side of publication by more than a few days."""
    when = date(published.year, month, day)
    slack = timedelta(days=FEW_DAYS)
    if not future and when > published + slack:
        return date(published.year - 1, month, day)
    if future and _end(when, precision) < published - slack:
        return date(published.year + 1, month, day)
    return when


def _start(day: date, precision: str) -> date:
    if precision == "week":
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    return day if precision == "day" else date(day.year, 1, 1)


def _end(start: date, precision: str) -> date:
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start if precision == "day" else date(start.year, 12, 31)


def _as_date(value: date | datetime | None) -> date | None:
    # A datetime is a date, but comparing one with a date raises TypeError.
    return value.date() if isinstance(value, datetime) else value


# --- the date of an event -----------------------------------------------------


def event_date(trigger: Token, published: date | None) -> EventDate:
    """The date of the event named by ``trigger``, from its own clause.

    With no date in the clause the event is the article's: its publication
    date, precision day. A date in another clause ("said on Monday that Moscow
    will impose sanctions") is not the event's."""
    published = _as_date(published)
    future = _is_future(trigger)
    past_window = False
    for span in _clause_dates(trigger):
        found = resolve(span.text, published, future)
        if found:
            when, precision = found
            return EventDate(when, precision, _is_background(when, precision, published, future))
        past_window = past_window or _past_window(span)
    if not future and (past_window or _relative_past(trigger) or _describes_person(trigger)):
        return EventDate(None, None, True)  # "his recent visit": before the story, day unknown
    if _relative_to_other_event(trigger):
        return EventDate(None, None, False)  # "five months later": anchored on an event we do not date
    return EventDate(published, "day" if published else None, False)


def _describes_person(trigger: Token) -> bool:
    """'Lavrov, who regularly criticized ...': a past-tense relative clause on
    a person tells who they are, not what happened today."""
    from detente.events.modality import governing_path

    clause = governing_path(trigger)[-1]
    return (clause.dep_ == "relcl" and clause.tag_ == "VBD"
            and clause.head.ent_type_ == "PERSON")


LATER = re.compile(r"\b(?:\w+ )?(?:days?|weeks?|months?|years?) (?:later|after|afterwards)\b")


def _relative_to_other_event(trigger: Token) -> bool:
    """'Five months later, Russia vetoed ...': only in the event's own clause."""
    for token in _clause_tokens(trigger):
        for child in token.children:
            if child.dep_ in ("advmod", "npadvmod", "prep", "advcl"):
                if LATER.search(" ".join(t.lower_ for t in child.subtree)):
                    return True
    return False


def _is_background(when: date, precision: str, published: date | None, future: bool) -> bool:
    """Past beyond the story's own time: a past calendar year, or a period that
    ended more than a month before publication. Future events never are."""
    if future or published is None or when > published:
        return False
    if precision == "year" and when.year < published.year:
        return True
    return _end(when, precision) < published - timedelta(days=BACKGROUND_DAYS)


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger and its governors whose dates are the event's."""
    from detente.events.modality import governing_path

    tokens = []
    for i, token in enumerate(governing_path(trigger)):
        if i and token.lemma_.lower() in DECISION_VERBS:
            break
        tokens.append(token)
    head = trigger.head
    # "met Xi on Tuesday and signed a deal": a conjoined verb of the same
    # tense shares its head's date when it has none of its own (searched last).
    if trigger.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head.tag_ == trigger.tag_:
        tokens += [t for t in _clause_tokens(head) if t not in tokens]
    return tokens


def _clause_dates(trigger: Token) -> Iterator[Span]:
    """Date expressions attached to the trigger or its governors, nearest first."""
    for token in _clause_tokens(trigger):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    yield from _date_spans(obj)
            elif child.dep_ in TIME_DEPS:
                yield from _date_spans(child)


def _date_spans(token: Token) -> Iterator[Span]:
    """The DATE/TIME entity the token is in, then its subtree: the tagger
    misses some dates or splits them ("Tuesday" + "night"); the resolver
    rejects whatever is not a date."""
    if token.ent_type_ in ("DATE", "TIME"):
        yield from (ent for ent in token.doc.ents if ent.start <= token.i < ent.end)
    yield token.doc[token.left_edge.i: token.right_edge.i + 1]


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


def _is_future(trigger: Token) -> bool:
    """Does the event lie after the time of writing? Modals, 'going to',
    'expected/planned to', 'upcoming', and the present tense of news
    ("arrives in Paris on Monday") say so; a past or perfect verb says not."""
    for i, token in enumerate(_clause_tokens(trigger)):
        children = list(token.children)
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if aux & MODALS:
            return "have" not in aux  # "would have met" is past
        if i and (token.lemma_.lower() in FUTURE_GOVERNORS or (token.lemma_ == "go" and token.tag_ == "VBG")):
            return True
        if any(c.dep_ in ("amod", "compound") and c.lower_ in FUTURE_MODIFIERS for c in children):
            return True
        if token.pos_ in ("VERB", "AUX") and _finite(token, aux):
            return token.tag_ in ("VBZ", "VBP") or bool(aux & PRESENT_BE)
    return False


def _finite(token: Token, aux: set[str]) -> bool:
    """A verb that carries tense: not an infinitive or bare participle."""
    return token.tag_ in ("VBD", "VBZ", "VBP") or (token.tag_ in ("VBN", "VBG") and bool(aux - {"to"}))
