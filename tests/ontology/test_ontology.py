"""The ontology and lexicon data files are complete and consistent."""

from __future__ import annotations

import datetime as dt

from detente.actors.dictionary import actor_dictionary
from detente.actors.lexicon import country_lexicon, role_lexicon
from detente.events.lexicon import trigger_index
from detente.ontology import cameo, cameo_codes, plover_modes, plover_types, sectors

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_plover_types_and_modes():
    assert set(plover_types()) == PLOVER
    assert sum(len(m) for m in plover_modes().values()) == 67
    for code in cameo_codes().values():
        assert code.plover_type is None or code.plover_type in PLOVER
        assert code.plover_mode is None or code.plover_mode in plover_modes()[code.plover_type]


def test_cameo_quad_classes_follow_gdelt_roots():
    expected = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
                **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    for code in cameo_codes().values():
        assert code.quad_class == expected[int(code.root)], code.code
        assert -10 <= code.goldstein <= 10
    assert (cameo("042").plover_type, cameo("042").plover_mode, cameo("042").goldstein) == ("CONSULT", "visit", 1.9)


def test_every_trigger_maps_to_a_typed_code():
    triggers = [t for ts in trigger_index().values() for t in ts]
    assert len(triggers) > 250
    assert {t.cameo.plover_type for t in triggers} == PLOVER


def test_roles_use_known_sectors():
    known = set(sectors())
    assert all(term.sector in known for term in role_lexicon().terms.values())


def test_countries_cover_the_un_and_have_adjectives():
    rows = country_lexicon().rows
    assert len(rows) >= 193
    assert all(row.adjectives and row.capitals for row in rows)


def test_dictionary_office_holders_by_date():
    d = actor_dictionary()
    holder = lambda country, role, day: d.holder(country, role, dt.date.fromisoformat(day)).name  # noqa: E731
    assert holder("USA", "head_of_state", "2010-06-01") == "Barack Obama"
    assert holder("USA", "foreign_minister", "2022-03-01") == "Antony Blinken"
    assert holder("RUS", "foreign_minister", "2024-04-25") == "Sergei Lavrov"
    assert holder("GBR", "head_of_government", "2023-01-15") == "Rishi Sunak"
    assert holder("DEU", "head_of_government", "2012-05-01") == "Angela Merkel"


def test_dictionary_offices_do_not_overlap():
    by_office: dict[tuple, list] = {}
    for entry in actor_dictionary().entries:
        if entry.kind == "person" and entry.role in ("head_of_state", "head_of_government",
                                                     "foreign_minister", "defence_minister") and entry.country:
            by_office.setdefault((entry.country, entry.role), []).append(entry)
    for office, entries in by_office.items():
        entries.sort(key=lambda e: e.start or dt.date.min)
        for before, after in zip(entries, entries[1:]):
            if before.end and after.start:
                assert (before.end - after.start).days <= 2, f"{office}: {before.name} overlaps {after.name}"
