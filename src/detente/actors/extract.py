"""Find an article's actors and resolve every mention to one of them.

Order of work, each pass seeing what the earlier ones found:
1. names: the actor dictionary and the country lexicon, matched on the text;
2. people: dictionary names and PERSON entities, described by their title
   and apposition, then later surname-only mentions ("Blinken");
3. organisations, states and capitals used as actors ("Beijing said");
4. group and office nouns ("Israeli troops", "the US president");
5. pronouns and pairs ("he", "both countries"): see ``detente.actors.coref``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from detente.actors.describe import Description, describe, role_at
from detente.actors.dictionary import ActorDictionary, Entry, best_entry, former, in_office
from detente.actors.lexicon import country_name
from detente.actors.matcher import name_matches
from detente.nlp import doc_text, tokens_tagged
from detente.places.extract import PlaceIndex
from detente.schema import Actor, ActorRef, Mention

# Dependencies that make a capital stand for its government ("Beijing said",
# "Beijing's officials") rather than a location ("talks in Beijing").
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "appos", "ROOT", "dative"}
ACTOR_PREPS = {"with", "against", "by", "between", "from"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "det", "nummod", "case", "punct", "prep", "pobj", "cc", "conj"}
CONTEXT_PREPS = {"of", "for", "from", "in", "at"}
# Nouns that name people only through their modifiers: "union figures",
# "opposition representatives", "Hamas members".
GENERIC_HEADS = {"figure", "representative", "member", "head", "chief", "boss", "delegate", "envoy"}
MOTION_VERBS = {"visit", "tour", "reach", "leave", "enter", "travel", "fly", "arrive", "attack", "bomb", "shell", "strike", "occupy", "invade"}
INDEFINITE = {"a", "an", "any", "another", "some", "every", "each"}
NAME_TAGS = ("PROPN", "NOUN")  # the parts of speech ``_name_like`` takes


@dataclass
class ActorTable:
    """The article's actors and which tokens mention which actor."""

    actors: dict[str, Actor] = field(default_factory=dict)
    by_token: dict[int, list[str]] = field(default_factory=dict)
    people: list[tuple[int, str]] = field(default_factory=list)
    country_at: dict[int, str] = field(default_factory=dict)
    metonyms: set[int] = field(default_factory=set)  # "Beijing said": a government, not a place
    dateline: set[int] = field(default_factory=set)  # "LONDON (Reuters) -"
    # Ids are a{n} in order of creation; counted apart from len(actors), which
    # shrinks when a mention is taken back or two actors merge (two actors of
    # one article once shared an id that way).
    made: int = 0

    def keys_at(self, token_index: int) -> list[str]:
        return self.by_token.get(token_index, [])

    def ref(self, key: str) -> ActorRef:
        a = self.actors[key]
        return ActorRef(id=a.id, name=a.name, code=a.code, country=a.country, sector=a.sector)

    def merge_into(self, old: str, new: str) -> None:
        """Rename actor ``old`` to ``new``, joining an existing ``new``."""
        if old == new:
            return
        actor = self.actors.pop(old)
        if new in self.actors:
            target = self.actors[new]
            target.mentions.extend(m for m in actor.mentions if m not in target.mentions)
        else:
            self.actors[new] = actor
        for keys in self.by_token.values():
            if old in keys:
                keys[keys.index(old)] = new
                keys[:] = list(dict.fromkeys(keys))
        self.people = [(i, new if k == old else k) for i, k in self.people]

    def drop_mention(self, key: str, token: Token) -> None:
        """Take back the mention covering ``token``; an actor left with no
        mention is no actor."""
        self.by_token[token.i].remove(key)
        actor = self.actors[key]
        actor.mentions = [m for m in actor.mentions if not m.start <= token.idx < m.end]
        if not actor.mentions:
            del self.actors[key]
            for keys in self.by_token.values():
                if key in keys:
                    keys.remove(key)

    def add(self, key: str, make, tokens: list[Token], span: Span) -> str:
        """Add a mention (creating the actor with ``make()`` on first sight)."""
        if key not in self.actors:
            self.made += 1
            self.actors[key] = make(f"a{self.made}")
        mention = Mention(start=span.start_char, end=span.end_char, text=span.text)
        if mention not in self.actors[key].mentions:
            self.actors[key].mentions.append(mention)
        for token in tokens:
            keys = self.by_token.setdefault(token.i, [])
            if key not in keys:
                keys.append(key)
        return key


def code_of(country: str | None, sector: str | None) -> str:
    return f"{country or ''}{sector or ''}"


HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Lord",
              "Lady", "Dame", "Baroness", "Baron", "Sheikh", "Rev", "Rev."}


def _strip_honorific(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].text in HONORIFICS else span


def _strip_possessive(span: Span) -> Span:
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


class ActorFinder:
    def __init__(self, doc: Doc, places: PlaceIndex, day: dt.date | None, dictionary: ActorDictionary):
        self.doc, self.places, self.day, self.dictionary = doc, places, day, dictionary
        self.table = ActorTable()
        self.tokens = list(doc)  # made once: iterating a Doc makes a new Token per word each time
        self.names = name_matches(doc, dictionary, day)  # token index -> label
        self.table.country_at = {i: label[1] for i, label in self.names.items() if label[0] == "country"}
        self.consumed: set[int] = set()
        self.spoken_surnames: dict[str, str] = {}  # surname as written -> person key
        self.dateline = self.table.dateline = _dateline_tokens(doc)
        self.consumed.update(self.dateline)

    def run(self) -> ActorTable:
        self._people()
        self._surnames()
        self._organisations_and_states()
        self._groups()
        from detente.actors.coref import resolve_pronouns

        resolve_pronouns(self.doc, self.table)
        from detente.actors.home import assign_home_country

        assign_home_country(self.doc, self.table, self.places)
        return self.table

    # -- people -----------------------------------------------------------
    def _person_spans(self) -> list[tuple[Span, Entry | None]]:
        spans: dict[int, tuple[Span, Entry | None]] = {}
        covered: set[int] = set()
        for start, end, entry in self._entry_spans():
            covered.update(range(start, end))
            if entry.kind == "person":
                spans[start] = (self.doc[start:end], entry)
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not covered.intersection(range(ent.start, ent.end)):
                if ent.start not in self.places.by_token and ent.start not in self.names:
                    span = self._full_name(_strip_possessive(_strip_honorific(ent)), covered)
                    spans[span.start] = (span, None)
        for span in self._honorific_names(covered):
            spans = {k: v for k, v in spans.items() if not (v[0].start <= span.start < v[0].end)}
            spans[span.start] = (span, None)
        return [spans[k] for k in sorted(spans)]

    def _honorific_names(self, covered: set[int]):
        """'Mr Blair', 'Dr Fox', 'Lord Greaves': the tagger often misses them."""
        for token, following in zip(self.tokens, self.tokens[1:]):
            if token.text in HONORIFICS and following.pos_ == "PROPN" and following.i not in covered:
                end = following.i + 1
                while end < token.sent.end and self.tokens[end].pos_ == "PROPN" and end not in covered:
                    end += 1
                yield self.doc[following.i:end]

    def _full_name(self, span: Span, covered: set[int]) -> Span:
        """'Aung San' tagged, 'Suu Kyi' not: extend over adjacent name words."""
        start, end = span.start, span.end
        while start > span.sent.start and self._name_word(self.doc[start - 1], covered):
            start -= 1
        while end < span.sent.end and self._name_word(self.doc[end], covered):
            end += 1
        return self.doc[start:end]

    def _name_word(self, token: Token, covered: set[int]) -> bool:
        return (token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON") and token.text[:1].isupper()
                and token.i not in covered and token.i not in self.names and role_at(token) is None)

    def _entry_spans(self):
        seen = set()
        for _, label in sorted(self.names.items()):
            if label[0] == "entry" and label[2] not in seen:
                seen.add(label[2])
                yield label[2][0], label[2][1], label[1]

    def _person_context(self, span: Span) -> list[Token]:
        """Title and apposition words: the name's left modifiers (not a
        coordinated other name), its appositions, or the noun it is
        apposed to ("the party secretary for Shanghai, Chen Jining")."""
        head = span.root
        tokens = [t for word in span for child in word.children
                  if child.i < span.start and child.dep_ not in ("conj", "cc", "relcl")
                  for t in child.subtree]
        for child in head.children:
            if child.dep_ == "appos":
                tokens.extend(t for t in child.subtree if t.dep_ != "relcl")
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
            tokens.extend(t for t in head.head.subtree if t.i < span.start)
        return [t for t in tokens if t.i not in range(span.start, span.end) and t.i not in self.dateline]

    def _people(self) -> None:
        for span, entry in self._person_spans():
            context = self._person_context(span)
            found = describe(context, self.names, self.places, self.day)
            entry = entry or self._entry_for_person(span, found)
            if entry is not None:
                entry = best_entry(self._same_person(entry), self.day)
            self.consumed.update(t.i for t in context)
            self._add_person(span, entry, found)

    def _same_person(self, entry: Entry) -> list[Entry]:
        return self.dictionary.by_name(entry.name) or [entry]

    def _entry_for_person(self, span: Span, found: Description) -> Entry | None:
        text = span.text
        exact = [e for e in self.dictionary.by_name(text) if e.kind == "person"]
        if exact:
            return best_entry(exact, self.day)
        if len(span) != 1:
            return None
        if self.day is None:  # undated: "Mr Howard" could be anyone of that name
            return None
        valid = [e for e in self.dictionary.by_surname(text) if e.valid_on(self.day)]
        if found.strength < 3:  # a bare surname: only leaders are that famous ("Modi", "Putin")
            valid = [e for e in valid if e.role in ("head_of_state", "head_of_government")]
        if found.country:
            valid = [e for e in valid if e.country == found.country]
        names = {e.name for e in valid}
        return valid[0] if len(names) == 1 else None

    def _person_key(self, span: Span, entry: Entry | None) -> str:
        """A surname alone joins the person named before; a full name with
        another first name is another person (George vs Kellyanne Conway)."""
        if entry is not None:
            return f"person:{entry.name}"
        if len(span) == 1:
            for key, actor in self.table.actors.items():
                if actor.kind == "person" and span.text in surname_forms(actor.name, actor.country):
                    return key
        return f"person:{span.text}"

    def _add_person(self, span: Span, entry: Entry | None, found: Description) -> None:
        # A dictionary person's country is known; the words around a name
        # only fill what the dictionary leaves open. Out of office on the
        # article's date, the person keeps the country but not the office.
        office = entry if entry is not None and in_office(entry, self.day) else None
        country = (entry.country if entry else None) or found.country
        sector = found.sector or (office.sector if office else None)
        if sector is None and entry is not None and entry.sector == "GOV" and former(entry, self.day):
            sector = "ELI"  # a former official, e.g. an ex-minister campaigning
        if found.strength < 2 and office is not None and office.sector:
            sector = office.sector
        role = found.role or (office.role if office else None)
        key = self._person_key(span, entry)
        name = entry.name if entry else span.text

        def make(actor_id: str) -> Actor:
            return Actor(id=actor_id, name=name, kind="person", country=country, sector=sector,
                         code=code_of(country, sector), role=role, dictionary=entry is not None)

        self.table.add(key, make, list(span), span)
        self._fill_in(key, country, sector)
        self.table.people.append((span.root.i, key))
        if len(span) > 1 and span[-1].pos_ == "PROPN":
            self.spoken_surnames.setdefault(span[-1].text, key)
        self.consumed.update(t.i for t in span)

    def _fill_in(self, key: str, country: str | None, sector: str | None) -> None:
        actor = self.table.actors[key]
        if actor.country is None and country:
            actor.country = country
        if actor.sector is None and sector:
            actor.sector = sector
        actor.code = code_of(actor.country, actor.sector)

    def _surnames(self) -> None:
        """Later mentions by surname alone, whatever the NER label; and a
        surname alone that only one dictionary person in office bears ("Modi")."""
        surnames = dict(self.spoken_surnames)
        for key, actor in self.table.actors.items():
            if actor.kind == "person":
                for surname in surname_forms(actor.name, actor.country):
                    surnames.setdefault(surname, key)
        for token in tokens_tagged(self.doc, NAME_TAGS):
            if token.i in self.consumed or not _name_like(token) or token.i in self.places.by_token:
                continue
            if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
                continue  # "on May 9" is not Theresa May
            key = surnames.get(token.text)
            span = self.doc[token.i:token.i + 1]
            if key:
                self.table.add(key, None, [token], span)
                self.table.people.append((token.i, key))
                self.consumed.add(token.i)
            elif _single_token_name(token) and (entry := self._entry_for_person(span, Description())):
                self._add_person(span, entry, describe(self._person_context(span), self.names, self.places, self.day))
                surnames[token.text] = f"person:{entry.name}"
        self.table.people.sort()

    # -- organisations, states, capitals ----------------------------------
    def _organisations_and_states(self) -> None:
        done: set[tuple[int, int]] = set()
        for _, label in sorted(self.names.items()):
            start, end = label[2]
            if (start, end) in done or start in self.consumed:
                continue
            done.add((start, end))
            span = self.doc[start:end]
            if label[0] == "entry" and label[1].kind != "person":
                self._add_org(span, label[1])
            elif label[0] == "country":
                self._add_country_word(span, label[1], label[3])

    def _add_org(self, span: Span, entry: Entry) -> None:
        entry = best_entry(self.dictionary.by_name(entry.name) or [entry], self.day)
        sector = entry.sector
        found = Description(country=entry.country, sector=sector).finish(self.day)

        def make(actor_id: str) -> Actor:
            return Actor(id=actor_id, name=entry.name, kind="organisation", country=found.country,
                         sector=found.sector, code=code_of(found.country, found.sector), dictionary=True)

        self.table.add(f"org:{entry.name}", make, list(span), span)

    def _add_country_word(self, span: Span, iso3: str, kind: str) -> None:
        head = span.root
        if kind == "name" and not _is_modifier(head):
            self._add_state(span, iso3)
        elif kind == "capital" and _used_as_actor(head):
            self._add_group(span, list(span), Description(country=iso3, sector="GOV"))
            self.table.metonyms.update(t.i for t in span)
        elif kind == "adjective" and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and head.head.pos_ != "NOUN":
            if head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("s"):
                # "thousands of Indonesians": the people, not the state
                self._add_group(span, list(span), Description(country=iso3, sector="CVL"))
            else:
                self._add_state(span, iso3)

    def _add_state(self, span: Span, iso3: str) -> None:
        add_state(self.table, iso3, span)

    # -- groups and offices -----------------------------------------------
    def _groups(self) -> None:
        for token in self.tokens:
            if token.i in self.consumed or self.table.keys_at(token.i) and token.dep_ != "ROOT":
                continue
            if _is_modifier(token):
                continue
            if role_at(token) is not None or token.lemma_.lower() in GENERIC_HEADS:
                self._group_at(token)

    def _group_context(self, head: Token) -> list[Token]:
        tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ != "relcl"]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in CONTEXT_PREPS:
                tokens.extend(prep.subtree)
        return [t for t in tokens if t.i not in self.dateline]

    def _group_at(self, head: Token) -> None:
        tokens = self._group_context(head)
        found = describe(tokens, self.names, self.places, self.day)
        if found.sector is None:
            return
        start = min(t.i for t in tokens if t.i <= head.i)
        span = self.doc[start:head.i + 1]
        if span[0].lower_ in ("the", "a", "an") and len(span) > 1:
            span = span[1:]
        antecedent = self._title_antecedent(head, found)
        if antecedent is not None:
            self.table.add(antecedent, None, [head], span)
            self.table.people.append((head.i, antecedent))
            self.table.people.sort()
            self.consumed.update(t.i for t in tokens)
            return
        holder = self._office_holder(head, found)
        if holder is None and found.country is None and found.strength >= 3:
            return  # "a new president": an office of no named country is no actor
        if holder is not None:
            self._add_person(span, holder, found)
            return
        for country in self._coordinated_countries(tokens) or [found.country]:
            part = Description(country, found.sector, found.role, found.strength, found.title)
            self._add_group(span, tokens, part.finish(self.day), consume=False)
        self.consumed.update(t.i for t in tokens)

    def _coordinated_countries(self, tokens: list[Token]) -> list[str]:
        """'Chinese and Russian naval forces': one group per country."""
        countries = []
        for token in tokens:
            iso3 = self.table.country_at.get(token.i)
            if iso3 and iso3 not in countries and (token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)):
                countries.append(iso3)
        return countries if len(countries) > 1 else []

    def _title_antecedent(self, head: Token, found: Description) -> str | None:
        """'The minister held talks': a definite title with no country refers
        back to the last person of that sector named in the last sentences."""
        if found.country or found.role is None or head.tag_ in ("NNS", "NNPS"):
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        window = head.sent.start - 400  # about three sentences back
        for index, key in reversed(self.table.people):
            actor = self.table.actors[key]
            if window <= index < head.i and actor.sector == found.sector and _fits_title(actor.role, found):
                return key
        return None

    def _office_holder(self, head: Token, found: Description) -> Entry | None:
        """'the US president' on the article's date -> the person in office."""
        if found.strength < 3 or not found.country or head.tag_ in ("NNS", "NNPS"):
            return None
        if any(t.lower_ in INDEFINITE for t in head.children if t.dep_ == "det"):
            return None
        return self.dictionary.holder(found.country, found.role, self.day)

    def _add_group(self, span: Span, tokens: list[Token], found: Description, consume: bool = True) -> None:
        code = code_of(found.country, found.sector)
        if found.sector == "GOV" and found.country:
            name = f"{country_name(found.country)} government"
        else:
            name = span.text

        def make(actor_id: str) -> Actor:
            return Actor(id=actor_id, name=name, kind="group", country=found.country,
                         sector=found.sector, code=code, role=found.role)

        covered = [t for t in tokens if t.i not in self.consumed]
        # Groups of no known country stay apart by their words until the
        # story's country is decided ("Latin American leaders" vs "ministers").
        key = f"group:{code}" if found.country else f"group:{code}:{span.text.lower()}"
        self.table.add(key, make, covered, span)
        if consume:
            self.consumed.update(t.i for t in covered)


# Which offices a bare title can refer back to ("the minister" is not the
# prime minister named just before; "the president" is a head of state).
TITLE_ROLES = {
    "minister": {"foreign_minister", "defence_minister", "other"},
    "president": {"head_of_state"},
    "premier": {"head_of_government"},
    "prime minister": {"head_of_government"},
    "chancellor": {"head_of_government"},
    "foreign minister": {"foreign_minister"},
    "secretary of state": {"foreign_minister"},
    "defence minister": {"defence_minister"},
    "defense minister": {"defence_minister"},
}


def _fits_title(role: str | None, found: Description) -> bool:
    wanted = TITLE_ROLES.get(found.title or "")
    return role is None or wanted is None or role in wanted


# Countries whose names put the family name first ("Li Qiang" is "Li").
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"}


def surname_forms(name: str, country: str | None) -> list[str]:
    words = name.split()
    forms = [words[-1]]
    if country in FAMILY_NAME_FIRST and len(words) >= 2:
        forms.insert(0, words[0])
    return forms


def _dateline_tokens(doc: Doc) -> set[int]:
    """'LONDON (Reuters) -' opens the story; it is no actor's title."""
    from detente.ingest.dateline import match_dateline

    match = match_dateline(doc_text(doc))
    if match is None:
        return set()
    span = doc.char_span(0, match.end(), alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


def _name_like(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger took for a common noun
    but the recogniser for a name ("Trump had dinner with ...")."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and token.text[:1].isupper() and token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _single_token_name(token: Token) -> bool:
    """A capitalised proper noun standing alone, not inside a longer name."""
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.text[:1].isupper() and not any(n.pos_ == "PROPN" for n in neighbours)


def add_state(table: ActorTable, iso3: str, span: Span) -> str:
    def make(actor_id: str) -> Actor:
        return Actor(id=actor_id, name=country_name(iso3), kind="state", country=iso3, code=iso3)

    return table.add(f"state:{iso3}", make, list(span), span)


def _is_modifier(token: Token) -> bool:
    """'police' in 'police officers' is part of the larger group noun."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN")


def _used_as_actor(token: Token) -> bool:
    if token.dep_ == "dobj" and token.head.lemma_.lower() in MOTION_VERBS:
        return False  # "visit Moscow": a destination, not the Russian government
    if token.dep_ in ACTOR_DEPS:
        return True
    if token.dep_ == "conj":
        return _used_as_actor(token.head)
    if token.dep_ == "pobj":
        return token.head.lower_ in ACTOR_PREPS
    return False


def find_actors(doc: Doc, places: PlaceIndex, day: dt.date | None, dictionary: ActorDictionary) -> ActorTable:
    return ActorFinder(doc, places, day, dictionary).run()
