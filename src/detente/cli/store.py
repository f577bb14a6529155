"""Store commands: ingest, watch, events, articles, actors, export.

Each is a thin wrapper over the library function of the same name
(``detente.pipeline.ingest``, ``detente.query.events``, ...).
"""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from detente.cli import app, err, fail
from detente.errors import DetenteError

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB file or postgresql:// URL [default: $DETENTE_DB or ./detente.duckdb].")]
LimitOpt = Annotated[int | None, typer.Option(help="At most this many rows [default: 50 for tables, all otherwise].")]
SinceOpt = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]
# Skips that are the point of exactly-once ingest or of the language rule,
# not failures: they do not make the exit code non-zero.
EXPECTED_SKIPS = ("already stored", "repeated in input", "language: ")


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _options(actors, model, batch_size, max_chars, location_fallback):
    from detente.analysis import Options

    options = Options(actors=tuple(str(a) for a in actors or ()), model=model, batch_size=batch_size,
                      max_chars=max_chars, location_fallback=location_fallback)
    try:
        options.dictionary()
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)
    return options


def parse_fields(spec: str | None) -> dict[str, str] | None:
    if not spec:
        return None
    from detente.ingest.csvfile import parse_fields as parse

    try:
        return parse(spec)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs (pages or feeds), or '-' for stdin.")],
    db: DbOpt = None,
    fields: Annotated[str | None, typer.Option(help="CSV/Parquet column or JSONL key mapping, e.g. 'text=body,date=published'.")] = None,
    encoding: Annotated[str | None, typer.Option(help="Force the input encoding (e.g. latin-1).")] = None,
    fetch: Annotated[bool, typer.Option("--fetch/--no-fetch", help="Fetch the linked page of feed items that carry only a summary.")] = True,
    commit_every: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
    workers: Annotated[int, typer.Option(min=1, help="Analyse in this many processes (each loads the model once); one writer stores. With --engine ray: the number of Ray actors.")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine (--workers processes); ray: a Ray Data pipeline (pip install detente[ray], docs/scale.md).")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster to run on: 'auto' or ray://host:10001 [default: start a local Ray instance]. --engine ray only.")] = None,
    parquet: Annotated[Path | None, typer.Option(help="Also write the stored articles with their analyses as Parquet parts under this folder (run=<id>/part-NNNNN.parquet). --engine ray only.")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary TSV file (repeatable).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 16,
    max_chars: Annotated[int, typer.Option(help="Largest article accepted, in characters.")] = 1_000_000,
    location_fallback: Annotated[bool, typer.Option("--location-fallback", help="Give events whose sentence names no place the dateline's or the article's main place.")] = False,
) -> None:
    """Analyse articles and store them; articles stored already are skipped."""
    from detente import pipeline

    options = _options(actors, model, batch_size, max_chars, location_fallback)
    runner = _engine(engine, workers, address, parquet)
    with _progress("ingesting") as report:
        try:
            summary = pipeline.ingest(sources, db=db, options=options, fields=parse_fields(fields),
                                      encoding=encoding, fetch=fetch, progress=report, commit_every=commit_every,
                                      engine=runner)
        except DetenteError as exc:
            fail(exc.message, exc.exit_code)
    _print_summary(summary)
    failed = {r: n for r, n in summary.skipped.items() if not r.startswith(EXPECTED_SKIPS)}
    if failed:
        raise typer.Exit(1)


def _engine(engine: Engine, workers: int, address: str | None, parquet: Path | None):
    if engine is Engine.ray:
        from detente.scale.ray import Ray

        return Ray(address=address, workers=workers, parquet=str(parquet) if parquet else None)
    if address or parquet:
        fail("--address and --parquet need --engine ray; give --engine ray, or leave them out", 2)
    from detente.scale import engine_for

    return engine_for(workers)


class _progress:
    """A progress bar on a terminal; one line per committed batch otherwise
    (logs of scheduled runs)."""

    def __init__(self, label: str):
        self.label, self.bar, self.task = label, None, None

    def __enter__(self):
        if err.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                console=err, transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.label)
        return self.report

    def report(self, summary) -> None:
        line = (f"{self.label}: {summary.read:,} read, {summary.articles:,} articles and {summary.events:,} "
                f"events stored, {summary.skipped_total:,} skipped")
        if self.bar is not None:
            self.bar.update(self.task, description=line)
        else:
            err.print(line, highlight=False, soft_wrap=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_summary(summary) -> None:
    from detente.render import print_ingest_summary

    print_ingest_summary(Console(highlight=False), summary)


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs or files to poll.")],
    every: Annotated[str, typer.Option(help="Time between polls: 30s, 15m, 2h.")] = "15m",
    db: DbOpt = None,
    polls: Annotated[int | None, typer.Option(help="Stop after this many polls [default: never].")] = None,
    fetch: Annotated[bool, typer.Option("--fetch/--no-fetch", help="Fetch the linked page of items that carry only a summary.")] = True,
) -> None:
    """Poll feeds and ingest their new items; remembers what it has seen across restarts."""
    from detente.watch import parse_interval, poll

    try:
        seconds = parse_interval(every)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)
    done = 0
    while polls is None or done < polls:
        try:
            summary = poll(feeds, db=db, fetch=fetch)
        except DetenteError as exc:
            fail(exc.message, exc.exit_code)
        err.print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} polled {len(feeds)} feed(s): {summary.read} new item(s), "
                  f"{summary.articles} stored, {summary.events} events, {summary.skipped_total} skipped",
                  highlight=False)
        done += 1
        if polls is None or done < polls:
            time.sleep(seconds)


def _show(frame, fmt: Format, columns: list[str], title: str) -> None:
    if fmt is Format.csv:
        frame.to_csv(sys.stdout, index=False)
    elif fmt is Format.json:
        for record in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
            sys.stdout.write(json.dumps(record, default=_json_value, ensure_ascii=False) + "\n")
    else:
        from detente.render import print_frame

        out = Console(highlight=False)
        if not out.is_terminal:
            out = Console(highlight=False, width=200)
        print_frame(out, frame[[c for c in columns if c in frame.columns]], title)


def _json_value(value):
    """Dates as YYYY-MM-DD (DuckDB's DATE comes back as a midnight timestamp)."""
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour") and (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    return str(value)


def _query(function, fmt: Format, limit: int | None, **filters):
    if limit is None and fmt is Format.table:
        limit = 50
    try:
        return function(limit=limit, **filters)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)


EVENT_COLUMNS = ["date", "source_code", "source_name", "type", "mode", "target_code", "target_name", "modality",
                 "location_name", "evidence_trigger", "num_articles"]


@app.command()
def events(
    db: DbOpt = None,
    source: Annotated[str | None, typer.Option(help="Source country (USA) or actor code (USAGOV).")] = None,
    target: Annotated[str | None, typer.Option(help="Target country or actor code.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, future, negated or hypothetical.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    both: Annotated[bool, typer.Option("--both", help="The dyad in both directions.")] = False,
    background: Annotated[bool, typer.Option("--background", help="Include background events (old news retold).")] = False,
    limit: LimitOpt = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Stored events, newest first."""
    from detente import query

    frame = _query(query.events, format, limit, db=db, source=source, target=target, type=type, modality=modality,
                   since=since, until=until, both=both, include_background=background)
    _show(frame, format, EVENT_COLUMNS, "events")


@app.command()
def articles(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    publisher: Annotated[str | None, typer.Option(help="Only this publisher (case-insensitive).")] = None,
    search: Annotated[str | None, typer.Option(help="Words in the title.")] = None,
    limit: LimitOpt = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Stored articles with their event counts, newest first."""
    from detente import query

    frame = _query(query.articles, format, limit, db=db, since=since, until=until, publisher=publisher, search=search)
    _show(frame, format, ["date", "publisher", "title", "events", "tone", "url"], "articles")


@app.command()
def actors(
    db: DbOpt = None,
    country: Annotated[str | None, typer.Option(help="Only actors of this country (USA).")] = None,
    code: Annotated[str | None, typer.Option(help="Only this actor code (USAGOV).")] = None,
    kind: Annotated[str | None, typer.Option(help="person, office, state, organisation or group.")] = None,
    limit: LimitOpt = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Actors across stored articles, most often named first."""
    from detente import query

    frame = _query(query.actors, format, limit, db=db, country=country, code=code, kind=kind)
    _show(frame, format, ["name", "code", "kind", "articles", "events"], "actors")


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    gdelt = "gdelt"
    polecat = "polecat"


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="File to write.")],
    format: Annotated[ExportFormat, typer.Option("--format", help="csv, parquet, jsonl (stored events); gdelt (GDELT 2.0 Events, 61 columns, one row per happening); polecat.")] = ExportFormat.csv,
    db: DbOpt = None,
    source: Annotated[str | None, typer.Option(help="Source country (USA) or actor code (USAGOV).")] = None,
    target: Annotated[str | None, typer.Option(help="Target country or actor code.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, future, negated, hypothetical or all [default: all for csv/parquet/jsonl, asserted for gdelt/polecat].")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    background: Annotated[bool, typer.Option("--background", help="Include background events (old news retold).")] = False,
    header: Annotated[bool | None, typer.Option("--header/--no-header", help="Write a header row [default: yes, except gdelt].")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace OUT if it exists.")] = False,
) -> None:
    """Write stored events to a file in an analysts' format."""
    from detente.export import export as run_export

    try:
        summary = run_export(db, format.value, out, source=source, target=target, type=type, since=since,
                             until=until, modality=modality, include_background=background, header=header,
                             overwrite=overwrite)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)
    err.print(f"wrote {summary.rows:,} {summary.format} rows to {summary.path}", highlight=False)
