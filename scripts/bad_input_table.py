"""Write docs/evaluation/bad-input.md from one real ingest of the bad-input corpus.

    .venv/bin/python scripts/bad_input_table.py

The corpus is written by tests/robustness/corpus.py into a temporary folder
and read by `detente ingest FOLDER --db DB --no-fetch`;
tests/robustness/test_bad_input.py fails when the file is not current.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.robustness.corpus import outcomes, run_ingest, table, write_corpus  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "inputs")
        db = Path(tmp) / "store.duckdb"
        run = run_ingest(folder, db)
        if run.returncode != 1 or "Traceback" in run.stderr:
            print(f"unexpected run (exit {run.returncode}):\n{run.stderr}", file=sys.stderr)
            return 1
        doc = ROOT / "docs" / "evaluation" / "bad-input.md"
        doc.write_text(table(outcomes(db, folder)))
    print(f"wrote {doc} ({run.seconds:.0f} s, peak {run.peak_mb:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
