"""The ``detente`` command: thin wrappers over the library.

Library errors (``detente.errors``) become one-line messages on stderr and a
non-zero exit code; everything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from detente.errors import DetenteError

app = typer.Typer(
    help="detente: turn news articles into political event data.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


class Failures:
    """Counts inputs that failed while the others go on."""

    def __init__(self) -> None:
        self.count = 0
        self.exit_code = 0

    def report(self, where: str, error: DetenteError) -> None:
        self.count += 1
        self.exit_code = max(self.exit_code, error.exit_code)
        message = error.message if error.message.startswith(where) else f"{where}: {error.message}"
        err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True, highlight=False)


def _checked_articles(items: Iterable, failures: Failures, max_chars: int) -> Iterator:
    from detente.analysis import check_article
    from detente.ingest.sources import RecordFailure

    for item in items:
        if isinstance(item, RecordFailure):
            failures.report(item.where, item.error)
            continue
        try:
            yield check_article(item, max_chars)
        except DetenteError as exc:
            failures.report(item.id or "article", exc)


DateOpt = Annotated[dt.datetime | None, typer.Option("--date", formats=["%Y-%m-%d"], help="Publication date (YYYY-MM-DD) for text input.")]


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Text files or folders; '-' reads stdin.")] = None,
    jsonl: Annotated[str | None, typer.Option("--jsonl", help="Read one article per line (id, text, date, title, url); '-' for stdin.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Analysis as JSON (one object per line).")] = False,
    as_table: Annotated[bool, typer.Option("--table", help="Print readable tables (the default for files).")] = False,
    date: DateOpt = None,
    title: Annotated[str | None, typer.Option(help="Title for text input.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for text input.")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary TSV file (repeatable).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 16,
    encoding: Annotated[str | None, typer.Option(help="Force the input encoding (e.g. latin-1).")] = None,
    max_chars: Annotated[int, typer.Option(help="Largest article accepted, in characters.")] = 1_000_000,
    location_fallback: Annotated[bool, typer.Option("--location-fallback", help="Give events whose sentence names no place the dateline's or the article's main place.")] = False,
) -> None:
    """Extract actors, events and places from articles."""
    from detente.analysis import Options

    if not paths and not jsonl:
        fail("give a PATH (file, folder or '-') or --jsonl FILE; see `detente extract --help`", 2)
    options = Options(actors=tuple(str(a) for a in actors or ()), model=model, batch_size=batch_size,
                      max_chars=max_chars, location_fallback=location_fallback)
    _check_actor_files(options)
    failures = Failures()
    items = _read_inputs(paths or [], jsonl, encoding, date, title, url)
    table_output = as_table or (not as_json and not jsonl)
    try:
        _run_extract(_checked_articles(items, failures, max_chars), options, table_output, bool(jsonl))
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)
    if failures.count:
        err.print(f"{failures.count} input(s) failed; the others were processed.")
        raise typer.Exit(failures.exit_code)


def _check_actor_files(options) -> None:
    try:
        options.dictionary()
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)


def _read_inputs(paths, jsonl, encoding, date, title, url) -> Iterator:
    from detente.ingest.sources import read_jsonl, read_paths

    fields = {"date": date.date() if date else None, "title": title, "url": url}
    try:
        if jsonl:
            yield from read_jsonl(jsonl, encoding)
        yield from read_paths(paths, encoding, **fields)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)


def _run_extract(articles: Iterator, options, table_output: bool, progress: bool) -> None:
    from detente.analysis import analyze_many
    from detente.render import print_analysis

    out = Console(highlight=False)
    if not out.is_terminal:
        out = Console(highlight=False, width=160)
    results = analyze_many(articles, options=options)
    if progress:
        results = _with_progress(results)
    for analysis in results:
        if table_output:
            print_analysis(out, analysis)
        else:
            sys.stdout.write(analysis.model_dump_json() + "\n")
            sys.stdout.flush()


def _with_progress(results: Iterator) -> Iterator:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("articles", total=None)
        for analysis in results:
            bar.advance(task)
            yield analysis


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (see docs/data-formats.md).")] = Path("tests/gold/gold.jsonl"),
    baseline: Annotated[Path | None, typer.Option(help="Baseline scores JSON; exit 1 if any score drops below it.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Write the current scores as the new baseline.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List the items whose events differ from the gold.")] = False,
) -> None:
    """Score extraction against a gold file: precision, recall and F1 per field and type."""
    from detente.evaluation import check_baseline, evaluate_file, write_scores
    from detente.render import print_scores

    try:
        report = evaluate_file(gold)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)
    out = Console(highlight=False)
    print_scores(out, report, show_errors=errors)
    if write_baseline:
        write_scores(report, write_baseline)
    if baseline:
        drops = check_baseline(report, baseline)
        for drop in drops:
            err.print(f"[bold red]below baseline:[/] {drop}")
        if drops:
            raise typer.Exit(1)


def main() -> None:
    app(prog_name="detente")


# The store commands register themselves on ``app`` (imported last: they
# import ``app`` from here).
from detente.cli import store as _store_commands  # noqa: E402,F401
from detente.cli import analytics as _analytics_commands  # noqa: E402,F401
from detente.cli import serve as _serve_command  # noqa: E402,F401
