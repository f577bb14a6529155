"""Country names, demonyms and capitals; office titles and group nouns.

Loaded from ``actors/data/countries.tsv``, ``roles.tsv`` and
``party_states.tsv`` once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from detente.datafiles import package_file, read_tsv, split_list


@dataclass(frozen=True)
class CountryRow:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class CountryLexicon:
    rows: tuple[CountryRow, ...]

    def by_iso3(self) -> dict[str, CountryRow]:
        return {row.iso3: row for row in self.rows}

    def terms(self):
        """Yield (surface form, iso3, kind) with kind name|adjective|capital."""
        for row in self.rows:
            for name in (row.name, *row.aliases):
                yield name, row.iso3, "name"
            for adj in row.adjectives:
                yield adj, row.iso3, "adjective"
            for capital in row.capitals:
                yield capital, row.iso3, "capital"


@cache
def country_lexicon() -> CountryLexicon:
    path = package_file("detente.actors", "countries.tsv")
    rows = read_tsv(path, ("iso3", "name", "aliases", "adjectives", "capitals"))
    return CountryLexicon(tuple(
        CountryRow(r["iso3"], r["name"], split_list(r["aliases"]),
                   split_list(r["adjectives"]), split_list(r["capitals"]))
        for r in rows
    ))


@cache
def country_name(iso3: str) -> str:
    row = country_lexicon().by_iso3().get(iso3)
    return row.name if row else iso3


@dataclass(frozen=True)
class RoleTerm:
    term: str
    sector: str
    role: str | None

    @property
    def strength(self) -> int:
        """How decisive the term is: named offices > other sectors > vague GOV words."""
        if self.role and self.role != "other":
            return 3
        return 1 if self.sector == "GOV" else 2


@dataclass(frozen=True)
class RoleLexicon:
    terms: dict[tuple[str, ...], RoleTerm]
    longest: int
    # Every term's last word: a token that is none of them (by its lowercase
    # form or lemma) ends no term, and most tokens are ruled out by this alone.
    last_words: frozenset[str] = frozenset()

    def match_at(self, words_lower: list[str], last_lemma: str) -> RoleTerm | None:
        """Longest term ending at the last word (matched on its lemma)."""
        for size in range(min(self.longest, len(words_lower)), 0, -1):
            key = (*words_lower[len(words_lower) - size:-1], last_lemma)
            exact = (*words_lower[len(words_lower) - size:],)
            found = self.terms.get(key) or self.terms.get(exact)
            if found:
                return found
        return None


@cache
def role_lexicon() -> RoleLexicon:
    rows = read_tsv(package_file("detente.actors", "roles.tsv"), ("term", "sector", "role"))
    terms = {
        tuple(r["term"].lower().split()): RoleTerm(r["term"].lower(), r["sector"], r["role"] or None)
        for r in rows
    }
    return RoleLexicon(terms, max(len(k) for k in terms), frozenset(k[-1] for k in terms))


@cache
def party_states() -> dict[str, tuple[dt.date | None, dt.date | None]]:
    from detente.actors.dictionary import parse_date

    rows = read_tsv(package_file("detente.actors", "party_states.tsv"), ("iso3", "from", "to"))
    return {r["iso3"]: (parse_date(r["from"], end=False), parse_date(r["to"], end=True)) for r in rows}


def ruling_party_is_government(iso3: str | None, on: dt.date | None) -> bool:
    span = party_states().get(iso3 or "")
    if span is None:
        return False
    start, end = span
    return on is None or ((start is None or start <= on) and (end is None or on <= end))
