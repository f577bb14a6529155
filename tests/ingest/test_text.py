"""Decoding input bytes: every encoding is decoded right or refused clearly."""

from __future__ import annotations

import pytest

from detente.errors import BinaryInputError, EmptyInputError, EncodingError
from detente.ingest.text import decode

ARTICLE = "Le ministre français a rencontré son homologue à Genève — «sans résultat», a-t-il déclaré."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"])
def test_decodes_common_encodings_without_garbling(encoding):
    text = ARTICLE if encoding != "latin-1" else ARTICLE.replace("—", "-")
    text = text if encoding not in ("latin-1", "cp1252") else text + " " + "Réunion à Genève. " * 20
    assert decode(text.encode(encoding), "article.txt") == text


def test_forced_encoding_is_used():
    data = "Zürich".encode("latin-1")
    assert decode(data, "a.txt", encoding="latin-1") == "Zürich"


def test_wrong_forced_encoding_is_refused():
    with pytest.raises(EncodingError, match="cannot be read as ascii.*--encoding"):
        decode("Zürich".encode("utf-8"), "a.txt", encoding="ascii")


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"PK\x03\x04" + bytes(200), "ZIP"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (bytes(range(0, 32)) * 50, "binary"),
])
def test_binary_input_is_refused(data, kind):
    with pytest.raises(BinaryInputError, match=kind):
        decode(data, "file.bin")


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty_input_is_refused(data):
    with pytest.raises(EmptyInputError, match="empty"):
        decode(data, "empty.txt")


def test_cyrillic_legacy_encoding_is_not_garbled_as_western():
    text = "Министр иностранных дел России Сергей Лавров встретился с коллегой в Пекине. " * 5
    decoded = decode(text.encode("cp1251"), "ru.txt")
    assert decoded == text
