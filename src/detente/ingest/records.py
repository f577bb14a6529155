"""Records (dicts from JSONL, CSV, APIs) to validated ``Article`` objects."""

from __future__ import annotations

from pydantic import ValidationError

from detente.errors import RecordError
from detente.schema import Article


def to_article(record: Article | dict) -> Article:
    """Validate a record; unknown keys (source, category, ...) are ignored."""
    if isinstance(record, Article):
        return record
    fields = {k: v for k, v in record.items() if k in Article.model_fields}
    if fields.get("publisher") is None and isinstance(record.get("source"), str):
        fields["publisher"] = record["source"]  # archives such as the news corpus call the outlet "source"
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RecordError(f"invalid article record ({problems}); give 'text' as a string and 'date' as YYYY-MM-DD") from None
