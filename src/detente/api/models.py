"""Request and response bodies. Records come from ``detente.schema`` (Event,
Article, Analysis) so the OpenAPI schema documents the one schema; the
models here only add what the store knows about them (article keys,
happening counts) and the page envelope."""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from detente.schema import Analysis, Article, Event

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of rows: ``items``, how many match in all, and the window."""

    items: list[T]
    total: int = Field(description="rows matching the filters, over all pages")
    offset: int
    limit: int


class StoredEvent(Event):
    """A stored event (the Event record, without ``mentions``) with its
    article and the counts of the happening it belongs to."""

    article_key: str
    article_url: str | None = None
    article_publisher: str | None = None
    article_date: dt.date | None = None
    happening: str | None = Field(None, description="id of the merged happening across articles")
    num_mentions: int | None = None
    num_articles: int | None = None
    num_sources: int | None = None


class ArticleSummary(BaseModel):
    article_key: str = Field(description="the store's key: 'url:' + normalised URL, or 'text:' + text hash")
    external_id: str | None = Field(None, description="the article's own id in its source")
    date: dt.date | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    tone: float | None = None
    story: str | None = Field(None, description="key of the first article of its near-duplicate cluster")
    events: int


class StoredArticle(BaseModel):
    """A stored article: its fields, its text and its Analysis, whose
    evidence offsets index ``text`` (``text[start:end] == sentence``)."""

    article_key: str
    external_id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    language: str | None = None
    story: str | None = None
    text: str
    analysis: Analysis


class ActorSummary(BaseModel):
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    kind: str
    articles: int = Field(description="stored articles naming the actor")
    events: int = Field(description="stored events with the actor as source")


class PlaceSummary(BaseModel):
    name: str
    country: str | None = None
    kind: str
    lat: float | None = None
    lon: float | None = None
    articles: int = Field(description="stored articles naming the place")
    events: int = Field(description="stored events located there")


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the article text (plain text)")
    date: dt.date | None = Field(None, description="publication date, YYYY-MM-DD: anchors relative dates")
    title: str | None = None
    url: str | None = None


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[Article] = Field(min_length=1, max_length=1000,
                                    description="article records; server-side paths and URLs are not fetched")


class IngestResult(BaseModel):
    run_id: int
    read: int
    articles: int = Field(description="articles stored by this request")
    events: int = Field(description="events stored by this request")
    skipped: dict[str, int] = Field(description="articles not stored, by reason (already stored, ...)")
    seconds: float


class ErrorBody(BaseModel):
    code: str = Field(description="detente's error code, e.g. E600 (invalid filter)")
    message: str = Field(description="what went wrong and what to do")


class ErrorResponse(BaseModel):
    error: ErrorBody


class Measures(BaseModel):
    """Happenings by quad class, with their Goldstein sum and means (null
    where there are none)."""

    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None = None
    tone_mean: float | None = None


class Period(Measures):
    period: dt.date = Field(description="the period's first day")


class Relations(BaseModel):
    a: str
    b: str | None = None
    both: bool
    by: str
    periods: list[Period]


class Counterpart(BaseModel):
    counterpart: str = Field(description="a country (or a code at level=code)")
    name: str | None = None
    events: int
    outgoing: int
    incoming: int
    goldstein_mean: float | None = None
    conflict_share: float | None = None


class Edge(Measures):
    source: str
    target: str


class Node(BaseModel):
    node: str
    name: str | None = None
    events: int
    outgoing: int
    incoming: int
    partners: int


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class Alert(BaseModel):
    kind: str = Field(description="country or dyad")
    unit: str = Field(description="a country (USA) or a dyad (CHN-USA)")
    period: dt.date
    conflict: int = Field(description="conflict happenings (quad 3 and 4) in the period")
    baseline_mean: float | None = None
    baseline_std: float | None = None
    z: float | None = None
    goldstein_sum: float | None = None
    alert: bool
