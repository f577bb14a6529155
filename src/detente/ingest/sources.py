"""Read articles from text files, folders, stdin and JSONL archives.

JSONL readers yield ``Article`` or ``RecordFailure`` items so that one bad
line is reported (with its line number) and the other lines still go through.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.errors import InputError, InputNotFoundError, InputTooLargeError, RecordError
from detente.ingest.records import to_article
from detente.ingest.text import decode
from detente.schema import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
# Largest file read whole (a text, HTML or feed file) or JSONL line, in
# bytes: the download cap of ``fetch_url``, so that a saved page obeys the
# same limit as a fetched one, and one huge file never swamps memory.
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class RecordFailure:
    """An input that could not become an article; ``error`` says why."""

    where: str
    error: InputError


def read_bytes(path: str, limit: int | None = None) -> tuple[bytes, str]:
    """The bytes of a file ("-": stdin) and its name; InputTooLargeError past ``limit``
    bytes, checked before the file is read."""
    if path == "-":
        data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
        _check_size(len(data), "<stdin>", limit)
        return data, "<stdin>"
    file = Path(path)
    if not file.exists():
        raise InputNotFoundError(f"{path}: no such file or folder; check the path")
    if file.is_dir():
        raise InputError(f"{path}: is a folder; give a file, or use read_paths for folders")
    _check_size(file.stat().st_size, path, limit)
    return file.read_bytes(), path


def _check_size(size: int, name: str, limit: int | None) -> None:
    if limit is not None and size > limit:
        raise InputTooLargeError(
            f"{name}: {'over ' if name == '<stdin>' else ''}{size:,} bytes, more than the {limit:,}-byte "
            "limit for one article file; split it into articles (e.g. a JSONL archive, one per line), "
            "or raise the limit with --max-chars")


def read_text_article(path: str, encoding: str | None = None, **fields) -> Article:
    """A text file as an article whose id is its path (stdin: a text hash)."""
    data, name = read_bytes(path)
    return text_article(data, name, None if path == "-" else path, encoding, **fields)


def text_article(data: bytes, name: str, id: str | None, encoding: str | None = None, **fields) -> Article:
    """Bytes read from ``name`` as a plain-text article (id None: a text hash)."""
    record = {"id": id, "text": decode(data, name, encoding),
              **{k: v for k, v in fields.items() if v is not None}}
    return to_article(record)


def _mapped(record: dict, mapping: dict[str, str] | None) -> dict:
    """The record with each mapped field taken from its key (``{"text": "body"}``)."""
    if not mapping:
        return record
    return {**record, **{field: record.get(key) for field, key in mapping.items()}}


def _parse_line(line: bytes, where: str, encoding: str | None, mapping: dict[str, str] | None = None) -> Article:
    text = decode(line, where, encoding) if encoding else _utf8_line(line, where)
    text = text.rstrip("\r\n")  # else a truncated line reads as "invalid control character"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{where}: not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno}); "
                          "fix or remove the line") from None
    if not isinstance(record, dict):
        raise RecordError(f"{where}: a JSON {type(record).__name__}, not an object; write one object per line")
    record = _mapped(record, mapping)
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        key = (mapping or {}).get("text", "text")
        raise RecordError(f"{where}: no {key!r} field with article text; every line needs \"{key}\": \"...\"")
    if record.get("id") is not None:
        record["id"] = str(record["id"])
    return to_article(record, where)


def _utf8_line(line: bytes, where: str) -> str:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordError(f"{where}: not UTF-8 (byte {exc.start}); JSONL must be UTF-8, re-encode the file") from None


def read_jsonl(path: str, encoding: str | None = None, fields: dict[str, str] | None = None,
               limit: int = MAX_FILE_BYTES) -> Iterator[Article | RecordFailure]:
    """One article per line; blank lines are skipped, bad lines (and lines
    over ``limit`` bytes) reported.

    ``fields`` maps Article fields to the archive's keys, e.g. ``{"text": "body"}``.
    """
    if path == "-":
        yield from jsonl_lines(sys.stdin.buffer, "<stdin>", encoding, fields, limit)
        return
    if not Path(path).is_file():
        raise InputNotFoundError(f"{path}: no such file; check the path")
    with open(path, "rb") as lines:
        yield from jsonl_lines(lines, path, encoding, fields, limit)


def jsonl_lines(stream, name: str, encoding: str | None, fields: dict[str, str] | None = None,
                limit: int = MAX_FILE_BYTES) -> Iterator[Article | RecordFailure]:
    """Articles from a binary stream of JSONL lines read from ``name``; a line
    over ``limit`` bytes is reported without being held in memory whole."""
    for number, line in enumerate(_bounded_lines(stream, limit), 1):
        where = f"{name} line {number}"
        if line is None:
            yield RecordFailure(where, too_large(where, limit))
        elif line.strip():
            try:
                yield _parse_line(line, where, encoding, fields)
            except InputError as exc:
                yield RecordFailure(where, exc)


def too_large(where: str, limit: int) -> InputTooLargeError:
    """The error for one record (a JSONL line, a Parquet row) over ``limit`` bytes."""
    return InputTooLargeError(f"{where}: over {limit:,} bytes, more than the limit for one article; "
                              "split the article, or raise the limit with --max-chars")


def _bounded_lines(stream, limit: int) -> Iterator[bytes | None]:
    """Each line of ``stream``, or None for a line longer than ``limit`` bytes
    (read past in pieces of at most ``limit`` bytes)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit + 1)
        yield None


def read_paths(paths: list[str], encoding: str | None = None, **fields) -> Iterator[Article | RecordFailure]:
    """Text files, and the text files inside folders, as articles."""
    for path in paths:
        target = Path(path)
        files = sorted(p for p in target.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES) \
            if path != "-" and target.is_dir() else [path]
        if not files:
            yield RecordFailure(path, InputError(
                f"{path}: the folder holds no text files (.txt, .text, .md); "
                "give text files, or use --jsonl for a JSONL archive"))
        for file in files:
            try:
                yield read_text_article(str(file), encoding, **fields)
            except InputError as exc:
                yield RecordFailure(str(file), exc)
