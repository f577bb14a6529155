"""``detente serve``: the REST API (docs/api.md) under uvicorn."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from detente.cli import app, err, fail
from detente.cli.store import DbOpt
from detente.errors import DetenteError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token_file: Annotated[Path | None, typer.Option("--token-file", help="File whose first line is the write token \\[default: $DETENTE_API_TOKEN; without either the server is read-only].")] = None,
    max_body: Annotated[int, typer.Option(min=1, help="Largest request body, in bytes.")] = 8_000_000,
    analyze_slots: Annotated[int, typer.Option(min=0, help="Analyses run at once by POST /analyze; more get 429.")] = 2,
    max_chars: Annotated[int | None, typer.Option(help="Largest text POST /analyze and /ingest accept, in characters \\[default: $DETENTE_MAX_CHARS or 1,000,000].")] = None,
) -> None:
    """Serve the store over HTTP: events, articles, actors, places, analytics, analysis (docs/api.md)."""
    import uvicorn

    from detente.analysis import Options
    from detente.api import create_app
    from detente.api.auth import load_token

    try:
        token = load_token(token_file)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)
    if not is_loopback(host):
        err.print(f"[bold yellow]warning:[/] listening on {host}: other machines can reach this server"
                  "; put it behind TLS (a reverse proxy) before exposing it", highlight=False)
    err.print(f"detente API on http://{host}:{port} ({'writes need the token' if token else 'read-only'}); "
              f"docs at /docs", highlight=False)
    api = create_app(db, token=token, max_body=max_body, analyze_slots=analyze_slots,
                     options=Options(max_chars=max_chars))
    uvicorn.run(api, host=host, port=port, log_level="info", server_header=False)
