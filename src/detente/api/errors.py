"""Errors as JSON: ``{"error": {"code": "E600", "message": "..."}}``.

Every ``DetenteError`` keeps its code and message (the CLI prints the same
text); the HTTP status says whose fault it is. The API's own refusals are
``DetenteError``s too (codes E80x, defined in detente.errors with the
others), so one handler writes them all.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from detente.errors import (ApiError, Busy, DataFileError, DetenteError, InputTooLargeError, InvalidRequest,
                            ModelNotFoundError, NotFound, StoreError, Unauthorized)

log = logging.getLogger("detente.api")


# Library errors by class, most specific first: the caller's input is 4xx,
# a store or model the server cannot use is 503.
STATUS: tuple[tuple[type[DetenteError], int], ...] = (
    (InputTooLargeError, 413), (StoreError, 503), (ModelNotFoundError, 503), (DataFileError, 503),
    (DetenteError, 400),
)
HEADERS = {Unauthorized: {"WWW-Authenticate": "Bearer"}}


def status_of(error: DetenteError) -> int:
    if isinstance(error, ApiError):
        return error.status
    return next(status for kind, status in STATUS if isinstance(error, kind))


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def detente_error(request: Request, error: DetenteError) -> JSONResponse:
    headers = dict(HEADERS.get(type(error), {}))
    if isinstance(error, Busy):
        headers["Retry-After"] = "2"
    return error_response(status_of(error), error.code, error.message, headers or None)


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = "; ".join(_problem(e) for e in error.errors()[:5])
    return error_response(422, InvalidRequest.code, f"invalid request: {problems}; see /docs for the parameters")


def _problem(error: dict) -> str:
    where, *path = [str(p) for p in error.get("loc", ())] or ["request"]
    name = ".".join(path)
    place = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(where, where)
    if where == "body" and not path:
        return f"body: {error.get('msg', 'invalid')}"
    return f"{place} {name!r}: {error.get('msg', 'invalid')}"


async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    if error.status_code == 404:
        return error_response(404, NotFound.code, f"no such endpoint: {request.method} {request.url.path}; "
                              "see /docs for the endpoints")
    if error.status_code == 405:
        return error_response(405, "E807", f"{request.method} is not allowed on {request.url.path}; see /docs",
                              dict(error.headers or {}))
    return error_response(error.status_code, ApiError.code, str(error.detail), dict(error.headers or {}))


async def database_error(request: Request, error: Exception) -> JSONResponse:
    """A driver error escaping the library (a lock, a lost connection): the
    store is the problem, not the request."""
    log.warning("store error on %s %s: %s", request.method, request.url.path, error)
    return error_response(503, StoreError.code, "the store could not answer this request "
                          f"({type(error).__name__}); retry, and check the server log if it persists")


async def internal_error(request: Request, error: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(500, "E899", "internal error; this is a bug in detente, the server log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(DetenteError, detente_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    for kind in _driver_errors():
        app.add_exception_handler(kind, database_error)
    app.add_exception_handler(Exception, internal_error)


def _driver_errors() -> list[type[Exception]]:
    import duckdb
    import psycopg

    return [duckdb.Error, psycopg.Error]
