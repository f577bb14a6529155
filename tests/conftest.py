"""Shared fixtures. Data under ../shared is read in place, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "blinken_shanghai.txt"
CORPUS = SHARED / "corpus" / "news.jsonl"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared data folder sits beside the repository)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need(SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text):
    import detente

    return detente.analyze(seed_text, date="2024-04-25", title="Blinken in Shanghai")


@pytest.fixture(scope="session")
def analyze():
    """analyze(text, date=...) -> Analysis, with the model loaded once."""
    import detente

    def run(text: str, date: str | None = "2024-04-25"):
        return detente.analyze(text, date=date)

    return run


def codes(analysis) -> set[tuple]:
    """(source code, type, target code, modality) of every event."""
    return {(e.source.code, e.type, e.target.code if e.target else None, e.modality) for e in analysis.events}
