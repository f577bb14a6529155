"""Parquet files as input: the same articles as the JSONL reader gives for
the same records, the field mapping, bad rows and bad files, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detente.errors import InputError, InputNotFoundError, RecordError
from detente.ingest.dispatch import read_sources
from detente.ingest.parquet import read_parquet
from detente.ingest.sources import RecordFailure, read_jsonl
from detente.schema import Article
from tests.cli.test_extract import run
from tests.cli.test_store_commands import summary_rows
from tests.conftest import CORPUS, need
from tests.store.conftest import EXAMPLES


def records(path: Path, count: int | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for _, line in zip(range(count or 10**9), lines)]


def write(path: Path, rows: list[dict] | pa.Table, **options) -> str:
    table = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(rows)
    pq.write_table(table, path, **options)
    return str(path)


@pytest.fixture(scope="module")
def corpus_records() -> list[dict]:
    """The first 500 articles of the shared news corpus: BBC and Reuters,
    nulls, a nested ``meta`` column, ``source`` for the publisher."""
    return records(need(CORPUS), 500)


def test_corpus_rows_read_as_the_jsonl_lines_do(corpus_records, tmp_path):
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in corpus_records), encoding="utf-8")
    # Small row groups, so the rows span several groups and record batches.
    parquet = write(tmp_path / "news.parquet", corpus_records, row_group_size=120)
    assert pq.ParquetFile(parquet).schema_arrow.field("meta").type.num_fields > 0  # nested, not mapped: ignored
    articles = list(read_sources([parquet]))
    assert articles == list(read_jsonl(str(jsonl)))
    assert len(articles) == 500 and all(isinstance(a, Article) for a in articles)
    assert {a.publisher for a in articles} >= {"BBC News"}  # from the "source" column, as in JSONL


def test_example_articles_with_date_and_timestamp_columns(tmp_path):
    rows = records(EXAMPLES)
    expected = list(read_jsonl(str(EXAMPLES)))
    days = [dt.date.fromisoformat(r["date"]) if r["date"] else None for r in rows]
    for kind, dates in [("date", pa.array(days, pa.date32())),
                        ("timestamp", pa.array([dt.datetime.combine(d, dt.time(14, 30)) if d else None for d in days],
                                               pa.timestamp("ms", tz="UTC"))),
                        ("string", pa.array([f"{d}T14:30:00Z" if d else None for d in days]))]:
        table = pa.Table.from_pylist(rows).drop_columns(["date"]).append_column("date", dates)
        assert list(read_parquet(write(tmp_path / f"{kind}.parquet", table))) == expected, kind


def test_fields_map_columns_and_only_mapped_columns_are_read(tmp_path):
    table = pa.table({
        "guid": pa.array([5, 6], pa.int64()),
        "body": ["The president met the prime minister in Geneva.", "Talks resumed in Doha."],
        "published": pa.array([dt.datetime(2024, 4, 25, 9, 30), dt.datetime(2024, 4, 26)], pa.timestamp("s")),
        "outlet": pa.array(["Reuters", "AP"]).dictionary_encode(),  # as pandas writes a categorical
        "tags": [["diplomacy"], []],
    })
    path = write(tmp_path / "mapped.pq", table)
    first, second = read_sources([path], fields={"id": "guid", "text": "body", "date": "published",
                                                 "publisher": "outlet"})
    assert (first.id, first.date, first.publisher) == ("5", dt.date(2024, 4, 25), "Reuters")
    assert (second.id, second.text, second.publisher) == ("6", "Talks resumed in Doha.", "AP")
    [failure, _] = read_parquet(path, {"text": "body", "title": "tags"})  # a list column, mapped: the row fails
    assert "row 1: invalid article record (title:" in failure.error.message


def test_missing_mapped_column_and_missing_text_column_name_the_columns(tmp_path):
    path = write(tmp_path / "notext.parquet", [{"id": "a", "body": "Some text."}])
    with pytest.raises(RecordError, match=r"notext.parquet: no 'text' column and none mapped; the columns are "
                                          r"'id', 'body'; map one, e.g. --fields text=body"):
        list(read_parquet(path))
    with pytest.raises(RecordError, match=r"no column 'content'; the columns are 'id', 'body'; fix the field mapping"):
        list(read_parquet(path, {"text": "content"}))
    numbers = write(tmp_path / "numbers.parquet", [{"text": 1}])
    with pytest.raises(RecordError, match=r"the text column 'text' holds int64, not strings"):
        list(read_parquet(numbers))


def test_bad_rows_are_failures_naming_the_row_and_the_rest_is_read(tmp_path):
    rows = [{"id": "1", "text": "Kenya's president met the AU chairperson.", "date": "2024-04-25"},
            {"id": "2", "text": None, "date": "2024-04-25"},
            {"id": "3", "text": "   ", "date": None},
            {"id": "4", "text": "A good article.", "date": "25/04/2024"},
            {"id": "5", "text": "x" * 200, "date": None},
            {"id": "6", "text": "The last article.", "date": None}]
    path = write(tmp_path / "mixed.parquet", rows, row_group_size=2)
    items = list(read_parquet(path, limit=100))
    assert [a.id for a in items if isinstance(a, Article)] == ["1", "6"]
    failures = {f.where: f.error for f in items if isinstance(f, RecordFailure)}
    assert list(failures) == [f"{path} row {n}" for n in (2, 3, 4, 5)]
    assert failures[f"{path} row 2"].message == f"{path} row 2: the text is empty or null; every row needs article text"
    assert "row 4: invalid article record (date:" in failures[f"{path} row 4"].message
    assert failures[f"{path} row 5"].code == "E104" and "over 100 bytes" in failures[f"{path} row 5"].message


def test_not_parquet_or_truncated_is_one_failure_naming_the_file(tmp_path):
    good = Path(write(tmp_path / "good.parquet", records(EXAMPLES)))
    (tmp_path / "text.parquet").write_text("id,text\n1,not parquet\n", encoding="utf-8")
    (tmp_path / "cut.parquet").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    for name in ("text.parquet", "cut.parquet"):
        [failure] = read_sources([str(tmp_path / name)])
        assert failure.where == str(tmp_path / name) and type(failure.error) is InputError
        assert failure.error.message.startswith(f"{tmp_path / name}: not a Parquet file, or a truncated one (")
        assert "give a complete .parquet file" in failure.error.message
    [missing] = read_sources([str(tmp_path / "missing.parquet")])
    assert isinstance(missing.error, InputNotFoundError)


def test_a_damaged_row_group_loses_only_its_rows(tmp_path):
    rows = [{"id": str(n), "text": f"Article {n}: the minister met the ambassador."} for n in range(1, 7)]
    path = write(tmp_path / "damaged.parquet", rows, row_group_size=2, compression="snappy")
    column = pq.ParquetFile(path).metadata.row_group(1).column(1)  # the text of rows 3-4
    data = bytearray(Path(path).read_bytes())
    data[column.data_page_offset:column.data_page_offset + 16] = b"\xff" * 16
    Path(path).write_bytes(bytes(data))
    items = list(read_parquet(path))
    assert [a.id for a in items if isinstance(a, Article)] == ["1", "2", "5", "6"]
    [failure] = [f for f in items if isinstance(f, RecordFailure)]
    assert failure.where == f"{path} rows 3-4" and "unreadable" in failure.error.message


def test_folders_pick_parquet_files_up_and_a_misnamed_one_says_so(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.parquet", records(EXAMPLES, 2))
    write(tmp_path / "in" / "b.pq", records(EXAMPLES)[2:4])
    write(tmp_path / "in" / "c.data", records(EXAMPLES, 1))
    items = list(read_sources([str(tmp_path / "in")]))
    assert [a.id for a in items[:4]] == [r["id"] for r in records(EXAMPLES, 4)]
    assert "this is a Parquet file (save it with a .parquet suffix" in items[4].error.message


def test_a_ray_part_holds_no_article_text(tmp_path):
    """A Ray part (--parquet) keeps fields and analyses, not the text: as input
    it is refused with its columns listed (docs/scale.md)."""
    from detente.scale.ray import write_part
    from detente.schema import Analysis
    from detente.store import Stored

    article = Article(id="a", text="The minister met the ambassador.", title="Talks")
    part = tmp_path / "part-00000.parquet"
    write_part(part, [Stored("key-a", article, Analysis(id="key-a"))])
    with pytest.raises(RecordError, match=r"no 'text' column and none mapped; the columns are 'article_key', "
                                          r"'external_id', 'title'"):
        list(read_parquet(str(part), {"id": "external_id"}))


def test_cli_ingests_parquet_into_duckdb_and_a_rerun_adds_nothing(tmp_path):
    path = write(tmp_path / "articles.parquet", records(EXAMPLES))
    db = str(tmp_path / "store.duckdb")
    first = run("ingest", path, "--db", db)
    assert first.returncode == 0, first.stderr.decode()
    assert summary_rows(first)["articles stored"] == "6"
    again = run("ingest", path, "--db", db)
    assert again.returncode == 0, again.stderr.decode()
    rows = summary_rows(again)
    assert (rows["articles stored"], rows["events stored"], rows["skipped: already stored"]) == ("0", "0", "6")
    # The events export is no article input either: it has evidence sentences, not texts.
    events = tmp_path / "events.parquet"
    assert run("export", str(events), "--format", "parquet", "--db", db).returncode == 0
    with pytest.raises(RecordError, match=r"no 'text' column and none mapped; the columns are 'article_key', 'id'"):
        list(read_parquet(str(events)))
