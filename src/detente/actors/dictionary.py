"""The dated actor dictionary: people in office, organisations, institutions.

The bundled files live in ``actors/data/dictionary/*.tsv``; users add their
own files of the same format (docs/data-formats.md) with ``--actors FILE``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from detente.datafiles import package_file, read_tsv, split_list
from detente.errors import DataFileError

COLUMNS = ("name", "aliases", "country", "sector", "role", "from", "to", "kind")
KINDS = {"person", "org", "igo"}
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "igo_head", "other"}


def parse_date(text: str, *, end: bool) -> dt.date | None:
    """'2021', '2021-01' or '2021-01-26'; partial dates widen to the period."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        return dt.date(year, month, parts[2])
    day = calendar.monthrange(year, month)[1] if end else 1
    return dt.date(year, month, day)


@dataclass(frozen=True)
class Entry:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    role: str | None
    start: dt.date | None
    end: dt.date | None
    kind: str

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def distance(self, day: dt.date | None) -> int:
        """Days between ``day`` and the entry's period (0 inside it)."""
        if day is None or self.valid_on(day):
            return 0
        if self.start and day < self.start:
            return (self.start - day).days
        return (day - self.end).days if self.end else 0

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _entry(path: Path, row: dict[str, str]) -> Entry:
    kind, role = row["kind"] or "person", row["role"] or None
    if kind not in KINDS or (role and role not in ROLES):
        raise DataFileError(
            f"{path}: row {row['name']!r} has kind {kind!r} / role {role!r}; "
            f"kind must be one of {sorted(KINDS)} and role one of {sorted(ROLES)}"
        )
    try:
        start, end = parse_date(row["from"], end=False), parse_date(row["to"], end=True)
    except ValueError:
        raise DataFileError(
            f"{path}: row {row['name']!r} has dates {row['from']!r}..{row['to']!r}; use YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    return Entry(row["name"], split_list(row["aliases"]), row["country"] or None,
                 row["sector"] or None, role, start, end, kind)


def load_entries(path: Path) -> list[Entry]:
    return [_entry(path, row) for row in read_tsv(path, COLUMNS)]


@dataclass
class ActorDictionary:
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_surname: dict[str, list[Entry]] = {}
        self._by_name: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self._by_name.setdefault(entry.name, []).append(entry)
        from detente.actors.extract import surname_forms

        for entry in self.entries:
            if entry.kind == "person":
                forms = {f for name in (entry.name, *entry.aliases) for f in surname_forms(name, entry.country)}
                for surname in forms:
                    self._by_surname.setdefault(surname, []).append(entry)

    def names(self) -> Iterable[tuple[str, int]]:
        """(surface form, entry index) for every name and alias."""
        for index, entry in enumerate(self.entries):
            for name in (entry.name, *entry.aliases):
                yield name, index

    def by_name(self, name: str) -> list[Entry]:
        """Every entry (office, period) of the person or body of this canonical name."""
        return self._by_name.get(name, [])

    def by_surname(self, surname: str) -> list[Entry]:
        return self._by_surname.get(surname, [])

    def holder(self, country: str | None, role: str, day: dt.date | None) -> Entry | None:
        """Who held ``role`` for ``country`` on ``day`` ("the US president")."""
        roles = (role, "head_of_state") if role == "head_of_government" else (role,)
        for wanted in roles:
            found = [e for e in self.entries if e.country == country and e.role == wanted and e.valid_on(day)]
            if found and day is not None:
                return found[0]
        return None


#: How far outside an office's dates a person still counts as holding it
#: (reporting lags, acting periods, dates known only to the month).
GRACE_DAYS = 31


def best_entry(entries: list[Entry], day: dt.date | None) -> Entry:
    """The entry valid on ``day``, else the one closest in time."""
    return min(entries, key=lambda e: (e.distance(day), e.role != "head_of_state"))


def former(entry: Entry, day: dt.date | None) -> bool:
    """Out of this office by ``day`` (PLOVER's ELI: former officials)."""
    return day is not None and entry.end is not None and (day - entry.end).days > GRACE_DAYS


def in_office(entry: Entry, day: dt.date | None) -> bool:
    """Whether ``entry`` describes the person on ``day``: a candidate in 2016
    is not yet the president of 2017. Undated articles give no evidence
    either way, so the entry is used."""
    return entry.kind != "person" or entry.distance(day) <= GRACE_DAYS


def bundled_files() -> list[Path]:
    folder = package_file("detente.actors", "dictionary")
    return sorted(folder.glob("*.tsv"))


@cache
def actor_dictionary(extra: tuple[str, ...] = ()) -> ActorDictionary:
    """Bundled entries plus those of the user's files (later files add to earlier)."""
    entries: list[Entry] = []
    for path in [*bundled_files(), *(Path(p) for p in extra)]:
        entries.extend(load_entries(path))
    return ActorDictionary(entries)
