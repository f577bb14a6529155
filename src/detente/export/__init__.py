"""Export the store: flat event tables and GDELT / POLECAT-compatible files.

    export(None, "gdelt", "events.tsv", source="USA", since="2024-01-01")

``csv``, ``parquet`` and ``jsonl`` write every stored event (one row per
report) as ``detente events`` returns them; ``gdelt`` and ``polecat`` write
one row per happening in those datasets' column layouts. Filters are
checked exactly as ``detente.query`` checks them. The file is written to a
temporary name beside ``out`` and renamed when complete, so a failed export
never leaves half a file. Formats and column mappings: docs/export.md.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from detente.errors import ExportError

__all__ = ["export", "ExportSummary", "FORMATS"]

FORMATS = ("csv", "parquet", "jsonl", "gdelt", "polecat")
# GDELT and POLECAT hold events that happened: by default only asserted
# reports go there (modality="all" takes every one); flat tables keep all.
EVENT_DATA_MODALITY = "asserted"


@dataclass(frozen=True)
class ExportSummary:
    rows: int
    path: Path
    format: str


def export(db: str | None, fmt: str, out: str | Path, *, source: str | None = None, target: str | None = None,
           type: str | None = None, since: str | dt.date | None = None, until: str | dt.date | None = None,
           modality: str | None = None, include_background: bool = False, header: bool | None = None,
           overwrite: bool = False) -> ExportSummary:
    """Write the stored events matching the filters to ``out`` in ``fmt``.

    ``modality``: one of asserted, future, negated, hypothetical, or "all";
    by default all for csv/parquet/jsonl and asserted for gdelt/polecat.
    ``header``: write a header row (default: yes, except gdelt, whose files
    have none). Raises ExportError (bad format or path, nothing to export)
    or QueryError (a bad filter)."""
    fmt = check_format(fmt)
    path = check_out(out, overwrite)
    filters = dict(source=source, target=target, type=type, since=since, until=until, modality=modality,
                   include_background=include_background)
    if fmt in ("gdelt", "polecat"):
        rows = _export_happenings(db, fmt, path, filters, header)
    else:
        rows = _export_flat(db, fmt, path, filters, header)
    return ExportSummary(rows=rows, path=path, format=fmt)


def check_format(fmt: str) -> str:
    name = (fmt or "").strip().lower()
    if name not in FORMATS:
        raise ExportError(f"--format {fmt!r} is not an export format; use one of {', '.join(FORMATS)}")
    return name


def check_out(out: str | Path, overwrite: bool) -> Path:
    """The output path, checked before any work is done."""
    path = Path(out).expanduser()
    if str(out) in ("", "-"):
        raise ExportError("give an output file name (exports are written to a file, not to stdout)")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name inside it, e.g. {path / 'events.tsv'}")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: no such folder; create it first (mkdir -p {path.parent}) "
                          "or write somewhere else")
    if path.exists() and not overwrite:
        raise ExportError(f"{path} exists; remove it, choose another name, or pass --overwrite")
    return path


def _export_happenings(db, fmt: str, path: Path, filters: dict, header: bool | None) -> int:
    from detente.export import gdelt, polecat
    from detente.export.happenings import build_where, happening_rows
    from detente.store import open_store

    where = build_where(**filters, default_modality=EVENT_DATA_MODALITY)
    with open_store(db) as store:
        rows = happening_rows(store, where)
        _check_found(len(rows), store.location, filters)
        if fmt == "polecat":
            stories = polecat.story_lists(store, sorted({r["article_key"] for r in rows}))
    if fmt == "gdelt":
        return _atomically(path, lambda tmp: _write_text(tmp, lambda out: gdelt.write(rows, out, bool(header))))
    with_header = True if header is None else header
    return _atomically(path, lambda tmp: _write_text(tmp, lambda out: polecat.write(rows, stories, out, with_header)))


def _export_flat(db, fmt: str, path: Path, filters: dict, header: bool | None) -> int:
    from detente import query
    from detente.export import flat

    frame = query.events(db, **filters)
    if len(frame) >= query.MAX_LIMIT:
        raise ExportError(f"more than {query.MAX_LIMIT:,} events match; export them in parts with since/until")
    _check_found(len(frame), db, filters)
    frame = flat.normalise(frame)
    writers: dict[str, Callable[[Path], None]] = {
        "csv": lambda tmp: flat.write_csv(frame, tmp, True if header is None else header),
        "parquet": lambda tmp: flat.write_parquet(frame, tmp),
        "jsonl": lambda tmp: flat.write_jsonl(frame, tmp),
    }
    _atomically(path, writers[fmt])
    return len(frame)


def _check_found(count: int, location: str | None, filters: dict) -> None:
    if count:
        return
    given = ", ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, False))
    where = location or "the default store"
    if given:
        raise ExportError(f"no events in {where} match {given}; widen the filters "
                          "(detente events shows what is stored)")
    raise ExportError(f"{where} holds no events to export; ingest articles first (detente ingest FILE)")


def _write_text(path: Path, write: Callable[[TextIO], int]) -> int:
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write(out)


def _atomically(path: Path, write: Callable[[Path], object]):
    """Write to a temporary file beside ``path``, then rename it into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        result = write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the export ({exc.strerror or exc}); "
                          "check the folder's permissions and free space") from None
    finally:
        tmp.unlink(missing_ok=True)
    return result
