"""DataFrames from the library to the API's records.

The store keeps records flattened (``source_code``, ``evidence_start``) and
lists as JSON text (``store/tables.py``); ``unflatten`` is the inverse of
``store.rows.values``, so a stored event comes back as the ``Event`` it was.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from pydantic import BaseModel

from detente.store.tables import column_kind


def records(frame) -> list[dict[str, Any]]:
    """Rows as plain Python values: None for NULL and NaN, dates for DATE."""
    if frame.empty:
        return []
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return [{name: plain(value) for name, value in row.items()} for row in rows]


def plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if isinstance(value, dt.datetime):
        value = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
        # DuckDB gives DATE columns back to pandas as midnight timestamps.
        return value.date() if value.time() == dt.time() else value
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()  # a numpy scalar
    return value


def unflatten(values: dict[str, Any], model: type[BaseModel], prefix: str = "") -> dict[str, Any] | None:
    """A record's fields from its flattened columns; None for an optional
    nested record whose columns are all NULL (no target, no location)."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind = column_kind(info.annotation)
        if isinstance(kind, type):
            nested = unflatten(values, kind, f"{prefix}{name}_")
            if nested is not None or info.is_required():
                fields[name] = nested or {}
            continue
        if prefix + name not in values:
            continue  # kept in another table (an event's mentions)
        value = values[prefix + name]
        fields[name] = json.loads(value) if kind == "json" and isinstance(value, str) else value
    if prefix and all(v is None for v in fields.values()):
        return None
    return fields
