"""GDELT 2.0 Events rows: 61 tab-separated columns, one row per happening.

Files have no header row (GDELT's do not) unless asked for; empty values are
empty fields; UTF-8. Where each column's value comes from is documented,
column by column, in docs/export.md.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Any, TextIO

from detente.datafiles import package_file, read_tsv
from detente.export.geo import EMPTY_CELLS, GeoBlock, country_block, place_block
from detente.export.happenings import clean, event_day, moment

# The GDELT 2.0 Events columns, in file order (names as GDELT spells them).
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

# detente sectors whose CAMEO actor type is spelled differently: PLOVER's
# JRN (media) is CAMEO's MED, PLOVER's MED (health) is CAMEO's HLH, civil
# society is CAMEO's non-governmental movement; "unidentified" has no type.
CAMEO_TYPES = {"JRN": "MED", "MED": "HLH", "SOC": "NGM", "UNK": ""}
# IsRootEvent: the happening is told in the kept article's first sentences
# (the lead of wire copy, where ICEWS found the important events).
LEAD_SENTENCES = 2
# A sentence ends at . ! or ? after two lower-case letters or digits (so
# "U.S." and "Mr." do not end one), then optional closing quotes or brackets.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{2})[.!?][\"'”’)\]]*\s+")


@cache
def known_groups() -> dict[str, str]:
    """Dictionary organisation name → CAMEO known-group code."""
    rows = read_tsv(package_file("detente.export", "known_groups.tsv"), ("name", "code"))
    return {r["name"]: r["code"] for r in rows}


def write(rows: list[dict[str, Any]], out: TextIO, header: bool = False) -> int:
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    for row in rows:
        # GDELT files are unquoted: a stray '"' (a name read with its quote
        # mark) would make CSV readers such as pandas open a quoted field.
        out.write("\t".join(clean(cell).replace('"', "") for cell in gdelt_row(row)) + "\n")
    return len(rows)


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """The 61 cells of one happening row (see ``happenings.happening_rows``)."""
    cells = [global_event_id(row["happening_id"]), *_dates(row), *actor_cells(row, "source"),
             *actor_cells(row, "target"), *_event_cells(row), *geo_cells(row), *_added(row)]
    assert len(cells) == len(GDELT_COLUMNS)
    return cells


def global_event_id(happening: str) -> int:
    """A stable integer from the happening id: its 60-bit hex part (ids are
    "m" + 15 hex digits), else the first 60 bits of its SHA-1; below 2**63,
    so it fits GDELT's INTEGER (BigQuery INT64)."""
    digits = happening[1:] if re.fullmatch(r"m[0-9a-f]{15}", happening) else \
        hashlib.sha1(happening.encode("utf-8")).hexdigest()[:15]
    return int(digits, 16)


def _dates(row: dict[str, Any]) -> list[Any]:
    day = event_day(row)
    if day is None:
        return ["", "", "", ""]
    # GDELT's approximation, kept for compatibility: (month * 30 + day) / 365.
    fraction = day.year + (day.month * 30 + day.day) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction:.4f}"]


def actor_cells(row: dict[str, Any], side: str) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1/2, Type1/2/3."""
    name = row.get(f"{side}_name")
    if not name:
        return [""] * len(_ACTOR)
    country = row.get(f"{side}_country") or ""
    sector = row.get(f"{side}_sector") or ""
    kind = CAMEO_TYPES.get(sector, sector)
    group = known_groups().get(name, "")
    # GDELT's actor code strings country, type and known group together (IGOUNO).
    return [country + kind + group, name.upper(), country, group, "", "", "", kind, "", ""]


def _event_cells(row: dict[str, Any]) -> list[Any]:
    code = row.get("cameo") or ""
    root = row.get("cameo_root") or code[:2]
    quad = row.get("quad_class")
    return [is_root_event(row), code, code[:3], root, "" if quad is None else int(quad),
            _number(row.get("goldstein")), row.get("num_mentions"), row.get("num_sources"),
            row.get("num_articles"), _number(row.get("avg_tone"), 6)]


def is_root_event(row: dict[str, Any]) -> int:
    """1 when the happening's first sentence in the kept article (its
    evidence or an earlier mention) starts inside the article's first
    LEAD_SENTENCES sentences."""
    starts = [s for s in (row.get("evidence_start"), row.get("mention_start")) if s is not None]
    lead = row.get("article_lead") or ""
    ends = [m.end() for m in _SENTENCE_END.finditer(lead)]
    lead_end = ends[LEAD_SENTENCES - 1] if len(ends) >= LEAD_SENTENCES else len(lead)
    return int(bool(starts) and min(int(s) for s in starts) < lead_end)


def geo_cells(row: dict[str, Any]) -> list[str]:
    """Actor1Geo, Actor2Geo and ActionGeo blocks (8 cells each)."""
    action = _action_block(row)
    blocks = [_actor_block(row, side, action) for side in ("source", "target")] + [action]
    return [cell for block in blocks for cell in (block.cells() if block else EMPTY_CELLS)]


def _action_block(row: dict[str, Any]) -> GeoBlock | None:
    if not row.get("location_name"):
        return None
    place = {"name": row["location_name"], "country": row.get("location_country"),
             "kind": row.get("location_kind") or "country", "lat": row.get("location_lat"),
             "lon": row.get("location_lon"), "geonameid": row.get("location_geonameid")}
    return place_block(place)


def _actor_block(row: dict[str, Any], side: str, action: GeoBlock | None) -> GeoBlock | None:
    """Where the actor is: the event's place when that lies in the actor's
    own country (the host of a meeting in Beijing is in Beijing), else the
    actor's country. GDELT reads the place named nearest the actor instead."""
    country = row.get(f"{side}_country")
    if not row.get(f"{side}_name") or not country:
        return None
    home = country_block(country)
    if action is not None and home is not None and action.country == home.country:
        return action
    return home


def _added(row: dict[str, Any]) -> list[Any]:
    added = moment(row.get("first_added")) or moment(row.get("article_ingested_at"))
    return [added.strftime("%Y%m%d%H%M%S") if added else "", row.get("article_url") or row["article_key"]]


def _number(value: Any, places: int = 2) -> str:
    if value is None:
        return ""
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
