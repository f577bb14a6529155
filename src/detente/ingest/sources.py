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

from detente.errors import InputError, InputNotFoundError, RecordError
from detente.ingest.records import to_article
from detente.ingest.text import decode
from detente.schema import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


@dataclass(frozen=True)
class RecordFailure:
    """An input that could not become an article; ``error`` says why."""

    where: str
    error: InputError


def read_bytes(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    if not file.exists():
        raise InputNotFoundError(f"{path}: no such file or folder; check the path")
    if file.is_dir():
        raise InputError(f"{path}: is a folder; give a file, or use read_paths for folders")
    return file.read_bytes(), path


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
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line") from None
    if not isinstance(record, dict):
        raise RecordError(f"{where}: a JSON {type(record).__name__}, not an object; write one object per line")
    record = _mapped(record, mapping)
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        key = (mapping or {}).get("text", "text")
        raise RecordError(f"{where}: no {key!r} field with article text; every line needs \"{key}\": \"...\"")
    if record.get("id") is not None:
        record["id"] = str(record["id"])
    try:
        return to_article(record)
    except RecordError as exc:
        raise RecordError(f"{where}: {exc.message}") from None


def _utf8_line(line: bytes, where: str) -> str:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordError(f"{where}: not UTF-8 (byte {exc.start}); JSONL must be UTF-8, re-encode the file") from None


def read_jsonl(path: str, encoding: str | None = None,
               fields: dict[str, str] | None = None) -> Iterator[Article | RecordFailure]:
    """One article per line; blank lines are skipped, bad lines reported.

    ``fields`` maps Article fields to the archive's keys, e.g. ``{"text": "body"}``.
    """
    if path == "-":
        yield from jsonl_lines(sys.stdin.buffer, "<stdin>", encoding, fields)
        return
    if not Path(path).is_file():
        raise InputNotFoundError(f"{path}: no such file; check the path")
    with open(path, "rb") as lines:
        yield from jsonl_lines(lines, path, encoding, fields)


def jsonl_lines(lines, name: str, encoding: str | None,
                fields: dict[str, str] | None = None) -> Iterator[Article | RecordFailure]:
    """Articles from an iterable of JSONL lines (bytes) read from ``name``."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            yield _parse_line(line, where, encoding, fields)
        except InputError as exc:
            yield RecordFailure(where, exc)


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
