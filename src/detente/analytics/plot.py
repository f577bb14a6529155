"""Pictures of a relations timeline: a unicode sparkline and a PNG chart."""

from __future__ import annotations

import math
from pathlib import Path

from detente.errors import ExportError

BLOCKS = "▁▂▃▄▅▆▇█"
QUAD_COLOURS = {"verbal_coop": "#9ecae1", "material_coop": "#3182bd", "verbal_conflict": "#fdae6b",
                "material_conflict": "#e6550d"}


def sparkline(values) -> str:
    """One block per value, scaled from the lowest (▁) to the highest (█);
    a missing value is a space, a flat series a row of ▄."""
    numbers = [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in values]
    present = [v for v in numbers if v is not None]
    if not present:
        return " " * len(numbers)
    low, high = min(present), max(present)
    if high == low:
        return "".join(" " if v is None else BLOCKS[3] for v in numbers)
    steps = len(BLOCKS) - 1
    return "".join(" " if v is None else BLOCKS[int((v - low) / (high - low) * steps + 0.5)] for v in numbers)


def plot_relations(frame, path: str | Path, title: str = "") -> Path:
    """Write ``frame`` (from ``relations``) as a PNG: happenings per period as
    bars stacked by quad class, the Goldstein sum as a line on its own axis."""
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    path = _writable(Path(path))
    figure, counts = plt.subplots(figsize=(10, 4.5), dpi=100)
    try:
        _draw(frame, counts, title)
        figure.tight_layout()
        figure.savefig(path, format="png")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the chart ({exc.strerror or exc}); choose another --plot path") from None
    finally:
        plt.close(figure)
    return path


def _draw(frame, counts, title: str) -> None:
    periods = list(frame["period"])
    width = _bar_width(periods)
    bottom = [0] * len(frame)
    for column, colour in QUAD_COLOURS.items():
        values = list(frame[column])
        counts.bar(periods, values, width=width, bottom=bottom, color=colour, label=column.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values)]
    counts.set_ylabel("happenings")
    counts.set_title(title)
    goldstein = counts.twinx()
    goldstein.plot(periods, list(frame["goldstein_sum"]), color="black", marker="o", markersize=3,
                   label="Goldstein sum")
    goldstein.axhline(0, color="grey", linewidth=0.5)
    goldstein.set_ylabel("Goldstein sum")
    handles = counts.get_legend_handles_labels()[0] + goldstein.get_legend_handles_labels()[0]
    counts.legend(handles=handles, loc="upper left", fontsize="small", frameon=False)


def _bar_width(periods) -> float:
    """Bars a little narrower than the spacing between periods (in days)."""
    if len(periods) < 2:
        return 5.0
    return 0.8 * (periods[1] - periods[0]).days


def _writable(path: Path) -> Path:
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'relations.png'}")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist; create it or choose another --plot path")
    if path.suffix.lower() != ".png":
        raise ExportError(f"{path}: the chart is a PNG; give a file name ending in .png")
    return path
