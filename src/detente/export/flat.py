"""Events as stored, to CSV, Parquet or JSON lines.

One row per stored event (every report, not one per happening): all the
``events`` columns, the article's URL, publisher and date, and the
happening's counts, exactly what ``detente.query.events`` returns. Dates
are written as YYYY-MM-DD whatever the backend; JSON-list columns
(``contexts``) stay JSON text in CSV and Parquet and become lists in JSON lines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.export.happenings import blank, day

DATE_COLUMNS = ("date", "day", "article_date")
JSON_COLUMNS = ("contexts",)
COUNT_COLUMNS = ("num_mentions", "num_articles", "num_sources")


def normalise(frame):
    """The same frame from DuckDB and PostgreSQL: dates as dates, nullable
    integers as integers (DuckDB turns a nullable integer column into floats)."""
    from detente.store.tables import EVENTS

    frame = frame.copy()
    for column in DATE_COLUMNS:
        if column in frame:
            frame[column] = [day(v) for v in frame[column]]
    integers = [c.name for c in EVENTS.columns if c.kind == "int"] + list(COUNT_COLUMNS)
    for column in integers:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


def write_csv(frame, path: Path, header: bool = True) -> None:
    frame.to_csv(path, index=False, header=header, encoding="utf-8")


def write_parquet(frame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)


def write_jsonl(frame, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in frame.to_dict("records"):
            out.write(json.dumps(_json_record(record), ensure_ascii=False) + "\n")


def _json_record(record: dict[str, Any]) -> dict[str, Any]:
    result = {}
    for key, value in record.items():
        value = blank(value)
        if key in JSON_COLUMNS and isinstance(value, str):
            value = json.loads(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif hasattr(value, "item"):  # numpy scalars
            value = value.item()
        result[key] = value
    return result
