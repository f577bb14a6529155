"""Analytics commands: relations, counterparts, network, alerts.

Thin wrappers over ``detente.analytics`` (docs/analytics.md); the library
computes, these print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from detente.cli import app, err, fail
from detente.cli.store import DbOpt, Format, SinceOpt, UntilOpt, _show
from detente.errors import DetenteError

ByOpt = Annotated[str, typer.Option("--by", help="Period: day, week or month.")]
ModalityOpt = Annotated[str, typer.Option(help="asserted, future, negated, hypothetical or all.")]
LevelOpt = Annotated[str, typer.Option(help="Nodes are countries (country) or actor codes (code).")]
DomesticOpt = Annotated[bool, typer.Option("--domestic", help="Include happenings inside one country.")]
SPARKS = (("events", "happenings"), ("conflict", "conflict (quad 3+4)"), ("goldstein_sum", "Goldstein sum"))


def _run(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except DetenteError as exc:
        fail(exc.message, exc.exit_code)


def _console() -> Console:
    out = Console(highlight=False)
    return out if out.is_terminal else Console(highlight=False, width=200)


@app.command()
def relations(
    a: Annotated[str, typer.Argument(help="Actor: a country (USA) or a code (USAGOV).")],
    b: Annotated[str | None, typer.Argument(help="Second actor; without it, A as source or target.")] = None,
    both: Annotated[bool, typer.Option("--both", help="Both directions (A -> B and B -> A).")] = False,
    by: ByOpt = "week",
    since: SinceOpt = None,
    until: UntilOpt = None,
    modality: ModalityOpt = "asserted",
    plot: Annotated[Path | None, typer.Option("--plot", help="Also write a PNG chart to this file.")] = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    db: DbOpt = None,
) -> None:
    """Happenings between A and B (or involving A) per day, week or month, by quad class."""
    from detente.analytics.plot import plot_relations
    from detente.analytics.relations import relations as run

    frame = _run(run, db, a, b, both=both, by=by, since=since, until=until, modality=modality)
    title = _title(a.upper(), b.upper() if b else None, both, by)
    if plot is not None:
        written = _run(plot_relations, frame, plot, title)
        err.print(f"wrote {written}", highlight=False)
    if format is Format.table:
        _relations_table(frame, title)
    else:
        _show(frame, format, list(frame.columns), "periods")


def _title(a: str, b: str | None, both: bool, by: str) -> str:
    if not b:
        return f"{a} as source or target, by {by}"
    return f"{a} {'<->' if both else '->'} {b}, by {by}"


def _relations_table(frame, title: str) -> None:
    from rich.table import Table

    from detente.analytics.plot import sparkline

    out = _console()
    if frame.empty:
        out.print(f"no happenings match ({title})")
        return
    conflict = frame["verbal_conflict"] + frame["material_conflict"]
    captions = {"events": frame["events"], "conflict": conflict, "goldstein_sum": frame["goldstein_sum"]}
    caption = "\n".join(f"{label:<21}{sparkline(captions[key])}" for key, label in SPARKS)
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    headers = ("period", "events", "v.coop", "m.coop", "v.conf", "m.conf", "goldstein", "mean", "tone", "trend")
    for header in headers:
        table.add_column(header, justify="left" if header == "period" else "right")
    marks = sparkline(frame["goldstein_sum"])
    for row, mark in zip(frame.itertuples(index=False), marks):
        table.add_row(row.period.date().isoformat(), str(row.events), str(row.verbal_coop), str(row.material_coop),
                      str(row.verbal_conflict), str(row.material_conflict), f"{row.goldstein_sum:.1f}",
                      _number(row.goldstein_mean), _number(row.tone_mean), mark)
    out.print(table)


def _number(value: float) -> str:
    return "" if value != value else f"{value:.1f}"  # NaN: a period without happenings


@app.command()
def counterparts(
    actor: Annotated[str, typer.Argument(help="A country (USA) or a code (USAGOV).")],
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = "country",
    modality: ModalityOpt = "asserted",
    domestic: DomesticOpt = False,
    limit: Annotated[int, typer.Option(help="At most this many counterparts.")] = 10,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    db: DbOpt = None,
) -> None:
    """Whom an actor deals with most: happenings, direction, Goldstein mean, conflict share."""
    from detente.analytics.relations import counterparts as run

    frame = _run(run, db, actor, since=since, until=until, level=level, modality=modality, domestic=domestic,
                 limit=limit)
    _show(frame, format, list(frame.columns), f"counterparts of {actor.upper()}")


@app.command()
def network(
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = "country",
    min_events: Annotated[int, typer.Option(help="Edges with at least this many happenings.")] = 1,
    modality: ModalityOpt = "asserted",
    domestic: DomesticOpt = False,
    limit: Annotated[int, typer.Option(help="At most this many edges, heaviest first.")] = 50,
    nodes: Annotated[bool, typer.Option("--nodes", help="List the nodes instead of the edges.")] = False,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    db: DbOpt = None,
) -> None:
    """The actor network: directed edges weighted by happenings (or its nodes)."""
    from detente.analytics.network import network as run

    result = _run(run, db, since=since, until=until, level=level, min_events=min_events, modality=modality,
                  domestic=domestic, limit=limit)
    frame = result.nodes if nodes else result.edges
    _show(frame, format, list(frame.columns), "nodes" if nodes else "edges")


@app.command()
def alerts(
    by: ByOpt = "week",
    window: Annotated[int, typer.Option(help="Baseline: this many periods before the latest.")] = 8,
    threshold: Annotated[float, typer.Option(help="Alert at this z-score or above.")] = 3.0,
    min_events: Annotated[int, typer.Option(help="Alert only with at least this many conflict happenings.")] = 3,
    min_std: Annotated[float, typer.Option(help="Floor on the baseline's standard deviation.")] = 1.0,
    until: Annotated[str | None, typer.Option(help="Test the period holding this date [default: the latest stored].")] = None,
    modality: ModalityOpt = "asserted",
    everything: Annotated[bool, typer.Option("--all", help="Every country and dyad with its z, not only alerts.")] = False,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    db: DbOpt = None,
) -> None:
    """Countries and dyads whose conflict rises beyond their own recent baseline."""
    from detente.analytics.alerts import alerts as run

    frame = _run(run, db, by=by, window=window, threshold=threshold, min_events=min_events, min_std=min_std,
                 until=until, modality=modality, everything=everything)
    _show(frame, format, list(frame.columns), "alerts" if not everything else "countries and dyads")
