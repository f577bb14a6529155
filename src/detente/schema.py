"""The record types of detente, defined once.

These pydantic models are the single schema used by the library, the CLI's
JSON output, and (later) the store, the API and the exports. Character
offsets are always into the article text exactly as given (no normalisation),
so ``text[start:end]`` gives back the quoted string.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["asserted", "future", "negated", "hypothetical"]
ActorKind = Literal["person", "office", "state", "organisation", "group"]
PlaceKind = Literal["country", "region", "city", "other"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One input article."""

    id: str | None = None
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = Field(None, description="outlet or agency, e.g. Reuters")
    author: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code, detected on ingest when not given")


class Mention(Record):
    """Where something is named in the article: ``text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Actor(Record):
    """A participant resolved to country and sector, with all its mentions."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = Field(None, description="sector code, e.g. GOV, MIL")
    code: str = Field(description="country + sector, e.g. USAGOV; '' if unknown")
    role: str | None = None
    dictionary: bool = Field(False, description="matched in the actor dictionary")
    mentions: list[Mention] = Field(default_factory=list)


class Place(Record):
    """A named place, geocoded from the offline gazetteer."""

    id: str
    name: str
    country: str | None
    kind: PlaceKind
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    mentions: list[Mention] = Field(default_factory=list)


class ActorRef(Record):
    """An event participant: the actor's id plus its code, for readability."""

    id: str
    name: str
    code: str
    country: str | None
    sector: str | None


class PlaceRef(Record):
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class Evidence(Record):
    """The sentence an event was read from: ``text[start:end] == sentence``."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int


class Event(Record):
    id: str
    type: str = Field(description="PLOVER event type")
    mode: str | None = Field(None, description="PLOVER mode")
    cameo: str | None = None
    cameo_root: str | None = None
    goldstein: float | None = Field(None, ge=-10, le=10)
    quad_class: int | None = Field(None, ge=1, le=4)
    source: ActorRef
    target: ActorRef | None = None
    modality: Modality
    location: PlaceRef | None = None
    location_precision: Literal["exact", "country", "dateline", "article"] | None = Field(
        None, description="exact: a city or region in the event's sentence; country: only a country there; "
        "dateline / article: not in the sentence, taken from the dateline or the article's main place")
    date: dt.date | None = None
    date_precision: Literal["day", "week", "month", "year"] | None = None
    background: bool = Field(False, description="in the past beyond the story's own time")
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)
    tone: float | None = Field(None, description="tone of the evidence sentence, GDELT-style (-100..100)")
    contexts: list[str] = Field(default_factory=list, description="PLOVER contexts")
    mentions: list[Evidence] = Field(default_factory=list, description="other sentences telling the same happening")


class Tone(Record):
    """Article tone in GDELT GKG V2Tone terms (filled by the tone annotator)."""

    tone: float
    positive: float
    negative: float
    polarity: float
    activity_density: float
    self_group_density: float
    word_count: int


class Theme(Record):
    theme: str
    score: float
    mentions: list[Mention] = Field(default_factory=list)


class Quote(Record):
    speaker: ActorRef | None
    text: str
    start: int
    end: int
    verb: str | None = None


class Analysis(Record):
    """Everything detente read from one article."""

    id: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    tone: Tone | None = None
    themes: list[Theme] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)


class ArticleMention(Record):
    """One article's report of a merged event (GDELT's Mentions table)."""

    article_id: str
    url: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    evidence: Evidence


class MergedEvent(Record):
    """One happening reported by one or more articles, with GDELT-style counts."""

    id: str
    event: Event = Field(description="the most detailed report, as coded from its article")
    num_mentions: int = Field(ge=1, description="evidence sentences across all articles")
    num_articles: int = Field(ge=1)
    num_sources: int = Field(ge=1, description="distinct publishers (or URL hosts)")
    mentions: list[ArticleMention] = Field(default_factory=list)
