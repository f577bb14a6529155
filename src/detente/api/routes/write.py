"""Analysis and ingest: ``POST /analyze`` (anyone, capped), ``POST /ingest`` (token)."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends

from detente.api.auth import require_token
from detente.api.context import Context, context
from detente.errors import Busy
from detente.api.models import AnalyzeRequest, ErrorResponse, IngestRequest, IngestResult
from detente.schema import Analysis

router = APIRouter(tags=["analysis"])
Ctx = Annotated[Context, Depends(context)]


@router.post("/analyze", response_model=Analysis, responses={
    413: {"model": ErrorResponse, "description": "body or text over the size limit"},
    429: {"model": ErrorResponse, "description": "every analysis slot is busy; retry after Retry-After seconds"}})
async def analyze(body: AnalyzeRequest, ctx: Ctx):
    """Analyse one text (``detente.analyze``): actors, events with their
    evidence offsets into ``text``, places, tone. Nothing is stored."""
    if not ctx.slots.acquire():
        if ctx.slots.size == 0:
            raise Busy("this server runs no analyses (started with --analyze-slots 0)")
        raise Busy(f"all {ctx.slots.size} analysis slot(s) are busy; retry in a few seconds")
    try:
        # In a thread of its own so the event loop keeps serving; anyio does
        # not abandon the thread on cancellation, so the slot is held until
        # the analysis really ends.
        return await anyio.to_thread.run_sync(_analyze, ctx, body)
    finally:
        ctx.slots.release()


def _analyze(ctx: Context, body: AnalyzeRequest) -> Analysis:
    from detente.analysis import analyze as run
    from detente.nlp import load_model

    with ctx.model_lock:  # the first request loads the model; others wait rather than load it again
        load_model(ctx.options.model)
    return run(body.text, date=body.date, title=body.title, url=body.url, options=ctx.options)


@router.post("/ingest", response_model=IngestResult, dependencies=[Depends(require_token)], responses={
    401: {"model": ErrorResponse, "description": "missing or wrong token"},
    403: {"model": ErrorResponse, "description": "read-only server (no token configured)"}})
def ingest(body: IngestRequest, ctx: Ctx):
    """Analyse and store article records (``detente.pipeline.ingest_items``),
    exactly once: articles stored already are skipped. Needs the bearer token."""
    from detente.pipeline import ingest_items

    with ctx.store.write_lock:
        ctx.cache.begin_write()  # cached answers would hide the new articles
        try:
            summary = ingest_items(body.articles, ctx.store.writer(), ["POST /ingest"], options=ctx.options)
        finally:
            ctx.cache.end_write()
    return IngestResult(run_id=summary.run_id, read=summary.read, articles=summary.articles, events=summary.events,
                        skipped=dict(summary.skipped), seconds=round(summary.seconds, 3))
