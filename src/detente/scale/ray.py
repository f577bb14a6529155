"""Ingest on Ray: the same analysis as a Ray Data pipeline (``--engine ray``).

    from detente.scale.ray import Ray
    pipeline.ingest(["news.jsonl", "pages/"], db="postgresql://...", engine=Ray(address="auto", workers=8))

The pipeline, one Ray Data dataset executed once:

1. the driver lists the sources, a folder's files one by one (URLs too;
   stdin is read on the driver, where it is);
2. read tasks run detente's own readers on them (``read_sources``) and the
   checks that need no store (``pipeline.check_item``, ``check_english``),
   one row per input, re-blocked into batches of ``--batch-size`` rows;
3. an actor pool of ``workers`` actors, each loading the model once,
   analyses the rows not stored yet (the driver read the stored keys once);
4. the driver iterates the rows in input order (``preserve_order``),
   applies the run's rules (repeated, already stored, language: the same
   functions as the local engine) and hands the batches to the ingest's one
   writer, ``Store.write``: exactly once, as with the local engine.
   ``parquet`` also writes each committed batch as a Parquet part.

Ray is imported only here, and only when the engine runs: ``pip install
detente[ray]``.
"""

from __future__ import annotations

import logging
import pickle
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.analysis import Options
from detente.config import settings
from detente.errors import RayMissingError, ScaleError
from detente.schema import Analysis, Article
from detente.store import Stored

# Rows a read task gathers before handing them on; the blocks are then cut
# to the analysis batch size, so one large file still feeds every actor.
READ_CHUNK = 64
COLUMNS = ("where", "key", "article", "skip_reason", "skip_message", "lang_reason", "lang_message")


@dataclass
class Ray:
    """``address``: a running cluster ("auto", "ray://head:10001"); None
    starts a local Ray instance (``num_cpus`` CPUs, default all) for the run.
    ``workers``: analysis actors; ``cpus_per_worker``: Ray CPUs each
    [default: 1, less when the actors would take every CPU]; ``parquet``:
    a folder to write the stored articles to, ``run=<id>/part-NNNNN.parquet``."""

    address: str | None = None
    workers: int = 2
    cpus_per_worker: float | None = None
    parquet: str | None = None
    num_cpus: int | None = None

    def analyse(self, batches, options):
        raise ScaleError("the Ray engine reads its sources on its workers: give it to detente.pipeline.ingest "
                         "(or `detente ingest --engine ray`), not to ingest_items")

    def analyse_sources(self, sources: list[str], reading: dict, store, summary, options: Options,
                        size: int) -> Iterator:
        """What ``pipeline.store_analysed`` writes: batches of (key, article),
        their analyses and skips, in input order."""
        ray = _import_ray()
        started = _connect(ray, self.address, self.num_cpus)
        try:
            stored = _stored_keys(store)
            dataset = self._dataset(ray, sources, reading, options, stored)
            rows = dataset.iter_rows()
            yield from _ordered(rows, stored, summary, size, self.parquet)
        finally:
            if started:
                ray.shutdown()

    def _dataset(self, ray, sources, reading, options, stored):
        context = ray.data.DataContext.get_current()
        # The writer must see the input order: it decides which of two copies
        # is "repeated", and a story's first article names the story.
        context.execution_options.preserve_order = True
        # detente reports progress per committed batch; Ray's own lines would bury it.
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="The minimum number of concurrent actors")
        units = [{"source": source, "items": items} for source, items in _units(sources, reading)]
        rows_per_block = options.batch_size or settings().batch_size
        return (ray.data.from_items(units)
                .map_batches(_read_units, batch_size=1, fn_kwargs={"reading": reading, "options": options})
                .repartition(target_num_rows_per_block=rows_per_block)
                .map_batches(_Analyser, batch_size=rows_per_block,
                             compute=ray.data.ActorPoolStrategy(size=self.workers),
                             num_cpus=self._cpus(ray), fn_constructor_kwargs={"options": options, "stored": stored}))

    def _cpus(self, ray) -> float:
        if self.cpus_per_worker:
            return self.cpus_per_worker
        # Ray's CPUs are logical: actors holding every one would leave none
        # for the read tasks, and the pipeline would wait forever.
        total = ray.cluster_resources().get("CPU", 1)
        return max(0.1, min(1.0, (total - 1) / self.workers))


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401  (Ray without its Data extra cannot run the pipeline)
    except ImportError as exc:
        raise RayMissingError(f"the Ray engine needs Ray Data, which is not installed ({exc.name}); "
                              "pip install detente[ray]") from None
    return ray


def _connect(ray, address: str | None, num_cpus: int | None) -> bool:
    """Join the cluster (or start a local instance); True when this run
    started Ray and so shuts it down at the end."""
    if ray.is_initialized():
        return False
    quiet = {"log_to_driver": False, "logging_level": "WARNING"}
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ScaleError(f"cannot reach the Ray cluster at {address or 'a new local instance'}: {exc}; "
                         "start one with `ray start --head`, or leave --address out") from None
    return True


def _stored_keys(store) -> frozenset[str]:
    """Every stored article key, read once: the actors skip these without a
    store connection of their own (DuckDB has one writer, the driver)."""
    return frozenset(row[0] for row in store.backend.rows('SELECT "article_key" FROM "articles"'))


def _units(sources: list[str], reading: dict) -> Iterator[tuple[str, bytes]]:
    """What the read tasks get, in input order: a folder's files one each
    (so a folder is read in parallel), stdin read here (items pickled)."""
    from detente.ingest.dispatch import read_sources

    for source in sources:
        if source == "-":
            yield source, pickle.dumps(list(read_sources([source], **reading)))
            continue
        files = _folder_files(Path(source)) if "://" not in source and Path(source).is_dir() else []
        yield from ((str(file), b"") for file in files) if files else [(source, b"")]


def _folder_files(folder: Path) -> list[Path]:
    # The order and hidden-file rule of detente.ingest.dispatch's folder reader.
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _read_units(batch: dict, reading: dict, options: Options) -> Iterator[dict]:
    """Ray task: rows of checked inputs, READ_CHUNK at a time."""
    from detente.ingest.dispatch import read_sources

    rows: list[dict] = []
    for source, items in zip(batch["source"], batch["items"]):
        for item in pickle.loads(items) if items else read_sources([str(source)], **reading):
            rows.append(_row(item, options))
            if len(rows) >= READ_CHUNK:
                yield _columns(rows)
                rows = []
    if rows:
        yield _columns(rows)


def _row(item, options: Options) -> dict:
    from detente.pipeline import Skip, check_english, check_item

    row = dict.fromkeys(COLUMNS, "")
    checked = check_item(item, options)
    if isinstance(checked, Skip):
        return {**row, "where": checked.item, "skip_reason": checked.reason, "skip_message": checked.message}
    where, key, article = checked
    english = check_english(article, where)
    if isinstance(english, Skip):
        return {**row, "where": where, "key": key, "lang_reason": english.reason, "lang_message": english.message}
    return {**row, "where": where, "key": key, "article": english.model_dump_json()}


def _columns(rows: list[dict]) -> dict[str, list]:
    return {name: [row[name] for row in rows] for name in COLUMNS}


class _Analyser:
    """Ray actor: loads the model once, then analyses batch after batch."""

    def __init__(self, options: Options, stored: frozenset[str]):
        from detente.nlp import load_model

        load_model(options.model)
        self.options, self.stored = options, stored

    def __call__(self, batch: dict) -> dict:
        from detente.scale import analyse_batch

        todo = [n for n, (key, article) in enumerate(zip(batch["key"], batch["article"]))
                if article and key not in self.stored]
        pending = [(str(batch["key"][n]), Article.model_validate_json(batch["article"][n])) for n in todo]
        analyses, signatures = [""] * len(batch["key"]), [b""] * len(batch["key"])
        for n, item in zip(todo, analyse_batch(pending, self.options)):
            analyses[n], signatures[n] = item.analysis.model_dump_json(), item.signature or b""
        return {**{name: list(batch[name]) for name in COLUMNS}, "analysis": analyses, "signature": signatures}


def _ordered(rows, stored: frozenset[str], summary, size: int, parquet: str | None) -> Iterator:
    """The driver's half: the local engine's rules over the rows, in order;
    a Parquet part after each batch (the code after ``yield`` runs once the
    writer has committed it)."""
    from detente.pipeline import Skip, admit, batched

    seen: set[str] = set()
    ready: dict[str, Stored] = {}

    def accept(row: dict):
        if row["skip_reason"]:
            return Skip(row["where"], row["skip_reason"], row["skip_message"])
        language = Skip(row["where"], row["lang_reason"], row["lang_message"]) if row["lang_reason"] else None
        accepted = admit((row["where"], row["key"], None), seen, stored.__contains__,
                         lambda _article, _where: language or Article.model_validate_json(row["article"]))
        if not isinstance(accepted, Skip):
            key, article = accepted
            ready[key] = Stored(key, article, Analysis.model_validate_json(row["analysis"]),
                                bytes(row["signature"]) or None)
        return accepted

    for part, (pending, skips) in enumerate(batched(rows, accept, summary, size)):
        batch = [ready.pop(key) for key, _ in pending]
        yield batch, skips
        if parquet and batch:
            write_part(Path(parquet) / f"run={summary.run_id}" / f"part-{part:05d}.parquet", batch)


def write_part(path: Path, batch: list[Stored]) -> None:
    """One row per stored article: its key, fields, event count and Analysis JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"article_key": key, "external_id": article.id, "title": article.title, "url": article.url,
             "date": article.date.isoformat() if article.date else None, "publisher": article.publisher,
             "language": article.language, "events": len(analysis.events), "analysis": analysis.model_dump_json()}
            for key, article, analysis in ((item.key, item.article, item.analysis) for item in batch)]
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=_parquet_schema()), path)


def _parquet_schema():
    import pyarrow as pa

    text = pa.string()
    return pa.schema([("article_key", text), ("external_id", text), ("title", text), ("url", text),
                      ("date", text), ("publisher", text), ("language", text), ("events", pa.int32()),
                      ("analysis", text)])

