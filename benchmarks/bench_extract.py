"""Benchmark `detente extract --jsonl` against bare spaCy on the same texts.

What is measured, and why
-------------------------
detente parses every article with spaCy and then runs its own annotators
(places, actors, events) on the parsed Doc. The bare spaCy pass is the floor:
detente cannot be faster than ``nlp.pipe`` over the same texts with the same
pipeline. Everything above that floor is detente's annotators, plus (for the
CLI) start-up, model load, input validation and JSON output.

Three runs over the same articles, each in its own subprocess so that each
pays its own imports and model load and its peak RSS can be measured:

1. bare spaCy: ``detente.nlp.load_model()`` (the same model and pipeline
   detente uses), then ``for doc in nlp.pipe(texts, batch_size=N): pass``.
2. detente library: ``detente.analysis.analyze_many`` (pipe + annotators,
   no JSON output).
3. detente CLI: ``detente extract --jsonl FILE``, end to end, output to a file.

Rows 1 and 2 report the loop time printed by the subprocess (model loaded and
one short warm-up text processed beforehand, so lazily loaded data such as the
gazetteer is not counted); row 3 reports the whole subprocess wall time. The
CLI runs first, before anything has loaded spaCy, so that
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the CLI's own peak RSS; rows 1 and
2 report ``getrusage(RUSAGE_SELF).ru_maxrss`` from inside their subprocess.
RSS is in MB of 1024 KiB (Linux reports ru_maxrss in KiB).

Articles: ``--limit`` (default 300) records of ``../shared/corpus/news.jsonl``
(beside the repository) with category ``politics``: the first half of that
number from ISOT Reuters (``isot-reuters-``) and the first half from BBC
(``bbc-``), in file order, interleaved. Words are counted as ``len(text.split())``.

Run: ``.venv/bin/python benchmarks/bench_extract.py`` (or ``make bench``).
Results are printed as a table and written to ``benchmarks/results/extract.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl"
RESULTS = REPO / "benchmarks" / "results" / "extract.json"
CATEGORY = "politics"
ID_PREFIXES = ("isot-reuters-", "bbc-")
FIELDS = ("id", "text", "date", "title")
WARM_UP_TEXT = "The French president met the German chancellor in Berlin on Monday."

BARE_SPACY = f"""
import json, resource, sys, time
from detente.nlp import load_model

path, batch_size = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines]
nlp = load_model()
nlp({WARM_UP_TEXT!r})
start = time.perf_counter()
for doc in nlp.pipe(texts, batch_size=batch_size):
    pass
loop = time.perf_counter() - start
meta = nlp.meta
print(json.dumps({{
    "loop_seconds": loop,
    "articles": len(texts),
    "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "model": f"{{meta['lang']}}_{{meta['name']}} {{meta['version']}}",
    "pipeline": nlp.pipe_names,
}}))
"""

LIBRARY = f"""
import json, resource, sys, time
from detente.analysis import Options, analyze, analyze_many
from detente.nlp import load_model

path, batch_size = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as lines:
    records = [json.loads(line) for line in lines]
options = Options(batch_size=batch_size)
load_model(options.model)
analyze({WARM_UP_TEXT!r}, options=options)
start = time.perf_counter()
events = articles = 0
for analysis in analyze_many(records, options=options):
    articles += 1
    events += len(analysis.events)
loop = time.perf_counter() - start
print(json.dumps({{
    "loop_seconds": loop,
    "articles": articles,
    "events": events,
    "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}}))
"""


@dataclass
class Row:
    name: str
    articles: int
    wall_seconds: float
    words: int
    peak_rss_mb: float | None = None
    articles_per_s: float = 0.0
    words_per_s: float = 0.0
    ratio_to_bare: float = 0.0

    def __post_init__(self) -> None:
        self.articles_per_s = self.articles / self.wall_seconds
        self.words_per_s = self.words / self.wall_seconds


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles to use (default 300)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of bare spaCy and library runs; the fastest counts (default 2)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per spaCy batch (default 16)")
    return parser.parse_args()


def select_articles(path: Path, limit: int) -> list[dict]:
    """Politics articles, half from ISOT Reuters and half from BBC (the first
    of each in file order), interleaved so any prefix mixes both sources."""
    per_source: dict[str, list[dict]] = {prefix: [] for prefix in ID_PREFIXES}
    quota = {prefix: (limit + i) // len(ID_PREFIXES) for i, prefix in enumerate(ID_PREFIXES)}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            prefix = next((p for p in ID_PREFIXES if record["id"].startswith(p)), None)
            if record.get("category") == CATEGORY and prefix and len(per_source[prefix]) < quota[prefix]:
                per_source[prefix].append({field: record.get(field) for field in FIELDS})
    mixed = [r for pair in zip(*per_source.values()) for r in pair]
    longest = max(per_source.values(), key=len)
    return (mixed + longest[len(mixed) // len(ID_PREFIXES):])[:limit]


def write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def detente_command() -> list[str]:
    script = REPO / ".venv" / "bin" / "detente"
    return [str(script)] if script.exists() else [sys.executable, "-m", "detente"]


def run_cli(articles_file: Path, work: Path, batch_size: int) -> dict:
    """`detente extract --jsonl`, end to end; wall time, output counts, peak RSS."""
    output, errors = work / "cli.out.jsonl", work / "cli.err.txt"
    command = [*detente_command(), "extract", "--jsonl", str(articles_file), "--batch-size", str(batch_size)]
    with output.open("w") as out, errors.open("w") as err:
        start = time.perf_counter()
        code = subprocess.run(command, stdout=out, stderr=err, cwd=REPO).returncode
        wall = time.perf_counter() - start
    if code != 0:
        sys.exit(f"detente extract failed (exit {code}):\n{errors.read_text()[-2000:]}")
    lines = output.read_text(encoding="utf-8").splitlines()
    events = sum(len(json.loads(line)["events"]) for line in lines)
    max_rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall_seconds": wall, "output_lines": len(lines), "events": events, "max_rss_kib": max_rss_kib}


def run_inline(source: str, articles_file: Path, batch_size: int) -> dict:
    """Run an inline script with this interpreter; its JSON report plus wall time."""
    command = [sys.executable, "-c", source, str(articles_file), str(batch_size)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark subprocess failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall_seconds"] = wall
    return report


def mb(kib: int) -> float:
    return kib / 1024


def build_rows(articles: int, words: int, bare: dict, library: dict, cli: dict) -> list[Row]:
    rows = [
        Row("bare spaCy (nlp.pipe)", articles, bare["loop_seconds"], words, mb(bare["max_rss_kib"])),
        Row("detente analyze_many (library)", articles, library["loop_seconds"], words, mb(library["max_rss_kib"])),
        Row("detente extract --jsonl (CLI, end to end)", articles, cli["wall_seconds"], words, mb(cli["max_rss_kib"])),
    ]
    for row in rows:
        row.ratio_to_bare = row.articles_per_s / rows[0].articles_per_s
    return rows


def format_table(rows: list[Row]) -> str:
    header = ("run", "articles", "wall s", "articles/s", "words/s", "vs bare", "peak RSS MB")
    cells = [header] + [
        (
            row.name, f"{row.articles}", f"{row.wall_seconds:.1f}", f"{row.articles_per_s:.2f}",
            f"{row.words_per_s:,.0f}", f"{row.ratio_to_bare:.2f}x",
            "-" if row.peak_rss_mb is None else f"{row.peak_rss_mb:.0f}",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]

    def line(values) -> str:
        first = values[0].ljust(widths[0])
        rest = (value.rjust(width) for value, width in zip(values[1:], widths[1:]))
        return "  ".join((first, *rest))

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(values) for values in cells[1:])])


def format_notes(bare: dict, library: dict, cli: dict) -> str:
    overhead = cli["wall_seconds"] - library["loop_seconds"]
    lines = [
        f"note: CLI overhead (start-up, model and data load, JSON output) = CLI wall - library loop = {overhead:.1f} s",
        f"note: subprocess wall incl. imports + model load: bare spaCy {bare['wall_seconds']:.1f} s, "
        f"library {library['wall_seconds']:.1f} s",
        f"note: CLI wrote {cli['output_lines']} lines, {cli['events']} events; "
        f"library found {library['events']} events",
    ]
    if cli["events"] != library["events"]:
        lines.append("warning: CLI and library event counts differ; did the source change during the run?")
    return "\n".join(lines)


def machine_info(model: str) -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": metadata.version("spacy"),
        "model": model,
    }


def fastest(best: dict | None, new: dict) -> dict:
    """Of two runs of the same thing, the one with the shorter loop: other
    load on a shared machine only ever makes a run slower."""
    return new if best is None or new["loop_seconds"] < best["loop_seconds"] else best


def write_results(path: Path, rows: list[Row], context: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {**context, "runs": [asdict(row) for row in rows]}
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    args = parse_args()
    if not CORPUS.is_file():
        print(f"skipped: corpus {CORPUS} not found")
        return
    articles = select_articles(CORPUS, args.limit)
    if not articles:
        print(f"skipped: no {CATEGORY} articles with ids {' or '.join(ID_PREFIXES)} in {CORPUS}")
        return
    words = sum(len(a["text"].split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words, batch size {args.batch_size}; this takes a few minutes")

    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp:
        work = Path(tmp)
        articles_file = work / "articles.jsonl"
        write_jsonl(articles, articles_file)
        cli = run_cli(articles_file, work, args.batch_size)  # first: RUSAGE_CHILDREN is then the CLI's own peak
        print(f"  CLI done in {cli['wall_seconds']:.1f} s")
        bare, library = None, None
        for attempt in range(args.repeat):  # alternate, keep each one's fastest run
            bare = fastest(bare, run_inline(BARE_SPACY, articles_file, args.batch_size))
            library = fastest(library, run_inline(LIBRARY, articles_file, args.batch_size))
            print(f"  round {attempt + 1}: bare spaCy {bare['loop_seconds']:.1f} s, library {library['loop_seconds']:.1f} s")
        print()

    rows = build_rows(len(articles), words, bare, library, cli)
    print(format_table(rows))
    print(format_notes(bare, library, cli))
    context = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(bare["model"]),
        "corpus": {
            "file": "../shared/corpus/news.jsonl",
            "selection": f"{args.limit} with category == {CATEGORY!r}, half each from {' and '.join(ID_PREFIXES)}, file order",
            "articles": len(articles),
            "words": words,
            "first_id": articles[0]["id"],
            "last_id": articles[-1]["id"],
        },
        "settings": {"limit": args.limit, "batch_size": args.batch_size, "pipeline": bare["pipeline"]},
        "cli": {"output_lines": cli["output_lines"], "events": cli["events"]},
        "library": {"events": library["events"], "subprocess_wall_seconds": library["wall_seconds"]},
        "bare_spacy": {"subprocess_wall_seconds": bare["wall_seconds"]},
        "cli_overhead_seconds": cli["wall_seconds"] - library["loop_seconds"],
    }
    write_results(RESULTS, rows, context)
    print(f"\nwritten: {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
