"""POLECAT-compatible rows: POLECAT's 40 columns, then two of detente's.

Tab-separated with a header row, as POLECAT's own files are; one row per
happening; lists in a cell are separated by ";". Columns detente cannot
fill (COW codes, Wikipedia ids, districts) are left empty; docs/export.md
lists each column's source.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, TextIO

from detente.datafiles import package_file, read_tsv
from detente.export.geo import coordinate, country_name
from detente.export.happenings import clean, day, event_day, integer

# POLECAT's columns in file order (names as POLECAT's files spell them).
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)
# Appended by detente: what POLECAT does not carry but a reader checks first.
EXTRA_COLUMNS: tuple[str, ...] = ("Evidence Sentence", "Source URL")
# GeoNames feature codes, as POLECAT's geocoder (Mordecai) reports them.
FEATURE_TYPES = {"country": "PCLI", "region": "ADM1", "city": "PPL"}
SEPARATOR = ";"


@cache
def mode_scores() -> dict[tuple[str, str], float]:
    """PLOVER (type, mode) → intensity score, from the ontology's modes table."""
    rows = read_tsv(package_file("detente.ontology", "plover_modes.tsv"), ("type", "mode", "score"))
    return {(r["type"], r["mode"]): float(r["score"]) for r in rows if r["score"]}


def write(rows: list[dict[str, Any]], stories: dict[str, dict[str, list[str]]], out: TextIO,
          header: bool = True) -> int:
    import csv

    # Quoted where needed (evidence sentences hold quotation marks), so that
    # CSV readers split the columns right.
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    if header:
        writer.writerow((*POLECAT_COLUMNS, *EXTRA_COLUMNS))
    for row in rows:
        writer.writerow([clean(cell) for cell in polecat_row(row, stories.get(row["article_key"], {}))])
    return len(rows)


def polecat_row(row: dict[str, Any], story: dict[str, list[str]]) -> list[Any]:
    """The 40 POLECAT cells and detente's two of one happening row."""
    event_date, published = event_day(row), day(row.get("article_date"))
    cells = [row["happening_id"], event_date.isoformat() if event_date else "", row["type"], row.get("mode"),
             _intensity(row), row.get("quad_class") and int(row["quad_class"]), _join(_contexts(row)),
             *_actor(row, "source"), *_actor(row, "target"), *_place(row),
             row.get("article_publisher"), published.isoformat() if published else "",
             *(_join(story.get(k, [])) for k in ("people", "organisations", "locations")),
             row.get("article_language"), _version(),
             row.get("evidence_sentence"), row.get("article_url")]
    assert len(cells) == len(POLECAT_COLUMNS) + len(EXTRA_COLUMNS)
    return cells


def _intensity(row: dict[str, Any]) -> str:
    """The PLOVER score of the type/mode; without a scored mode, the CAMEO
    code's Goldstein value (both run -10..+10)."""
    score = mode_scores().get((row["type"], row.get("mode") or ""))
    if score is None:
        score = row.get("goldstein")
    return "" if score is None else f"{float(score):g}"


def _contexts(row: dict[str, Any]) -> list[str]:
    value = row.get("contexts")
    return json.loads(value) if isinstance(value, str) and value else []


def _actor(row: dict[str, Any], side: str) -> list[Any]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID."""
    name = row.get(f"{side}_name")
    if not name:
        return [""] * 8
    sector = row.get(f"{side}_sector")
    role = row.get(f"{side}_role")
    return [name, row.get(f"{side}_country"), "", sector, sector, role.replace("_", " ") if role else "",
            _raw_name(row.get(f"{side}_mentions"), row), ""]


def _place(row: dict[str, Any]) -> list[Any]:
    """Placename, City, District, Province, Country, Lat, Lon, GeoNames ID,
    Raw Placename, Feature Type."""
    name = row.get("location_name")
    if not name:
        return [""] * 10
    kind, iso3 = row.get("location_kind"), row.get("location_country")
    return [name, name if kind == "city" else "", "", name if kind == "region" else "",
            country_name(iso3) if iso3 else "", coordinate(row.get("location_lat")),
            coordinate(row.get("location_lon")), integer(row.get("location_geonameid")),
            _raw_name(row.get("location_mentions"), row), FEATURE_TYPES.get(kind or "", "")]


def _raw_name(mentions: Any, row: dict[str, Any]) -> str:
    """How the article named it: the mention inside the evidence sentence,
    else the first one (``mentions`` is the stored JSON list of spans)."""
    spans = json.loads(mentions) if isinstance(mentions, str) and mentions else []
    start, end = row.get("evidence_start"), row.get("evidence_end")
    inside = [s for s in spans if start is not None and start <= s["start"] and s["end"] <= end]
    return (inside or spans or [{"text": ""}])[0]["text"]


def _join(items: list[str]) -> str:
    return SEPARATOR.join(str(i) for i in items)


def _version() -> str:
    from detente import __version__

    return f"detente-{__version__}"


def story_lists(store, keys: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per article: the people, organisations and places it names, each
    once, in the order detente found them (POLECAT's Story People/Organizations/Locations)."""
    stories: dict[str, dict[str, list[str]]] = {k: {"people": [], "organisations": [], "locations": []}
                                                for k in keys}
    kinds = {"person": "people", "organisation": "organisations"}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        actors = store.backend.rows(
            f'SELECT "article_key", "id", "kind", "name" FROM "actors" WHERE "article_key" IN ({marks})', chunk)
        for key, _, kind, name in sorted(actors, key=_in_article_order):
            _add(stories[key], kinds.get(kind), name)
        places = store.backend.rows(
            f'SELECT "article_key", "id", "name" FROM "places" WHERE "article_key" IN ({marks})', chunk)
        for key, _, name in sorted(places, key=_in_article_order):
            _add(stories[key], "locations", name)
    return stories


def _in_article_order(row: tuple) -> tuple:
    # Ids are numbered in the order found (a1, a2, ..., a10): compare the numbers, not the text.
    key, ident = row[0], row[1]
    digits = ident.lstrip("abcdefghijklmnopqrstuvwxyz")
    return key, int(digits) if digits.isdigit() else 0, ident


def _add(story: dict[str, list[str]], field: str | None, name: str) -> None:
    if field and name not in story[field]:
        story[field].append(name)
