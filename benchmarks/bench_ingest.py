"""End-to-end ingest benchmark: raw text to stored events, against bare spaCy.

    make bench                                      # 1,000 articles, 1M and 10M events (about 10 minutes)
    .venv/bin/python benchmarks/bench_ingest.py --quick            # 200 articles, 1M only
    .venv/bin/python benchmarks/bench_ingest.py --articles 500 --skip-10m

Every measurement runs in its own subprocess (this script with ``--stage``),
so each one pays its own imports and model load, and its peak RSS is its own.
The stages, in order (details in benchmarks/README.md):

floor     bare spaCy ``nlp.pipe`` with detente's model and batch size: the floor.
          Also counts the sentences (``doc.sents``) that every rate divides.
ingest-1  ``detente.pipeline.ingest_items`` into a fresh DuckDB file, one process.
ingest-2  the same with ``engine=Processes(2)``; workers' peak RSS read from
          /proc/PID/status (VmHWM) while they run.
analyse   untimed: analyses of the same articles, pickled for the next stage.
write     ``Store.write`` alone on those analyses (fresh stores, large and
          ingest-sized batches), with the time split by part; then the raw
          bulk insert of event rows (Python rows -> Arrow -> INSERT ... SELECT).
query     synthetic 1M / 10M events (benchmarks/relations.py's generator),
          ``relations()`` dyad weekly series, median of warm runs; the file
          is deleted afterwards.

Results: a table (metric, value, target, ok/MISSED) on stdout, JSON in
benchmarks/results/ingest-<date>.json, and for full runs the table in
benchmarks/README.md. Machine load (os.getloadavg) is recorded per stage:
on a busy machine rates drop, ratios less so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl"
RESULTS = HERE / "results"
README = HERE / "README.md"
README_START, README_END = "<!-- bench_ingest table: start -->", "<!-- bench_ingest table: end -->"
# Three sources of political news, taken in turn (file order within each):
# ISOT Reuters 2016-17 (politics and world), BBC politics 2004-05 and
# Reuters-21578 politics 1987. MUC-3 is left out: it is all upper case.
SOURCES = (("isot-reuters-", ("politics", "world")), ("bbc-", ("politics",)), ("reuters21578-", ("politics",)))
FIELDS = ("id", "text", "date", "title", "source")
WARM_UP_TEXT = "The French president met the German chancellor in Berlin on Monday."
MB = 1024  # ru_maxrss and VmHWM are in KiB on Linux

TARGETS = {"ratio": 0.85, "speedup": 1.7, "rss_mb": 1024, "write_events_s": 50_000,
           "query_1m_s": 0.3, "query_10m_s": 0.5}


# --- the articles --------------------------------------------------------------------


def select_articles(path: Path, limit: int) -> list[dict]:
    """``limit`` articles, round robin over SOURCES (the first of each in file order)."""
    found: list[list[dict]] = [[] for _ in SOURCES]
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for (prefix, categories), bucket in zip(SOURCES, found):
                if record["id"].startswith(prefix) and record.get("category") in categories and len(bucket) < limit:
                    bucket.append({field: record.get(field) for field in FIELDS})
    mixed = [bucket[i] for i in range(limit) for bucket in found if i < len(bucket)]
    return mixed[:limit]


def read_articles(work: Path) -> list[dict]:
    with (work / "articles.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def to_articles(records: list[dict]):
    from detente.ingest.records import to_article

    return [to_article(record) for record in records]


# --- stages (each runs in its own subprocess) ----------------------------------------------


def stage_floor(work: Path, args) -> dict:
    from detente.nlp import load_model

    texts = [record["text"] for record in read_articles(work)]
    nlp = load_model()
    nlp(WARM_UP_TEXT)
    sentences = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        sentences += sum(1 for _ in doc.sents)
    seconds = time.perf_counter() - start
    meta = nlp.meta
    return {"seconds": seconds, "articles": len(texts), "sentences": sentences, "pipeline": nlp.pipe_names,
            "model": f"{meta['lang']}_{meta['name']} {meta['version']}", "rss_mb": own_peak_mb()}


def stage_ingest(work: Path, args) -> dict:
    """ingest_items from Article objects to a fresh DuckDB file; the timer
    covers the call (checks, language, analysis, writes), not opening the store."""
    from detente.analysis import Options, analyze
    from detente.ingest.language import check_language
    from detente.pipeline import ingest_items
    from detente.scale import InProcess, Processes
    from detente.store import open_store

    articles = to_articles(read_articles(work))
    options = Options(batch_size=args.batch_size)
    engine = Processes(args.workers) if args.workers > 1 else InProcess()
    check_language(articles[0])  # lazily loaded language data, as the model below
    if args.workers == 1:
        analyze(WARM_UP_TEXT, options=options)
    warm_up_store()
    sampler = ChildSampler()
    marks: list[tuple[float, int]] = []
    with open_store(str(work / f"ingest-{args.workers}.duckdb")) as store:
        start = time.perf_counter()
        summary = ingest_items(articles, store, ["bench_ingest"], options=options, engine=engine,
                               progress=lambda s: marks.append((time.perf_counter(), s.articles)))
        seconds = time.perf_counter() - start
        stored = store.backend.rows('SELECT COUNT(*) FROM "events"')[0][0]
    sampler.stop()
    return {"seconds": seconds, "articles": summary.articles, "events": summary.events, "events_in_store": stored,
            "skipped": dict(summary.skipped), "steady": steady_rate(marks), "first_batch_s": marks[0][0] - start,
            "rss_mb": own_peak_mb(), "workers_rss_mb": sampler.peaks(),
            "children_max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / MB}


def warm_up_store() -> None:
    """One write to a throwaway store: the first write imports pyarrow,
    pandas and datasketch (about 1.5 s, once per process), which like the
    model load is kept out of the timed run."""
    from detente.schema import Analysis, Article
    from detente.store import open_store, prepare

    with open_store(":memory:") as store:
        item = prepare("warm-up", Article(text=WARM_UP_TEXT), Analysis(id="warm-up"))
        store.write([item], store.start_run(["warm-up"]))


def steady_rate(marks: list[tuple[float, int]]) -> float | None:
    """Articles/s between the first and the last written batch: leaves out
    start-up (worker model loads) and the first batch's latency."""
    if len(marks) < 3:
        return None
    (t0, n0), (t1, n1) = marks[0], marks[-1]
    return (n1 - n0) / (t1 - t0)


def stage_analyse(work: Path, args) -> dict:
    """Untimed: the Stored items that ingest would write, pickled."""
    from detente.analysis import Options, check_article
    from detente.scale import Processes
    from detente.store import article_key

    articles = [check_article(a, 10**9) for a in to_articles(read_articles(work))]
    pending = [(article_key(a), a) for a in articles]
    batches = ((pending[i:i + 64], None) for i in range(0, len(pending), 64))
    stored = [item for batch, _ in Processes(2).analyse(batches, Options(batch_size=args.batch_size))
              for item in batch]
    with (work / "analyses.pickle").open("wb") as out:
        pickle.dump(stored, out, protocol=pickle.HIGHEST_PROTOCOL)
    return {"articles": len(stored), "events": sum(len(s.analysis.events) for s in stored)}


def stage_write(work: Path, args) -> dict:
    from detente.store import open_store

    with (work / "analyses.pickle").open("rb") as data:
        stored = pickle.load(data)
    with open_store(":memory:") as store:  # warm-up: first-use imports (datasketch, pandas) are not timed
        store.write(stored[:1], store.start_run(["warm-up"]))
    large = timed_writes(work / "write-large.duckdb", stored, args.write_batch, split=True)
    small = timed_writes(work / "write-64.duckdb", stored, 64, split=False)
    return {"large": large, "small": small, "bulk": bulk_events(work / "write-bulk.duckdb", stored),
            "rss_mb": own_peak_mb()}


def timed_writes(path: Path, stored: list, size: int, split: bool) -> dict:
    """Store.write in batches of ``size`` into a fresh store; with ``split``,
    the time of each part of the write path (Parts)."""
    from detente.store import open_store
    from detente.store import tables as t

    parts = Parts() if split else None
    with open_store(str(path)) as store:
        run = store.start_run(["bench_ingest"])
        if parts:
            parts.install(store)
        start = time.perf_counter()
        events = sum(store.write(stored[i:i + size], run) for i in range(0, len(stored), size))
        seconds = time.perf_counter() - start
        if parts:
            parts.uninstall()
        rows = sum(store.backend.rows(f'SELECT COUNT(*) FROM "{table.name}"')[0][0] for table in t.ARTICLE_TABLES)
    return {"batch": size, "seconds": seconds, "articles": len(stored), "events": events,
            "rows_per_article": rows / max(1, len(stored)), "parts": parts.seconds if parts else None}


def bulk_events(path: Path, stored: list, target_rows: int = 200_000) -> dict:
    """DuckDB's event writes: event rows (built by the store's own rows code,
    copied under new article keys up to ``target_rows``) through the insert
    Store.write uses (Python rows -> Arrow -> INSERT ... SELECT, fresh keys),
    in one transaction, commit included."""
    from detente.store import open_store
    from detente.store import tables as t
    from detente.store.backends import unique_rows
    from detente.store.rows import batch_rows

    keys = {s.key: s.key for s in stored}
    rows = batch_rows(stored, 1, stories=keys, seqs=dict.fromkeys(keys, 1), links={})["events"]
    key = t.EVENTS.names.index("article_key")
    copies = max(1, target_rows // max(1, len(rows)))
    many = [(*row[:key], f"{row[key]}/{n}", *row[key + 1:]) for n in range(copies) for row in rows]
    with open_store(str(path)) as store:
        start = time.perf_counter()
        with store.backend.transaction():
            store.backend.insert(t.EVENTS, unique_rows(t.EVENTS, many), fresh=True)
        seconds = time.perf_counter() - start
        count = store.backend.rows('SELECT COUNT(*) FROM "events"')[0][0]
    return {"rows": len(many), "stored": count, "seconds": seconds}


def stage_query(work: Path, args) -> dict:
    """Generate N synthetic events with relations.py's generator, then time
    the dyad weekly series on the open store; the file is removed."""
    from relations import generate

    from detente.analytics.relations import relations
    from detente.store import open_store

    path = work / f"query-{args.events}.duckdb"
    start = time.perf_counter()
    generate(str(path), args.events)
    generated = time.perf_counter() - start
    size_mb = path.stat().st_size / 2**20
    results = {}
    with open_store(str(path)) as store:
        for name, call in (("week", lambda: relations(store, "USA", "CHN", by="week")),
                           ("week_both", lambda: relations(store, "USA", "CHN", both=True, by="week"))):
            results[name] = warm_median(call, args.repeat)
    path.unlink()
    return {"events": args.events, "generate_s": generated, "file_mb": size_mb, **results, "rss_mb": own_peak_mb()}


def warm_median(call, repeat: int) -> dict:
    rows = len(call())  # warm-up: DuckDB's caches, lazy imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return {"rows": rows, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


STAGES = {"floor": stage_floor, "ingest": stage_ingest, "analyse": stage_analyse, "write": stage_write,
          "query": stage_query}


# --- measuring helpers --------------------------------------------------------------


def own_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / MB


class ChildSampler:
    """Peak RSS (VmHWM) of this process's worker children, read from /proc
    every 0.2 s while they run: a worker's VmHWM only grows, so the last
    reading before it exits is its peak."""

    def __init__(self, every: float = 0.2):
        self.seen: dict[int, float] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self.thread.start()

    def _run(self, every: float) -> None:
        while not self.done.wait(every):
            for pid in worker_children(os.getpid()):
                peak = vm_hwm_mb(pid)
                if peak is not None:
                    self.seen[pid] = max(peak, self.seen.get(pid, 0.0))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def peaks(self) -> list[float]:
        return [self.seen[pid] for pid in sorted(self.seen)]


def worker_children(parent: int) -> list[int]:
    """Child processes started by multiprocessing's spawn (not its resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def vm_hwm_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) / MB if match else None


class Parts:
    """Exclusive time per part of Store.write, by wrapping the store's
    methods in this process only (nested parts are not counted twice).
    Parts that a newer store no longer has are left out."""

    NAMES = {"known keys": ("store", "known"), "signatures not made by the workers": ("module", "prepare"),
             "near-duplicates (LSH)": ("stories", "assign"),
             "happenings (merging)": ("store", "_merge_stories"), "row building (other)": ("module", "batch_rows"),
             "Analysis JSON": ("analysis", "model_dump_json"), "Arrow + INSERT": ("backend", "insert")}

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.stack: list[float] = []
        self.originals: list[tuple[object, str, object]] = []

    def install(self, store) -> None:
        import detente.store as module
        from detente.schema import Analysis

        owners = {"store": type(store), "stories": type(store.stories), "module": module,
                  "analysis": Analysis, "backend": type(store.backend)}
        for part, (owner, name) in self.NAMES.items():
            target = owners[owner]
            if hasattr(target, name):
                self.originals.append((target, name, vars(target).get(name)))
                setattr(target, name, self._wrap(part, getattr(target, name)))

    def uninstall(self) -> None:
        """Put back what install replaced (an inherited method: drop the wrapper)."""
        for target, name, original in reversed(self.originals):
            if original is None:
                delattr(target, name)
            else:
                setattr(target, name, original)
        self.originals.clear()

    def _wrap(self, part: str, function):
        def timed(*args, **kwargs):
            self.stack.append(0.0)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                inner = self.stack.pop()
                self.seconds[part] = self.seconds.get(part, 0.0) + elapsed - inner
                if self.stack:
                    self.stack[-1] += elapsed
        return timed


# --- the parent: run stages, report ----------------------------------------------------


def run_stage(stage: str, work: Path, args, **extra) -> dict:
    """This script with --stage in a fresh interpreter; its last stdout line is JSON."""
    options = {"batch-size": args.batch_size, "write-batch": args.write_batch, "repeat": args.repeat, **extra}
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, "--work", str(work)]
    command += [item for key, value in options.items() for item in (f"--{key}", str(value))]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"stage {stage} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report.update(wall_s=wall, load_before=load, load_after=os.getloadavg()[0])
    print(f"  {stage} {' '.join(f'{k}={v}' for k, v in extra.items())}: {wall:.1f} s, "
          f"load {load:.1f} -> {report['load_after']:.1f}", flush=True)
    return report


def run_all(args, work: Path) -> dict:
    results: dict = {"floor": run_stage("floor", work, args)}
    results["ingest_1"] = run_stage("ingest", work, args, workers=1)
    results["ingest_2"] = run_stage("ingest", work, args, workers=2)
    run_stage("analyse", work, args)
    results["write"] = run_stage("write", work, args)
    sizes = [1_000_000] + ([] if args.skip_10m else [10_000_000])
    results["query"] = {str(n): run_stage("query", work, args, events=n) for n in sizes}
    return results


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds else 0.0


def check(value: float | None, target: float, above: bool) -> str:
    if value is None:
        return "-"
    return "ok" if (value >= target if above else value <= target) else "MISSED"


def rows_for(results: dict) -> list[tuple[str, str, str, str]]:
    """(metric, value, target, ok/MISSED) for the table."""
    floor, one, two, write = results["floor"], results["ingest_1"], results["ingest_2"], results["write"]
    sentences = floor["sentences"]
    floor_rate, one_rate, two_rate = (rate(r["articles"], r["seconds"]) for r in (floor, one, two))
    ratio, speedup = one_rate / floor_rate, two_rate / one_rate
    steady = two["steady"] / one["steady"] if two["steady"] and one["steady"] else None
    large, bulk = write["large"], write["bulk"]
    write_rate, bulk_rate = rate(large["events"], large["seconds"]), rate(bulk["rows"], bulk["seconds"])
    rows = [
        ("bare spaCy floor, articles/s", f"{floor_rate:.2f}", "", ""),
        ("bare spaCy floor, sentences/s", f"{rate(sentences, floor['seconds']):.1f}", "", ""),
        ("end to end, 1 process, articles/s", f"{one_rate:.2f}", "", ""),
        ("end to end, 1 process, sentences/s", f"{rate(sentences, one['seconds']):.1f}", "", ""),
        ("end to end / floor", f"{ratio:.2f}x", f">= {TARGETS['ratio']}x", check(ratio, TARGETS["ratio"], True)),
        ("events stored (1 process)", f"{one['events_in_store']:,}", "", ""),
        ("end to end, 2 workers, articles/s", f"{two_rate:.2f}", "", ""),
        ("2 workers / 1 process", f"{speedup:.2f}x", f">= {TARGETS['speedup']}x",
         check(speedup, TARGETS["speedup"], True)),
        ("  same, steady state (after 1st batch)", "-" if steady is None else f"{steady:.2f}x", "", ""),
        *rss_rows(one, two),
        (f"DuckDB event writes ({bulk['rows']:,} rows/txn), events/s", f"{bulk_rate:,.0f}",
         f">= {TARGETS['write_events_s']:,}", check(bulk_rate, TARGETS["write_events_s"], True)),
        (f"Store.write whole articles, {large['batch']}/txn, articles/s",
         f"{rate(large['articles'], large['seconds']):,.0f}", "", ""),
        (f"  same, events/s ({large['rows_per_article']:.0f} rows per article)", f"{write_rate:,.0f}", "", ""),
        ("Store.write whole articles, 64/txn, articles/s",
         f"{rate(write['small']['articles'], write['small']['seconds']):,.0f}", "", ""),
        *query_rows(results["query"]),
    ]
    return rows


def rss_rows(one: dict, two: dict) -> list[tuple[str, str, str, str]]:
    limit = TARGETS["rss_mb"]
    rows = [("peak RSS, 1 process (model + writer)", f"{one['rss_mb']:.0f} MB", f"<= {limit} MB",
             check(one["rss_mb"], limit, False))]
    for n, peak in enumerate(two["workers_rss_mb"], 1):
        rows.append((f"peak RSS, worker {n} of 2", f"{peak:.0f} MB", f"<= {limit} MB", check(peak, limit, False)))
    if not two["workers_rss_mb"]:
        peak = two["children_max_rss_mb"]
        rows.append(("peak RSS, largest worker (rusage)", f"{peak:.0f} MB", f"<= {limit} MB", check(peak, limit, False)))
    rows.append(("peak RSS, 2-worker parent (writer)", f"{two['rss_mb']:.0f} MB", "", ""))
    return rows


def query_rows(query: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for events, result in query.items():
        label, target = ("1M", TARGETS["query_1m_s"]) if events == "1000000" else ("10M", TARGETS["query_10m_s"])
        if events not in ("1000000", "10000000"):
            label, target = f"{int(events):,}", None
        median = result["week"]["median_s"]
        rows.append((f"dyad weekly series, {label} events, median s", f"{median:.3f}",
                     "" if target is None else f"< {target}", "" if target is None else check(median, target, False)))
        rows.append((f"  same, both directions, {label} events", f"{result['week_both']['median_s']:.3f}", "", ""))
    return rows


def format_table(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("metric", "value", "target", "")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]

    def line(r) -> str:
        return f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip()

    return "\n".join([line(header), "-" * (sum(widths) + 8), *(line(r) for r in rows)])


def format_notes(results: dict, context: dict) -> str:
    floor, one, two, write = results["floor"], results["ingest_1"], results["ingest_2"], results["write"]
    loads = ", ".join(f"{name} {r['load_before']:.1f}" for name, r in stage_reports(results))
    parts = write["large"]["parts"] or {}
    split = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in sorted(parts.items(), key=lambda p: -p[1]))
    lines = [
        f"{context['corpus']['articles']:,} articles ({context['corpus']['selection']}), {floor['sentences']:,} "
        f"sentences, {context['corpus']['words']:,} words; model {floor['model']}, batch size "
        f"{context['settings']['batch_size']}; {context['machine']['cpu_count']} CPUs",
        f"load average (1 min) when each stage started: {loads}",
        f"2 workers: first batch stored after {two['first_batch_s']:.1f} s (worker start-up and model load "
        f"included in the timed run; 1 process: {one['first_batch_s']:.1f} s)",
        f"Store.write ({write['large']['batch']} articles/txn, {write['large']['seconds']:.2f} s) split: {split}",
    ]
    for events, q in results["query"].items():
        lines.append(f"{int(events):,} synthetic events generated in {q['generate_s']:.0f} s, DuckDB file "
                     f"{q['file_mb']:,.0f} MB (deleted)")
    if one["events"] != two["events"]:
        lines.append(f"warning: 1 process stored {one['events']} events, 2 workers {two['events']}")
    return "\n".join(f"note: {line}" for line in lines)


def stage_reports(results: dict):
    yield from ((name, results[key]) for name, key in (("floor", "floor"), ("ingest-1", "ingest_1"),
                                                        ("ingest-2", "ingest_2"), ("write", "write")))
    yield from ((f"query-{int(n) // 1_000_000}M", q) for n, q in results["query"].items())


def context_for(args, articles: list[dict], results: dict) -> dict:
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "spacy": metadata.version("spacy"),
                    "duckdb": metadata.version("duckdb"), "model": results["floor"]["model"],
                    "loadavg_end": os.getloadavg()},
        "git": git_revision(),
        "corpus": {"file": "../shared/corpus/news.jsonl", "articles": len(articles),
                   "selection": "round robin: ISOT Reuters politics/world, BBC politics, Reuters-21578 politics",
                   "words": sum(len(a["text"].split()) for a in articles),
                   "ids": [articles[0]["id"], articles[-1]["id"]]},
        "settings": {"articles": args.articles, "batch_size": args.batch_size, "write_batch": args.write_batch,
                     "repeat": args.repeat, "pipeline": results["floor"]["pipeline"]},
        "targets": TARGETS,
    }


def git_revision() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=REPO)
    return done.stdout.strip()


def update_readme(table: str, notes: str, context: dict) -> None:
    """Replace the table between the markers in benchmarks/README.md."""
    text = README.read_text(encoding="utf-8")
    if README_START not in text:
        return
    block = (f"{README_START}\nLatest full run: {context['date']}, {context['git']}, "
             f"{context['machine']['platform']}.\n\n```\n{table}\n{notes}\n```\n{README_END}")
    head, rest = text.split(README_START, 1)
    README.write_text(head + block + rest.split(README_END, 1)[1], encoding="utf-8")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to ingest (default 1000)")
    parser.add_argument("--quick", action="store_true", help="200 articles, 1M events only, no README update")
    parser.add_argument("--skip-10m", action="store_true", help="leave out the 10M-event query stage")
    parser.add_argument("--batch-size", type=int, default=16, help="spaCy batch size (detente's default 16)")
    parser.add_argument("--write-batch", type=int, default=1000, help="articles per Store.write (default 1000)")
    parser.add_argument("--repeat", type=int, default=7, help="warm query runs; the median counts (default 7)")
    parser.add_argument("--no-readme", action="store_true", help="do not update benchmarks/README.md")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=1_000_000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.skip_10m, args.no_readme = 200, True, True
    return args


def main() -> None:
    args = parse_args()
    if args.stage:
        print(json.dumps(STAGES[args.stage](args.work, args)))
        return
    if not CORPUS.is_file():
        sys.exit(f"bench_ingest: the shared corpus {CORPUS} is not there; it is expected beside the repository "
                 "(../shared/corpus/news.jsonl)")
    articles = select_articles(CORPUS, args.articles)
    print(f"{len(articles)} articles; stages run one after another in subprocesses "
          f"(load average now {os.getloadavg()[0]:.1f})", flush=True)
    work = Path(tempfile.mkdtemp(prefix="detente-bench-ingest-"))
    try:
        with (work / "articles.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
        results = run_all(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(args, articles, results)


def report(args, articles: list[dict], results: dict) -> None:
    context = context_for(args, articles, results)
    rows = rows_for(results)
    table, notes = format_table(rows), format_notes(results, context)
    print(f"\n{table}\n{notes}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"ingest-{dt.date.today().isoformat()}.json"
    payload = {**context, "table": [dict(zip(("metric", "value", "target", "status"), r)) for r in rows],
               "results": results}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {path.relative_to(REPO)}")
    if not args.no_readme:
        update_readme(table, notes, context)
        print(f"table copied into {README.relative_to(REPO)}")


if __name__ == "__main__":
    main()
