"""`ingest --engine ray`: a Ray Data pipeline on a local Ray instance stores
exactly what the local engine stores; its Parquet parts hold the same analyses."""

from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detente import pipeline
from detente.analysis import Options
from detente.scale import InProcess
from tests.store.conftest import corpus_subset, snapshot

# Small spaCy batches: the 12 articles become three blocks, so both actors work.
OPTIONS = Options(batch_size=4)


@pytest.fixture(scope="module")
def ray_session():
    """One local Ray instance for the module: starting Ray takes seconds."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Ray is not installed in CI: the test extra must pull in detente[ray]")
        pytest.skip("Ray is not installed (pip install detente[ray])")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    yield ray
    ray.shutdown()


def test_ray_stores_what_the_local_engine_stores(ray_session, tmp_path):
    from detente.scale.ray import Ray

    path = corpus_subset(tmp_path / "articles.jsonl", 12)
    local, on_ray, parts = str(tmp_path / "local.duckdb"), str(tmp_path / "ray.duckdb"), tmp_path / "parquet"
    engine = Ray(workers=2, parquet=str(parts))
    first = pipeline.ingest([str(path)], db=local, options=OPTIONS, commit_every=4, engine=InProcess())
    second = pipeline.ingest([str(path)], db=on_ray, options=OPTIONS, commit_every=4, engine=engine)
    assert (second.read, second.articles, second.events) == (first.read, first.articles, first.events)
    assert first.articles == 12 and first.events > 0
    stored = snapshot(on_ray)
    assert stored == snapshot(local)

    import pyarrow.dataset as ds

    table = ds.dataset(str(parts), partitioning="hive").to_table().to_pylist()
    assert len(table) == 12 and {row["run"] for row in table} == {second.run_id}
    analyses = {row[0]: row[-1] for row in _articles(on_ray)}
    assert {row["article_key"]: row["analysis"] for row in table} == analyses

    again = pipeline.ingest([str(path)], db=on_ray, options=OPTIONS, commit_every=4, engine=engine)
    assert (again.articles, again.events, again.skipped["already stored"]) == (0, 0, 12)
    assert snapshot(on_ray) == stored
    assert len(ds.dataset(str(parts), partitioning="hive").to_table()) == 12


def test_ray_reports_skips_as_the_local_engine_does(ray_session, tmp_path):
    """Repeated, empty, bad lines and a folder: the same summary and `skipped` rows."""
    from detente.scale.ray import Ray
    from detente.store import open_store

    (tmp_path / "in").mkdir()
    corpus_subset(tmp_path / "in" / "a.jsonl", 3)
    lines = (tmp_path / "in" / "a.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "in" / "b.jsonl").write_text(lines[0] + "not json\n" + '{"text": "   "}\n', encoding="utf-8")
    sources = [str(tmp_path / "in"), str(tmp_path / "missing.txt")]
    summaries, skipped = [], []
    for name, engine in (("local", InProcess()), ("ray", Ray(workers=2))):
        db = str(tmp_path / f"{name}.duckdb")
        summaries.append(pipeline.ingest(sources, db=db, options=OPTIONS, engine=engine))
        with open_store(db) as store:
            skipped.append(store.backend.rows('SELECT "n", "item", "reason", "message" FROM "skipped" ORDER BY "n"'))
    local, on_ray = summaries
    assert (on_ray.read, on_ray.articles, on_ray.skipped) == (local.read, local.articles, local.skipped)
    assert local.skipped == {"repeated in input": 1, "record": 2, "input not found": 1}
    assert skipped[1] == skipped[0]
    assert snapshot(str(tmp_path / "ray.duckdb")) == snapshot(str(tmp_path / "local.duckdb"))


def _articles(location: str) -> list[tuple]:
    from detente.store import open_store

    with open_store(location) as store:
        return store.backend.rows('SELECT "article_key", "analysis" FROM "articles"')


def test_ray_reads_parquet_input_as_the_local_engine_reads_jsonl(ray_session, tmp_path):
    """A Parquet file is read in a read task by the same reader as locally:
    the same records as JSONL (local engine) and as Parquet (Ray) store the same rows."""
    from detente.scale.ray import Ray

    jsonl = corpus_subset(tmp_path / "articles.jsonl", 8)
    parquet = tmp_path / "articles.parquet"
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.Table.from_pylist(records), parquet, row_group_size=3)
    local, on_ray = str(tmp_path / "local.duckdb"), str(tmp_path / "ray.duckdb")
    first = pipeline.ingest([str(jsonl)], db=local, options=OPTIONS, engine=InProcess())
    second = pipeline.ingest([str(parquet)], db=on_ray, options=OPTIONS, engine=Ray(workers=2))
    assert (second.read, second.articles, second.events) == (first.read, first.articles, first.events)
    assert first.articles == 8 and snapshot(on_ray) == snapshot(local)
