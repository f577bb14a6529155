"""Read CSV archives as articles, one per row, with a field mapping.

The mapping says which column gives each ``Article`` field, e.g.
``{"text": "body", "date": "published"}`` (CLI: ``--fields text=body,date=published``).
Fields not in the mapping are read from a column of the same name when
there is one, so the default mapping is "columns named like Article fields"
(id, text, title, date, url, publisher, author, language). Columns that map
to no field are ignored.

The first row is the header. A mapping naming a column the header lacks is a
``RecordError`` listing the columns there are (nothing is read); a row with
the wrong number of cells, no text or a bad date is a ``RecordFailure``
naming "FILE row N" (N counts data rows from 1, as a spreadsheet shows them
below the header), and the other rows still go through. Dates are
YYYY-MM-DD; a timestamp (``2024-04-25T10:00:00Z``) is cut to its date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from detente.errors import InputError, RecordError
from detente.ingest.records import cut_to_day, to_article
from detente.ingest.sources import RecordFailure, read_bytes
from detente.ingest.text import decode, stream_encoding
from detente.schema import Article

FIELDS = tuple(Article.model_fields)
SAMPLE_BYTES = 1 << 16  # what tells a CSV file's encoding before it is streamed


def parse_fields(spec: str) -> dict[str, str]:
    """``"text=body,date=published"`` as ``{"text": "body", "date": "published"}``."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        field, sep, column = (s.strip() for s in part.partition("="))
        if not sep or not field or not column:
            raise RecordError(f"field mapping {spec!r}: {part!r} is not FIELD=COLUMN; "
                              "write e.g. text=body,date=published")
        if field not in FIELDS:
            raise RecordError(f"field mapping {spec!r}: {field!r} is not an article field; "
                              f"use one of {', '.join(FIELDS)}")
        if field in mapping:
            raise RecordError(f"field mapping {spec!r}: {field!r} is mapped twice; map each field once")
        mapping[field] = column
    if not mapping:
        raise RecordError(f"field mapping {spec!r} is empty; write e.g. text=body,date=published")
    return mapping


def column_map(header: list[str], mapping: dict[str, str] | None, where: str) -> dict[str, int]:
    """Article field -> column index; RecordError when a mapped column is missing."""
    mapping = mapping or {}
    index = {name.strip(): i for i, name in enumerate(header)}
    missing = [column for column in mapping.values() if column not in index]
    if missing:
        raise RecordError(f"{where}: no column {', '.join(map(repr, missing))}; the columns are "
                          f"{', '.join(map(repr, index)) or 'none'}; fix the field mapping")
    columns = {field: index[column] for field, column in mapping.items()}
    for field in FIELDS:
        if field not in columns and field in index:
            columns[field] = index[field]
    if "text" not in columns:
        raise RecordError(f"{where}: no 'text' column and none mapped; the columns are "
                          f"{', '.join(map(repr, index))}; map one, e.g. --fields text=body")
    return columns


def read_csv(path: str, mapping: dict[str, str] | None = None,
             encoding: str | None = None) -> Iterator[Article | RecordFailure]:
    """One article per data row of the CSV file at ``path`` ("-" for stdin).

    A file whose encoding its first 64 KB tell (UTF-8, a BOM, or the given
    ``encoding``) is read as a stream, a row at a time, so an archive of any
    size takes little memory; others (legacy encodings guessed over the
    whole text, stdin) are read whole. A stream that turns out not to be
    UTF-8 past its start is read again whole from the row where it failed."""
    done = 0
    stream = _stream(path, encoding)
    if stream is not None:
        try:
            with stream:
                for number, item in _articles(stream, path, mapping):
                    done = number
                    yield item
            return
        except UnicodeDecodeError:
            pass
    data, name = read_bytes(path)
    text = io.StringIO(decode(data, name, encoding), newline="")
    yield from (item for number, item in _articles(text, name, mapping) if number > done)


def _stream(path: str, encoding: str | None) -> io.TextIOWrapper | None:
    file = Path(path)
    if path == "-" or not file.is_file():
        return None  # stdin, or read_bytes says what is wrong with the path
    with file.open("rb") as start:
        chosen = stream_encoding(start.read(SAMPLE_BYTES), encoding)
    return None if chosen is None else io.TextIOWrapper(file.open("rb"), encoding=chosen, newline="")


def _articles(text, name: str, mapping: dict[str, str] | None) -> Iterator[tuple[int, Article | RecordFailure]]:
    """(data row number, article or failure) for every non-blank row."""
    rows = csv.reader(text)
    header = next(rows, None)
    if not header:
        raise RecordError(f"{name}: no header row; the first line must name the columns")
    columns = column_map(header, mapping, name)
    for number, row in enumerate(_rows(rows), 1):
        where = f"{name} row {number}"
        try:
            if isinstance(row, csv.Error):
                raise RecordError(f"{where}: not valid CSV ({row}); check the quoting of this row")
            if any(cell.strip() for cell in row):
                yield number, _row_article(row, len(header), columns, where)
        except InputError as exc:
            yield number, RecordFailure(where, exc)


def _rows(reader) -> Iterator[list[str] | csv.Error]:
    """The reader's rows, with a malformed row given as its error: the reader
    goes on with the next row after one (e.g. a cell over csv's size limit)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc


def _row_article(row: list[str], width: int, columns: dict[str, int], where: str) -> Article:
    if len(row) != width:
        raise RecordError(f"{where}: {len(row)} cells, but the header has {width} columns; "
                          "quote cells that contain commas or line breaks")
    record = {field: row[i].strip() or None for field, i in columns.items()}
    if not record.get("text"):
        raise RecordError(f"{where}: the text cell is empty; every row needs article text")
    record["text"] = row[columns["text"]]  # offsets are into the text as given, untrimmed
    record["date"] = cut_to_day(record.get("date"))
    return to_article(record, where)
