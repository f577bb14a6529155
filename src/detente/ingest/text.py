"""Turn bytes from files and stdin into text, or refuse them clearly.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly.
Anything else goes to charset-normalizer; its guess is used only when it is
confident, and the caller can always force an encoding. Binary files (images,
archives, PDFs, anything with NUL bytes that is not UTF-16) are refused:
decoding them would only produce garbage events.
"""

from __future__ import annotations

import codecs

from detente.errors import BinaryInputError, EmptyInputError, EncodingError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
MAGIC = {
    b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)", b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable", b"SQLite format 3": "an SQLite database",
}
# Share of control characters above which a decoded text is not prose.
MAX_CONTROL_SHARE = 0.01


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: every other byte is NUL in mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _binary_kind(data: bytes) -> str | None:
    if len(data) >= 8 and data[:4] == data[-4:] == b"PAR1":  # magic at both ends: no text starting "PAR1"
        return "a Parquet file (save it with a .parquet suffix to read its rows as articles)"
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:8192] and _looks_utf16(data) is None:
        return "binary data (it contains NUL bytes)"
    return None


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(len(text), 1)


def stream_encoding(sample: bytes, encoding: str | None = None) -> str | None:
    """The encoding to read a file as a stream with, told from its first
    bytes (``sample``), or None when only ``decode`` over the whole file can
    tell (UTF-16 without a BOM, legacy encodings, binary or empty data: it
    also gives the errors). A given ``encoding`` is used when Python knows it."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            return None
        return encoding
    chosen = _bom_encoding(sample)
    if chosen is None and (not sample.strip() or _looks_utf16(sample) or _binary_kind(sample)):
        return None
    try:  # the sample may end inside a character: decoded as the start of a stream
        text = codecs.getincrementaldecoder(chosen or "utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    return (chosen or "utf-8") if _control_share(text) <= MAX_CONTROL_SHARE else None


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of ``data`` (read from ``name``); raises InputError subclasses."""
    if not data.strip():
        raise EmptyInputError(f"{name}: the file is empty; give a file with article text")
    if encoding:
        return _decode_as(data, name, encoding)
    chosen = _bom_encoding(data) or _looks_utf16(data)
    if chosen:
        return _decode_as(data, name, chosen)
    kind = _binary_kind(data)
    if kind:
        raise BinaryInputError(f"{name}: this is {kind}, not text; give a plain-text, HTML or JSONL file")
    try:
        return _checked(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError:
        return _decode_guess(data, name)


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    try:
        return _checked(data.decode(encoding), name, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise EncodingError(
            f"{name}: cannot be read as {encoding} ({exc.__class__.__name__}); "
            "give the right encoding with --encoding"
        ) from None


def _western(data: bytes) -> str | None:
    """Windows-1252, the usual legacy encoding of English and Western European
    news, when the result reads as such (under 30% non-ASCII letters; French
    runs near 5%); a Cyrillic
    or Greek file decoded this way would be mostly accented mojibake."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    foreign = sum(1 for c in letters if not c.isascii())
    return text if letters and foreign <= 0.3 * len(letters) else None


def _decode_guess(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    western = _western(data)
    if western is not None:
        return _checked(western, name, "cp1252")

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.2:
        raise EncodingError(
            f"{name}: not UTF-8 and its encoding cannot be told reliably; "
            "convert it to UTF-8 or give the encoding with --encoding (e.g. --encoding latin-1)"
        )
    return _decode_as(data, name, best.encoding)


def _checked(text: str, name: str, encoding: str) -> str:
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise BinaryInputError(
            f"{name}: decoded as {encoding} it is mostly control characters, not text; "
            "give a text file or the right --encoding"
        )
    if not text.strip():
        raise EmptyInputError(f"{name}: the file holds only whitespace; give a file with article text")
    return text
