"""Read Apache Parquet files as articles, one per row, with a field mapping.

Columns map to ``Article`` fields as a CSV header does (``csvfile.column_map``):
a column named like a field (id, text, title, date, url, publisher, author,
language) is read as that field, ``fields`` maps others (``{"text": "body"}``,
CLI ``--fields text=body``), and a mapped column the file lacks, or no text
column at all, stops the file with a ``RecordError`` listing its columns. A
``source`` column gives the publisher, as in JSONL archives. Only these
columns are read: nested and list columns (and any other) cost nothing
unless a field is mapped to them.

The file is streamed by record batches of ``BATCH_ROWS`` rows, so memory
holds about one batch (and one column chunk of a row group), never the
whole file; that is why the whole-file size limit does not apply. A row's
text over ``limit`` bytes is a failure, like a JSONL line over it.

A row without text or with a value that is no article field (a bad date, a
mapped list column) is a ``RecordFailure`` naming "FILE row N" (N counts rows
from 1, across row groups) and the other rows still go through. Dates may be
date, timestamp or string columns; timestamps are cut to their day. A file
that is not Parquet (no PAR1 magic, truncated) or is damaged mid-way is an
``InputError`` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.errors import InputError, InputNotFoundError, RecordError
from detente.ingest.csvfile import column_map
from detente.ingest.records import cut_to_day, to_article
from detente.ingest.sources import MAX_FILE_BYTES, RecordFailure, too_large
from detente.schema import Article

# Rows decoded at a time: small enough that a batch of long articles stays a
# few megabytes, large enough that Arrow's per-batch cost does not show.
BATCH_ROWS = 256
PUBLISHER_ALIAS = "source"  # read by to_article when no publisher is given


def read_parquet(path: str, mapping: dict[str, str] | None = None,
                 limit: int = MAX_FILE_BYTES) -> Iterator[Article | RecordFailure]:
    """One article per row of the Parquet file at ``path``; see the module docstring."""
    parquet = _open(path)
    columns = _columns(parquet.schema_arrow, mapping, path)
    first = 1
    for group in range(parquet.num_row_groups):
        yield from _group_items(parquet, group, columns, _Rows(path, first, limit))
        first += parquet.metadata.row_group(group).num_rows


@dataclass(frozen=True)
class _Rows:
    """Where a row group's rows are: the file, the number of its first row, the text limit."""

    path: str
    first: int
    limit: int


def _group_items(parquet, group: int, columns: dict[str, str], rows: _Rows) -> Iterator[Article | RecordFailure]:
    """The rows of one row group; a damaged group is one failure for its
    unread rows, and the next group is read (each has its own pages)."""
    import pyarrow as pa

    number = rows.first
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=[group],
                                          columns=list(dict.fromkeys(columns.values())), use_threads=False):
            for row in batch.to_pylist():
                yield _row_item(row, columns, f"{rows.path} row {number}", rows.limit)
                number += 1
    except (pa.ArrowException, OSError, ValueError, OverflowError) as exc:  # a damaged page, a date past 9999
        last = rows.first + parquet.metadata.row_group(group).num_rows - 1
        where = f"{rows.path} rows {number}-{last}"
        yield RecordFailure(where, InputError(f"{where}: unreadable ({exc}); the other rows were read; "
                                              "check the file, or write it again"))


def _open(path: str):
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not Path(path).is_file():
        raise InputNotFoundError(f"{path}: no such file; check the path")
    try:
        # Without pre-buffering, and with a read buffer, pages are read as the
        # batches need them: a 230 MB row group then takes ~35 MB, not 250.
        return pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a Parquet file, or a truncated one ({exc}); "
                         "give a complete .parquet file, or rename the file for its real format") from None


def _columns(schema, mapping: dict[str, str] | None, where: str) -> dict[str, str]:
    """Article field (and the publisher alias) -> column name; RecordError
    when a mapped column is missing, there is no text column or it holds no text."""
    names = schema.names
    columns = {field: names[i] for field, i in column_map(names, mapping, where).items()}
    if PUBLISHER_ALIAS in names and PUBLISHER_ALIAS not in columns:
        columns[PUBLISHER_ALIAS] = PUBLISHER_ALIAS
    kind = schema.field(columns["text"]).type
    if not _is_text(kind):
        raise RecordError(f"{where}: the text column {columns['text']!r} holds {kind}, not strings; "
                          "map a string column, e.g. --fields text=body")
    return columns


def _is_text(kind) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(kind):  # pandas categoricals are written dictionary-encoded
        kind = kind.value_type
    string_view = getattr(pa.types, "is_string_view", lambda _: False)  # pyarrow 16+
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or string_view(kind)


def _row_item(row: dict, columns: dict[str, str], where: str, limit: int) -> Article | RecordFailure:
    try:
        return _row_article({field: row[column] for field, column in columns.items()}, where, limit)
    except InputError as exc:
        return RecordFailure(where, exc)


def _row_article(record: dict, where: str, limit: int) -> Article:
    text = record["text"]
    if not text or not text.strip():
        raise RecordError(f"{where}: the text is empty or null; every row needs article text")
    # Encoding is only needed when the text could pass the limit: most are far below it.
    if len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit:
        raise too_large(where, limit)
    if record.get("id") is not None:
        record["id"] = str(record["id"])  # integer ids, as JSONL reads them
    record["date"] = cut_to_day(record.get("date"))
    return to_article(record, where)
