"""Readable terminal output (rich tables) for the CLI."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from detente.schema import Analysis, Event

MODALITY_STYLE = {"asserted": "green", "future": "cyan", "negated": "red", "hypothetical": "yellow"}
QUAD_NAMES = {1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict"}


def _evidence(event: Event, before: int = 30, after: int = 45) -> Text:
    """The trigger in bold with a little of its sentence on each side."""
    ev = event.evidence
    left, right = ev.trigger_start - ev.start, ev.trigger_end - ev.start
    start, end = max(0, left - before), min(len(ev.sentence), right + after)
    text = Text(ev.sentence[start:end].replace("\n", " "))
    text.stylize("bold underline", left - start, right - start)
    if start:
        text = Text("…") + text
    if end < len(ev.sentence):
        text.append("…")
    return text


def _actor(ref) -> Text:
    if ref is None:
        return Text("—", style="dim")
    return Text.assemble((ref.code or "?", "bold"), " ", (ref.name, "dim"))


def event_table(analysis: Analysis) -> Table:
    table = Table(show_lines=True, expand=False, header_style="bold")
    for column in ("#", "source", "event", "target", "modality", "where", "conf"):
        table.add_column(column, no_wrap=column in ("#", "modality", "conf"))
    table.add_column("evidence", ratio=1, min_width=40)
    for n, event in enumerate(analysis.events, 1):
        kind = event.type + (f"/{event.mode}" if event.mode else "")
        where = event.location.name if event.location else "—"
        table.add_row(
            str(n), _actor(event.source),
            Text.assemble(kind, "\n", (f"{event.cameo} {event.goldstein:+.1f}", "dim")),
            _actor(event.target), Text(event.modality, style=MODALITY_STYLE[event.modality]),
            where, f"{event.confidence:.2f}", _evidence(event),
        )
    return table


def print_analysis(console: Console, analysis: Analysis) -> None:
    heading = analysis.title or analysis.id
    date = f" · {analysis.date}" if analysis.date else ""
    console.rule(Text(f"{heading}{date}", style="bold"))
    if analysis.events:
        console.print(event_table(analysis))
    else:
        console.print(Text("no events", style="dim"))
    actors = ", ".join(f"{a.name} ({a.code or '?'})" for a in analysis.actors if a.kind != "state")
    places = ", ".join(f"{p.name} ({p.country or '—'})" for p in analysis.places)
    console.print(Text.assemble(("actors: ", "bold"), actors or "—"))
    console.print(Text.assemble(("places: ", "bold"), places or "—"))
    console.print()


def print_scores(console: Console, report, show_errors: bool = False) -> None:
    console.print(Text(f"{report.items} gold items, {report.gold_events} gold events, "
                       f"{report.predicted_events} predicted", style="bold"))
    for title, rows in (("per field", report.fields), ("per event type", report.types)):
        table = Table(title=title, header_style="bold")
        for column in ("", "precision", "recall", "F1", "gold", "predicted"):
            table.add_column(column, justify="right" if column else "left")
        for name, score in rows.items():
            table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                          str(score.gold), str(score.predicted))
        console.print(table)
    if show_errors:
        for item in report.mismatches:
            console.print(Text(f"\n{item['id']}: {item['text']}", style="bold"))
            console.print(f"  gold:      {item['gold']}")
            console.print(f"  predicted: {item['predicted']}")


def print_ingest_summary(console: Console, summary) -> None:
    """What an ingest did: read, skipped by reason, stored, time."""
    table = Table(title=f"ingest into {summary.db} (run {summary.run_id})", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    table.add_row("read", f"{summary.read:,}")
    for reason, count in sorted(summary.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"skipped: {reason}", f"{count:,}")
    table.add_row("articles stored", f"{summary.articles:,}")
    table.add_row("events stored", f"{summary.events:,}")
    table.add_row("time", f"{summary.seconds:,.1f} s ({rate:,.1f} articles/s)")
    console.print(table)


def print_frame(console: Console, frame, title: str) -> None:
    """A query result as a table; empty results say so."""
    if frame.empty:
        console.print(f"no {title} match")
        return
    table = Table(title=f"{len(frame):,} {title}", title_justify="left")
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return ""
    if hasattr(value, "hour") and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()  # DATE columns come back as midnight timestamps
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
