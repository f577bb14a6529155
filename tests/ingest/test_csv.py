"""CSV archives with a field mapping, and the CLI's mapping syntax."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.errors import RecordError
from detente.ingest.csvfile import parse_fields, read_csv
from detente.ingest.sources import RecordFailure, read_jsonl

ARCHIVE = '''guid,headline,body,published,link,outlet
a1,Talks in Geneva,"GENEVA (Reuters) - The foreign ministers of France and Germany met on Thursday, officials said.",2024-04-25T09:30:00Z,https://example.org/a1,Reuters
a2,No body here,,2024-04-25,https://example.org/a2,Reuters
a3,Bad date,"Kenya's president met the AU chairperson in Addis Ababa.",25/04/2024,https://example.org/a3,AP
a4,Too few cells,"Only three cells here."
a5,Multi-line,"First paragraph.

Second paragraph, with a comma.",2024-04-26,https://example.org/a5,AFP
'''
MAPPING = {"id": "guid", "title": "headline", "text": "body", "date": "published", "url": "link", "publisher": "outlet"}


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "archive.csv"
    path.write_text(ARCHIVE, encoding="utf-8")
    return str(path)


def test_rows_become_articles_through_the_mapping(archive):
    items = list(read_csv(archive, MAPPING))
    first, last = items[0], items[-1]
    assert first.id == "a1" and first.title == "Talks in Geneva" and first.publisher == "Reuters"
    assert first.date == dt.date(2024, 4, 25)  # a timestamp is cut to its date
    assert first.url == "https://example.org/a1"
    assert last.text == "First paragraph.\n\nSecond paragraph, with a comma."
    assert last.date == dt.date(2024, 4, 26)


def test_bad_rows_are_failures_naming_file_and_row(archive):
    failures = {f.where.rsplit(" ", 1)[1]: f.error.message
                for f in read_csv(archive, MAPPING) if isinstance(f, RecordFailure)}
    assert set(failures) == {"2", "3", "4"}
    assert failures["2"] == f"{archive} row 2: the text cell is empty; every row needs article text"
    assert "row 3: invalid article record (date:" in failures["3"] and "YYYY-MM-DD" in failures["3"]
    assert "row 4: 3 cells, but the header has 6 columns" in failures["4"]


def test_default_mapping_uses_columns_named_like_article_fields(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("id,text,date,extra\n7,The president met the prime minister.,2024-01-02,ignored\n", encoding="utf-8")
    [article] = read_csv(str(path))
    assert (article.id, article.text, article.date) == ("7", "The president met the prime minister.", dt.date(2024, 1, 2))


def test_mapping_a_missing_column_lists_the_columns(archive):
    with pytest.raises(RecordError, match=r"no column 'content'; the columns are 'guid', 'headline', 'body', "
                                          r"'published', 'link', 'outlet'; fix the field mapping"):
        list(read_csv(archive, {"text": "content"}))


def test_no_text_column_says_how_to_map_one(archive):
    with pytest.raises(RecordError, match=r"no 'text' column and none mapped.*--fields text=body"):
        list(read_csv(archive))


def test_latin1_csv_is_decoded(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("text\n\"Le ministre a rencontré son homologue à Genève. Réunion à Genève.\"\n".encode("latin-1"))
    [article] = read_csv(str(path))
    assert "Genève" in article.text


def test_empty_file_and_blank_rows(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("text\n\n  \nAn article.\n", encoding="utf-8")
    assert [a.text for a in read_csv(str(path))] == ["An article."]


def test_malformed_quoting_is_a_row_failure_and_reading_goes_on(tmp_path):
    import csv

    path = tmp_path / "huge.csv"
    limit = csv.field_size_limit()
    path.write_text(f'text\n"{"x" * (limit + 10)}"\nThe next row.\n', encoding="utf-8")
    first, second = read_csv(str(path))
    assert isinstance(first, RecordFailure) and "row 1: not valid CSV" in first.error.message
    assert second.text == "The next row."


@pytest.mark.parametrize("spec,expected", [
    ("text=body,date=published", {"text": "body", "date": "published"}),
    (" text = body , title=Head Line ,", {"text": "body", "title": "Head Line"}),
])
def test_parse_fields(spec, expected):
    assert parse_fields(spec) == expected


@pytest.mark.parametrize("spec,message", [
    ("text", r"'text' is not FIELD=COLUMN"),
    ("text=", r"'text=' is not FIELD=COLUMN"),
    ("body=text", r"'body' is not an article field; use one of id, text, title"),
    ("text=a,text=b", r"'text' is mapped twice"),
    (" , ", r"is empty"),
])
def test_parse_fields_errors(spec, message):
    with pytest.raises(RecordError, match=message):
        parse_fields(spec)


def test_jsonl_uses_the_same_mapping(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_text('{"guid": 5, "body": "The president met the prime minister.", "published": "2024-04-25"}\n'
                    '{"guid": 6, "headline": "no body"}\n', encoding="utf-8")
    article, failure = read_jsonl(str(path), fields={"id": "guid", "text": "body", "date": "published"})
    assert (article.id, article.date) == ("5", dt.date(2024, 4, 25))
    assert "line 2: no 'body' field with article text" in failure.error.message


def corpus_csv(path, count: int, repeat: int = 1) -> list[dict]:
    """``count`` articles of the shared corpus as a CSV file (written
    ``repeat`` times over, with new ids), and the records."""
    import csv
    import json

    from tests.conftest import CORPUS, need

    with open(need(CORPUS), encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(count), lines)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "text", "date", "title"])
        for n in range(repeat):
            writer.writerows([f"{r['id']}-{n}", r["text"], r.get("date") or "", r.get("title") or ""]
                             for r in records)
    return records


def test_a_streamed_csv_reads_as_the_whole_file_does(tmp_path, monkeypatch):
    from detente.ingest import csvfile

    path = tmp_path / "corpus.csv"
    corpus_csv(path, 500)
    streamed = list(read_csv(str(path)))
    monkeypatch.setattr(csvfile, "_stream", lambda path, encoding: None)  # the whole-file reader
    assert streamed == list(read_csv(str(path))) and len(streamed) == 500


def test_a_large_csv_is_read_in_bounded_memory(tmp_path):
    import tracemalloc

    path = tmp_path / "large.csv"
    records = corpus_csv(path, 1000, repeat=20)
    size = path.stat().st_size
    assert size > 40_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_csv(str(path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20 * len(records)
    assert peak < size / 10, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_a_csv_that_stops_being_utf8_is_read_again_from_where_it_failed(tmp_path):
    path = tmp_path / "mixed.csv"
    head = "".join(f'"Row {n}: the ministers met in Geneva on Thursday, officials said."\n' for n in range(2000))
    path.write_bytes(b"text\n" + head.encode("ascii") + "\"Le ministre a rencontré son homologue.\"\n".encode("cp1252"))
    assert len(head) > 2 * 65536  # the bad byte lies past the sample that chose UTF-8
    texts = [a.text for a in read_csv(str(path))]
    assert len(texts) == 2001 and len(set(texts)) == 2001
    assert texts[-1] == "Le ministre a rencontré son homologue."
