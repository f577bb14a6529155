"""Stored data: events, articles, actors, places (``detente.query``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from detente import query
from detente.api.context import Context, context
from detente.api.convert import records, unflatten
from detente.errors import NotFound
from detente.api.models import ActorSummary, ArticleSummary, Page, PlaceSummary, StoredArticle, StoredEvent
from detente.schema import Analysis

router = APIRouter(tags=["store"])

MAX_PAGE = 1000
Ctx = Annotated[Context, Depends(context)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="rows to skip")]
DATE = {"format": "date"}  # documented as a date, checked (with its message) by the library
Since = Annotated[str | None, Query(description="from this date, YYYY-MM-DD (the event's date, else the article's)",
                                    json_schema_extra=DATE)]
Until = Annotated[str | None, Query(description="up to this date, YYYY-MM-DD", json_schema_extra=DATE)]
Country = Annotated[str | None, Query(description="ISO 3166 alpha-3 country, e.g. RUS")]


def page(ctx: Context, what: str, function, offset: int, limit: int, filters: dict, **order) -> dict:
    """One page of a query function's rows and the total, from one connection."""
    with ctx.store.reader() as store:
        total = query.count(what, store, **filters)
        frame = function(store, **filters, **order, offset=offset, limit=limit)
    return {"items": records(frame), "total": total, "offset": offset, "limit": limit}


@router.get("/events", response_model=Page[StoredEvent])
def events(
    ctx: Ctx,
    source: Annotated[str | None, Query(description="source country (USA: every actor of it) or actor code (USAGOV)")] = None,
    target: Annotated[str | None, Query(description="target country or actor code")] = None,
    both: Annotated[bool, Query(description="the dyad in both directions (with source and target)")] = False,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT")] = None,
    modality: Annotated[str | None, Query(description="asserted, future, negated or hypothetical")] = None,
    since: Since = None,
    until: Until = None,
    background: Annotated[bool, Query(description="include background events (old news retold)")] = False,
    sort: Annotated[Literal["-date", "date", "-goldstein", "goldstein"], Query(
        description="order: date or goldstein, '-' for descending")] = "-date",
    offset: Offset = 0,
    limit: Limit = 100,
):
    """Stored events matching the filters (``detente.query.events``), newest first by default."""
    filters = dict(source=source, target=target, both=both, type=type, modality=modality, since=since,
                   until=until, include_background=background)
    result = page(ctx, "events", query.events, offset, limit, filters, sort=sort)
    result["items"] = [unflatten(row, StoredEvent) for row in result["items"]]
    return result


@router.get("/articles", response_model=Page[ArticleSummary])
def articles(
    ctx: Ctx,
    since: Annotated[str | None, Query(description="published from this date, YYYY-MM-DD", json_schema_extra=DATE)] = None,
    until: Annotated[str | None, Query(description="published up to this date, YYYY-MM-DD", json_schema_extra=DATE)] = None,
    publisher: Annotated[str | None, Query(description="only this publisher (case-insensitive)")] = None,
    search: Annotated[str | None, Query(description="words in the title (case-insensitive)")] = None,
    offset: Offset = 0,
    limit: Limit = 100,
):
    """Stored articles without their text, with their event counts, newest first (``detente.query.articles``)."""
    filters = dict(since=since, until=until, publisher=publisher, search=search)
    return page(ctx, "articles", query.articles, offset, limit, filters)


@router.get("/articles/{key:path}", response_model=StoredArticle, responses={404: {"description": "no such article"}})
def article(ctx: Ctx, key: str):
    """One stored article by its key (``article_key`` from /articles or /events):
    its fields, text and Analysis, whose evidence offsets index the text.
    Keys hold ':' and '/' (``url:https://example.org/a``) and go in the path as
    they are; percent-encode '?', '#' and '%' (``quote(key, safe=':/')``)."""
    with ctx.store.reader() as store:
        row = query.article(store, key)
    if row is None:
        raise NotFound(f"no stored article has the key {key!r}; keys are listed by /articles (article_key)")
    return {**row, "analysis": Analysis.model_validate_json(row["analysis"])}


@router.get("/actors", response_model=Page[ActorSummary])
def actors(
    ctx: Ctx,
    country: Country = None,
    code: Annotated[str | None, Query(description="actor code, e.g. USAGOV")] = None,
    kind: Annotated[str | None, Query(description="person, office, state, organisation or group")] = None,
    offset: Offset = 0,
    limit: Limit = 100,
):
    """Actors across stored articles, most often named first (``detente.query.actors``)."""
    return page(ctx, "actors", query.actors, offset, limit, dict(country=country, code=code, kind=kind))


@router.get("/places", response_model=Page[PlaceSummary])
def places(
    ctx: Ctx,
    country: Country = None,
    kind: Annotated[str | None, Query(description="country, region, city or other")] = None,
    offset: Offset = 0,
    limit: Limit = 100,
):
    """Places across stored articles with their coordinates, most events first (``detente.query.places``)."""
    return page(ctx, "places", query.places, offset, limit, dict(country=country, kind=kind))
