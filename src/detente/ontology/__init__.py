"""The event ontology: PLOVER types and modes, CAMEO codes, sectors.

Data files in ``ontology/data/`` (documented in docs/data-formats.md) are
read once per process. CAMEO codes carry the Goldstein value and the GDELT
quad class; their PLOVER type and mode say what detente reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from detente.datafiles import package_file, read_tsv
from detente.errors import OntologyError

PACKAGE = "detente.ontology"
MODALITIES = ("asserted", "future", "negated", "hypothetical")


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    label: str


@dataclass(frozen=True)
class PloverType:
    type: str
    quad_class: int
    score: float
    definition: str


@cache
def cameo_codes() -> dict[str, CameoCode]:
    rows = read_tsv(package_file(PACKAGE, "cameo.tsv"), ("code", "root", "goldstein", "quad_class"))
    return {
        r["code"]: CameoCode(r["code"], r["root"], float(r["goldstein"]), int(r["quad_class"]),
                             r["plover_type"] or None, r["plover_mode"] or None, r["label"])
        for r in rows
    }


@cache
def plover_types() -> dict[str, PloverType]:
    rows = read_tsv(package_file(PACKAGE, "plover_types.tsv"), ("type", "quad_class", "score"))
    return {r["type"]: PloverType(r["type"], int(r["quad_class"]), float(r["score"]), r["definition"]) for r in rows}


@cache
def plover_modes() -> dict[str, set[str]]:
    modes: dict[str, set[str]] = {}
    for r in read_tsv(package_file(PACKAGE, "plover_modes.tsv"), ("type", "mode")):
        modes.setdefault(r["type"], set()).add(r["mode"])
    return modes


@cache
def sectors() -> dict[str, str]:
    return {r["code"]: r["label"] for r in read_tsv(package_file(PACKAGE, "sectors.tsv"), ("code", "label"))}


def cameo(code: str) -> CameoCode:
    """The CAMEO code record; raises OntologyError for unknown codes."""
    found = cameo_codes().get(code)
    if found is None:
        raise OntologyError(
            f"CAMEO code {code!r} is not in the ontology; use a code from ontology/data/cameo.tsv"
        )
    return found
