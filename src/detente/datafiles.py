"""Reading detente's TSV data files (ontology, lexicons, actor dictionaries).

Format: UTF-8, tab-separated, one header row, ``#`` starts a comment line,
``|`` separates the items of a list cell. See docs/data-formats.md.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from detente.errors import DataFileError


def package_file(package: str, name: str) -> Path:
    """Path of a data file shipped inside ``package`` (e.g. 'detente.ontology')."""
    return Path(str(resources.files(package).joinpath("data", name)))


def read_tsv(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; raises DataFileError naming file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found; check the path") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 ({exc.reason}); save the file as UTF-8") from None
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise DataFileError(f"{path}: no header row; the first non-comment line must name the columns")
    header = [h.strip() for h in numbered[0][1].split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(
            f"{path}: missing column(s) {', '.join(missing)}; the header must contain {', '.join(required)}"
        )
    return [_row(path, n, line, header) for n, line in numbered[1:]]


def _row(path: Path, number: int, line: str, header: list[str]) -> dict[str, str]:
    cells = line.split("\t")
    if len(cells) < len(header):
        cells += [""] * (len(header) - len(cells))
    if len(cells) > len(header):
        raise DataFileError(
            f"{path} line {number}: {len(cells)} tab-separated cells for {len(header)} columns; "
            "remove the extra tabs"
        )
    return {h: c.strip() for h, c in zip(header, cells)}


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())
