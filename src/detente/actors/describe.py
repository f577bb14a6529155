"""What the words around a name say about an actor: country, sector, role.

"US Secretary of State", "the Chinese Communist Party secretary for
Shanghai", "Russia's foreign minister", "Israeli troops": a title or group
noun gives the sector (and a role for offices), a country name, demonym,
capital, city or a known organisation gives the country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from detente.actors.dictionary import Entry
from detente.actors.lexicon import RoleTerm, role_lexicon, ruling_party_is_government

# An organisation's own sector (Hamas: REB, Pentagon: MIL) beats a vague title
# ("spokesman", "leader") but not a named office ("foreign minister").
ORG_STRENGTH = 2.5


@dataclass
class Description:
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    strength: float = 0.0
    title: str | None = None

    def offer_sector(self, sector: str | None, strength: float, role: str | None = None) -> None:
        if sector and strength > self.strength:
            self.sector, self.strength = sector, strength
            self.role = role if role else self.role

    def finish(self, day: dt.date | None) -> Description:
        if self.sector == "PTY" and ruling_party_is_government(self.country, day):
            self.sector = "GOV"
        if self.sector == "IGO":
            self.country = None
        return self


def role_at(token: Token) -> RoleTerm | None:
    """The longest title or group noun ending at ``token``."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lexicon = role_lexicon()
    if token.lower_ not in lexicon.last_words and token.lemma_.lower() not in lexicon.last_words:
        return None  # ends no term; match_at would find nothing (it is called for most nouns)
    start = max(token.i - lexicon.longest + 1, 0)
    for j in range(token.i, start, -1):  # stay inside the sentence (token.sent is slow)
        if token.doc[j].is_sent_start:
            start = j
            break
    words = [t.lower_ for t in token.doc[start:token.i + 1]]
    return lexicon.match_at(words, token.lemma_.lower())


def describe(tokens: Iterable[Token], names, places, day: dt.date | None) -> Description:
    """Country and sector from the tokens around a mention.

    ``names`` maps token index -> ('country', iso3, kind) or ('entry', Entry);
    ``places`` is the article's PlaceIndex.
    """
    found = Description()
    for token in tokens:
        _describe_token(token, found, names, places)
    return found.finish(day)


def _describe_token(token: Token, found: Description, names, places) -> None:
    label = names.get(token.i)
    if label and label[0] == "country":
        found.country = found.country or label[1]
    elif label and label[0] == "entry":
        entry: Entry = label[1]
        if entry.kind != "person":
            found.country = found.country or entry.country
            found.offer_sector(entry.sector, ORG_STRENGTH)
    else:
        place = places.at(token.i)
        if place is not None and place.country:
            found.country = found.country or place.country
    term = role_at(token)
    if term is not None:
        found.offer_sector(term.sector, term.strength, term.role)
        if term.strength >= found.strength:
            found.title = term.term
