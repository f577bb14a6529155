"""Resolving a date expression against the publication date.

    resolve("14 years ago", date(2024, 4, 25)) -> (date(2010, 1, 1), "year")

Text in, (first day of the period, precision) out; no spaCy. Unknown
wordings resolve to None, never to a guess and never to an exception.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta


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
# early March", "earlier this month", "about 14 years ago". Halves and
# quarters have no precision of their own: "the first half of 2017" is 2017.
_LEADING = re.compile(
    r"^(?:(?:on|in|at|during|for|over|of|the|early|mid|late|earlier|later|end of|beginning of|start of|"
    r"middle of|about|nearly|almost|more than|less than|some|around|roughly|just|exactly|"
    r"(?:first|second) half of|(?:first|second|third|fourth) quarter of)\s+)+"
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
            found = rule(words, as_date(published), future)
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
    return shift(published, unit, offset), unit


def _ago(words: str, published: date | None, future: bool) -> tuple[date, str] | None:
    match = _AGO_RE.fullmatch(words)
    if not match or published is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else NUMBERS[match.group(1)]
    unit = match.group(2)
    if unit == "decade":
        unit, count = "year", count * 10
    return shift(published, unit, -count), UNITS[unit]


def shift(published: date, unit: str, count: int) -> date:
    """The first day of the period ``count`` units from publication."""
    if unit == "day":
        return published + timedelta(days=count)
    if unit == "week":
        return period_start(published + timedelta(weeks=count), "week")
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
    if future and period_end(when, precision) < published - slack:
        return date(published.year + 1, month, day)
    return when


def period_start(day: date, precision: str) -> date:
    if precision == "week":
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    return day if precision == "day" else date(day.year, 1, 1)


def period_end(start: date, precision: str) -> date:
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start if precision == "day" else date(start.year, 12, 31)


def as_date(value: date | datetime | None) -> date | None:
    # A datetime is a date, but comparing one with a date raises TypeError.
    return value.date() if isinstance(value, datetime) else value

