"""sparkline() and plot_relations()."""

from __future__ import annotations

import pytest

from detente.analytics.plot import plot_relations, sparkline
from detente.analytics.relations import relations
from detente.errors import ExportError
from tests.analytics.test_relations import SYNTHETIC

PNG = b"\x89PNG\r\n\x1a\n"


def test_sparkline_scales_lowest_to_highest():
    assert sparkline([0, 7, 14]) == "▁▅█"
    assert sparkline([-8.0, 0.0, 3.5]) == "▁▆█"
    assert sparkline([2, 2]) == "▄▄" and sparkline([]) == ""
    assert sparkline([1, float("nan"), 3]) == "▁ █"


def test_plot_writes_a_png(tmp_path):
    from tests.analytics.conftest import insert_synthetic

    db = insert_synthetic(str(tmp_path / "p.duckdb"), SYNTHETIC)
    path = plot_relations(relations(db, "USA", "CHN", both=True), tmp_path / "usa_chn.png", "USA <-> CHN")
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 450)


@pytest.mark.parametrize("name, message", [
    ("missing/out.png", "does not exist"), ("out.svg", "ending in .png"), (".", "is a folder"),
])
def test_unwritable_paths_are_clear_errors(tmp_path, name, message):
    frame = relations(str(tmp_path / "e.duckdb"), "USA", "CHN", since="2024-01-01", until="2024-01-31")
    with pytest.raises(ExportError, match=message):
        plot_relations(frame, tmp_path / name)
