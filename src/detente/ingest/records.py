"""Records (dicts from JSONL, CSV, Parquet, APIs) to validated ``Article`` objects."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import ValidationError

from detente.errors import RecordError
from detente.schema import Article

_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")


def to_article(record: Article | dict, where: str | None = None) -> Article:
    """Validate a record; unknown keys (source, category, ...) are ignored.
    ``where`` (e.g. "news.csv row 3") starts the error message."""
    if isinstance(record, Article):
        return record
    fields = {k: v for k, v in record.items() if k in Article.model_fields}
    if fields.get("publisher") is None and isinstance(record.get("source"), str):
        fields["publisher"] = record["source"]  # archives such as the news corpus call the outlet "source"
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RecordError(f"{f'{where}: ' if where else ''}invalid article record ({problems}); "
                          "give 'text' as a string and 'date' as YYYY-MM-DD") from None


def cut_to_day(value):
    """A timestamp cut to its date: archives date articles to the second
    ("2024-04-25T10:00:00Z", a datetime), an Article to the day; any other
    value is left for ``to_article`` to accept or refuse."""
    if isinstance(value, dt.datetime):
        return value.date()
    stamp = _TIMESTAMP.match(value) if isinstance(value, str) else None
    return stamp.group(1) if stamp else value
