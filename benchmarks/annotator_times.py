"""Where detente's time goes beyond the spaCy floor, per annotator.

    .venv/bin/python benchmarks/annotator_times.py [--articles 300]

Parses the benchmark's articles (bench_ingest.select_articles) once with
``nlp.pipe``, then runs each step of ``detente.analysis.annotate`` over all
the parsed Docs in turn, timing each step on its own (no profiler overhead),
and the ingest's per-article steps outside the analysis (language check,
Store.write). Prints ms per article for each, next to spaCy's own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from bench_ingest import CORPUS, WARM_UP_TEXT, select_articles, to_articles, warm_up_store  # noqa: E402


class Clock:
    def __init__(self):
        self.seconds: dict[str, float] = {}

    def run(self, name: str, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
        return result


def annotate_timed(clock: Clock, doc, article, dictionary):
    """detente.analysis.annotate, step by step (keep in step with it)."""
    from detente.actors.extract import find_actors
    from detente.analysis import enrich_events
    from detente.events.extract import find_events
    from detente.events.merge import merge_within
    from detente.places.extract import extract_places
    from detente.places.precision import set_location_precision
    from detente.quotes import find_quotes
    from detente.themes import find_themes
    from detente.tone import article_tone

    places = clock.run("places", extract_places, doc)
    table = clock.run("actors", find_actors, doc, places, article.date, dictionary)
    events = clock.run("events", find_events, doc, table, places, article.date)
    clock.run("event dates, tone, contexts", enrich_events, doc, events, article.date)
    people = {a.id for a in table.actors.values() if a.kind == "person"}
    events = clock.run("merge within article", merge_within, events, people)
    clock.run("location precision", set_location_precision, events, doc.text, places, False)
    clock.run("article tone", article_tone, doc)
    clock.run("themes", find_themes, doc)
    clock.run("quotes", find_quotes, doc, table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    from detente.analysis import Options, analyze
    from detente.ingest.language import check_language
    from detente.nlp import load_model

    articles = to_articles(select_articles(CORPUS, args.articles))
    options = Options(batch_size=args.batch_size)
    analyze(WARM_UP_TEXT, options=options)
    check_language(articles[0])
    clock, nlp, dictionary = Clock(), load_model(), options.dictionary()
    for article in articles:
        clock.run("language check", check_language, article)
    docs = clock.run("spaCy nlp.pipe (floor)", lambda: list(nlp.pipe([a.text for a in articles],
                                                                        batch_size=args.batch_size)))
    for doc, article in zip(docs, articles):
        annotate_timed(clock, doc, article, dictionary)
    clock.seconds.update(write_all(articles, options))
    report(clock.seconds, len(articles))


def write_all(articles, options) -> dict[str, float]:
    """Seconds to make the near-duplicate signatures and to write the
    analyses (made here untimed) as ingest does, first-use imports done
    before (warm_up_store)."""
    from detente.analysis import analyze_many
    from detente.store import article_key, open_store, prepare

    keys = [article_key(a) for a in articles]
    analyses = list(analyze_many([a.model_copy(update={"id": k}) for a, k in zip(articles, keys)], options=options))
    warm_up_store()
    start = time.perf_counter()
    stored = [prepare(key, a, analysis) for key, a, analysis in zip(keys, articles, analyses)]
    signed = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "t.duckdb")) as store:
        run = store.start_run(["annotator_times"])
        start = time.perf_counter()
        for i in range(0, len(stored), 64):
            store.write(stored[i:i + 64], run)
        return {"near-duplicate signatures": signed, "Store.write (64 per txn)": time.perf_counter() - start}


def report(seconds: dict[str, float], articles: int) -> None:
    floor = seconds["spaCy nlp.pipe (floor)"]
    print(f"{articles} articles; ms per article; share of the spaCy floor")
    for name, value in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{name:<32} {1000 * value / articles:8.2f} ms  {100 * value / floor:6.1f}%")
    extra = sum(value for name, value in seconds.items() if name != "spaCy nlp.pipe (floor)")
    print(f"{'all beyond the floor':<32} {1000 * extra / articles:8.2f} ms  {100 * extra / floor:6.1f}%")


if __name__ == "__main__":
    main()
