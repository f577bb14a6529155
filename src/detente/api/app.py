"""The FastAPI application: routes, error handlers, limits, static files."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

from detente.analysis import Options
from detente.api import errors
from detente.api.cache import CacheMiddleware, ResponseCache
from detente.api.context import Context, Slots, StoreAccess
from detente.api.limits import BodyLimit
from detente.api.models import ErrorResponse
from detente.api.routes import analytics, store, write
from detente.store.backends import is_postgres

STATIC = Path(__file__).parent / "static"
MAX_BODY = 8_000_000
ANALYZE_SLOTS = 2
DESCRIPTION = """News in, political event data out: the events, articles, actors and places in a
detente store, analytics over them, and analysis of new text. Errors are JSON,
`{"error": {"code": "E600", "message": "..."}}`. Writes (`POST /ingest`) need
`Authorization: Bearer <token>` and are off unless the server has a token. See docs/api.md."""


def create_app(db: str | None = None, *, token: str | None = None, max_body: int = MAX_BODY,
               analyze_slots: int = ANALYZE_SLOTS, options: Options | None = None) -> FastAPI:
    """The API over the store at ``db`` (DuckDB path or postgresql:// URL;
    default ``$DETENTE_DB`` or ./detente.duckdb). ``token`` enables writes;
    ``max_body`` caps request bodies in bytes; ``analyze_slots`` caps
    concurrent analyses (0: POST /analyze always answers 429)."""
    from detente import __version__

    access = StoreAccess(db)
    ctx = Context(store=access, token=token or None, max_body=max_body, slots=Slots(analyze_slots),
                  options=options or Options(), cache=ResponseCache(enabled=not is_postgres(access.location)))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        ctx.store.close()

    app = FastAPI(title="detente", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  responses={400: {"model": ErrorResponse, "description": "invalid filter or input"},
                             422: {"model": ErrorResponse, "description": "invalid request"}})
    app.state.detente = ctx
    errors.install(app)
    for module in (store, analytics, write):
        app.include_router(module.router)
    _static(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(CacheMiddleware, cache=ctx.cache)  # outermost: a cached answer skips everything else
    return app


def _static(app: FastAPI) -> None:
    """The dashboard, when it is installed: / is its index.html, /static its files."""
    if not (STATIC / "index.html").is_file():
        return
    from fastapi.staticfiles import StaticFiles

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")
