"""Records (dicts from JSONL, CSV, APIs) to validated ``Article`` objects."""

from __future__ import annotations

from pydantic import ValidationError

from detente.errors import RecordError
from detente.schema import Article


def to_article(record: Article | dict) -> Article:
    """Validate a record; unknown keys (source, category, ...) are ignored."""
    if isinstance(record, Article):
        return record
    try:
        return Article.model_validate({k: v for k, v in record.items() if k in Article.model_fields})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RecordError(f"invalid article record ({problems}); give 'text' as a string and 'date' as YYYY-MM-DD") from None
