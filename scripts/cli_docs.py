"""Write docs/cli.md from the CLI's own --help (sqlite-utils style).

`make docs` runs it; tests/cli/test_docs.py fails when docs/cli.md no longer
matches what `detente --help` prints, so the reference cannot drift.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

COMMANDS = ([], ["extract"], ["evaluate"])
DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def help_text(args: list[str]) -> str:
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "detente", *args, "--help"],
                            capture_output=True, text=True, env=env, check=True)
    return "\n".join(line.rstrip() for line in result.stdout.strip().splitlines())


def render() -> str:
    parts = ["# Command-line reference", "",
             "Generated from `--help` by `make docs`; a test checks that it is current.", ""]
    for args in COMMANDS:
        name = " ".join(["detente", *args])
        parts += [f"## `{name}`", "", "```", help_text(args), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
