"""Who did it and to whom: sources and targets of a trigger from the parse.

Verbs: the subject (or the passive agent) is the source; the direct object,
the passive subject, or the object of a pattern preposition is the target;
a verb without a subject inherits it from the verb it is coordinated with or
controlled by ("Blinken is expected to address"). Nouns: a possessor or
national modifier is the source ("Blinken's visit", "US sanctions"), else the
subject of the light verb or clause the noun sits in ("held talks with",
"In a meeting with X, Blinken said", "Blinken's agenda did not include a
meeting with Xi").
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.actors.extract import ActorTable, add_state
from detente.events.modality import LIGHT_VERBS
from detente.places.extract import PlaceIndex

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OWNER_DEPS = {"poss", "compound", "amod", "nmod", "appos"}
INHERIT_DEPS = {"conj", "xcomp", "advcl", "acl", "relcl", "ccomp", "acomp"}
# Prepositions that attach an actor to an act named by a noun: "the decision
# by Israel", "negotiations with Washington", "an offer from Moscow".
NOUN_ACTOR_PREPS = {"by", "with", "from"}
# Passives whose subject is the doer of what follows ("is expected to visit").
RAISING = {"expect", "set", "schedule", "due", "slate", "suppose", "believe", "report", "say", "plan"}
# "the city of Kharkiv", "the southern port of Odesa": the place is the target.
PLACE_NOUNS = {"city", "town", "village", "region", "province", "capital", "port", "district", "area",
               "enclave", "island", "state", "territory", "outskirts", "centre", "center"}
MEASURES = {"hour", "day", "week", "round", "series", "minute", "session", "month", "year", "night",
            "package", "wave", "set", "raft", "batch", "string"}
CLAUSE_PREPS = {"in", "during", "at", "after", "before", "following", "since", "amid", "on", "of", "upon", "to", "from"}


class Arguments:
    """Resolves argument tokens to actor keys for one article."""

    def __init__(self, table: ActorTable, places: PlaceIndex):
        self.table, self.places = table, places
        self.via_place: dict[str, object] = {}
        self.inherited = False

    # -- tokens to actors -------------------------------------------------
    def actors_of(self, token: Token, depth: int = 2) -> list[str]:
        """Actors a token stands for: its own mention, else an owner or
        nationality inside its phrase ("China's relationship", "an Israeli
        proposal"), else the state of a place; plus its conjuncts."""
        keys = list(self.table.keys_at(token.i)) or self._country_word(token)
        for owners in (OWNER_DEPS, None):  # owners first, then prepositions
            if keys or not depth:
                break
            for child in token.children:
                if (child.dep_ in OWNER_DEPS) if owners else _owner(token, child):
                    keys.extend(k for k in self.actors_of(child, depth - 1) if k not in keys)
        if not keys:
            keys = self._state_of_place(token)
        for conj in token.conjuncts:
            if conj.i > token.i:
                keys.extend(k for k in self.actors_of(conj, depth) if k not in keys)
        return keys

    def _country_word(self, token: Token) -> list[str]:
        iso3 = self.table.country_at.get(token.i)
        if iso3 is None or token.dep_ not in ("amod", "compound", "poss", "nmod"):
            return []
        return [add_state(self.table, iso3, token.doc[token.i:token.i + 1])]

    def passive_theme(self, verb: Token) -> list[str]:
        for child in verb.children:
            if child.dep_ in ("nsubjpass", "dobj"):
                return self.actors_of(child)
        return []

    def _state_of_place(self, token: Token) -> list[str]:
        place = self.places.at(token.i)
        if place is None or not place.country:
            return []
        key = add_state(self.table, place.country, token.doc[token.i:token.i + 1])
        self.via_place[key] = place
        return [key]

    # -- verbs -------------------------------------------------------------
    def verb_source(self, verb: Token, inherited: bool = False) -> list[str]:
        """The doer; a passive subject counts only for a governing verb
        ("Blinken is expected to address"), never for the trigger itself."""
        agent = self._agent(verb)
        if agent is not None and not inherited:
            return self.actors_of(agent)
        subject_deps = ("nsubj", "csubj", "nsubjpass") if inherited else ("nsubj", "csubj")
        for child in verb.children:
            if child.dep_ in subject_deps:
                return self._subject_actors(child)
        if not inherited and _passive(verb):
            return []  # "to avoid being extradited": the subject is the one extradited
        if verb.dep_ == "pcomp" and verb.head.head != verb.head:
            return self.verb_source(verb.head.head, inherited=True)  # "responded by expelling"
        if verb.dep_ in INHERIT_DEPS and verb.head != verb:
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                return []  # "four Britons freed from US custody": the noun is the patient
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return self.actors_of(verb.head)
            # "was ambushed by rebels, killing two drivers": the killers are
            # the agent; "is expected to address": the raised subject.
            raised = verb.dep_ in ("xcomp", "acomp", "ccomp")
            return self.verb_source(verb.head, inherited=raised)
        return []

    def _subject_actors(self, subject: Token) -> list[str]:
        if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
            return self.actors_of(subject.head.head)
        return self.actors_of(subject)

    @staticmethod
    def _agent(verb: Token) -> Token | None:
        """The passive agent; also 'threatened with consequences by Moscow',
        where the parser hangs 'by Moscow' on the noun."""
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if not _passive(verb):
            return None
        for prep in verb.children:
            for pobj in (g for g in prep.children if prep.dep_ == "prep" and g.dep_ == "pobj"):
                for by in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"):
                    return next((g for g in by.children if g.dep_ == "pobj"), None)
        return None

    def foreign_object(self, obj: Token, sources: list[str]) -> list[str]:
        """A pattern's object that is itself another country's actor."""
        home = {self.table.actors[s].country for s in sources}
        return [k for k in self.table.keys_at(obj.i) if self.table.actors[k].country not in home | {None}]

    def direct_object(self, verb: Token) -> list[str]:
        """Officials named by the direct object itself ("welcomed Blinken",
        "hosted the Chinese delegation"), not found inside it, and not
        crowds ("welcoming Chinese students" is no state visit)."""
        for child in verb.children:
            if child.dep_ == "dobj":
                keys = [k for t in (child, *child.conjuncts) for k in self.table.keys_at(t.i)]
                return [k for k in keys if self._official(k)]
        return []

    def object_is_actor(self, verb: Token) -> bool:
        return any(c.dep_ == "dobj" and self.table.keys_at(c.i) for c in verb.children)

    def _official(self, key: str) -> bool:
        actor = self.table.actors[key]
        return actor.kind in ("person", "state") or actor.sector in ("GOV", "IGO", "MIL", "LEG")

    def verb_targets(self, verb: Token, preps: frozenset[str], pattern_object: Token | None,
                     prep_only: bool) -> list[str]:
        found: list[str] = []
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        holders = [verb] + ([pattern_object] if pattern_object is not None else [])
        holders += [o for obj in objects for o in (obj, *obj.conjuncts)]
        for holder in holders:
            found += self._prep_objects(holder, preps)
        if prep_only:
            return found
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and (pattern_object is None or child.i != pattern_object.i) or child.dep_ == "nsubjpass" and (pattern_object is None or child.i != pattern_object.i) and self._agent(verb) is not None:
                found += self.actors_of(child)
        if not found:
            found = self._complement_subject(verb)
        if not found:
            found = self._content_targets(verb)
        return _unique(found)

    def _content_targets(self, verb: Token) -> list[str]:
        """'threatened to impose sanctions on Russia': the target of a demand
        or threat is the one its content acts on."""
        for child in verb.children:
            if child.dep_ == "xcomp" or (child.dep_ in ("advcl", "ccomp") and _infinitive(child)):
                preps = frozenset({"on", "against", "to", "at"})
                found = self._prep_objects(child, preps)
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        found += self.actors_of(grand) or self._prep_objects(grand, preps)
                if found:
                    return found
        return []

    def _prep_objects(self, holder: Token, preps: frozenset[str]) -> list[str]:
        found = []
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += self.actors_of(pobj)
            elif child.dep_ == "prt" and child.lower_ in preps:
                continue
        return found

    def _complement_subject(self, verb: Token) -> list[str]:
        """'called for the US and China to handle ...': the clause's subject."""
        for child in verb.children:
            if child.dep_ in ("advcl", "ccomp", "xcomp") and _infinitive(child):
                for grand in child.children:
                    if grand.dep_ == "nsubj":
                        return self.actors_of(grand)
        return []

    # -- nouns -------------------------------------------------------------
    def noun_source(self, noun: Token, meeting: bool = False) -> list[str]:
        """``meeting``: for talks and summits a compound names the topic or
        forum ("the Ukraine peace summit"), only a possessor or adjective the
        participant. Sets ``self.inherited`` when the source came from the
        surrounding clause rather than the noun phrase."""
        self.inherited = False
        owner_deps = ("poss", "amod") if meeting else ("poss", "compound", "amod", "nmod")
        for child in noun.children:
            if child.dep_ in owner_deps and self._owns_event(child):
                return self.actors_of(child, depth=0)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and self.actors_of(pobj):
                    return self.actors_of(pobj)
        self.inherited = True
        return self._clause_source(noun)

    def _owns_event(self, child: Token) -> bool:
        """'US sanctions', 'Blinken's visit' own the event; 'the BRICS summit'
        names a forum, 'anti-Myanmar protests' a target, not a participant."""
        doc = child.doc
        if child.i >= 2 and doc[child.i - 1].text in ("-", "‑") and doc[child.i - 2].lower_ == "anti" \
                or child.i >= 1 and doc[child.i - 1].lower_ in ("anti", "anti-"):
            return False
        keys = self.table.keys_at(child.i) or self._country_word(child)
        return bool(keys) and not all(self.table.actors[k].sector == "IGO" and child.dep_ == "compound" for k in keys)

    def _clause_source(self, noun: Token) -> list[str]:
        """Source of a nominal event from the clause it sits in."""
        phrase = noun
        while phrase.head != phrase and (
            phrase.dep_ in ("conj", "appos", "compound") or _measured(phrase)
        ):
            phrase = phrase.head.head if _measured(phrase) else phrase.head
        head = phrase.head
        if phrase.dep_ == "dobj" and head.lemma_.lower() in LIGHT_VERBS:
            return self.verb_source(head, inherited=True)
        if phrase.dep_ == "pobj" and head.lower_ in CLAUSE_PREPS:
            verb = head.head
            if verb.lower_ in ("ahead", "prior") and verb.head != verb:
                verb = verb.head  # "ahead of talks", "prior to the visit"
            if verb.pos_ in ("VERB", "AUX"):
                # "125 people have been killed in months of protests": a true
                # passive's subject suffered it; "Blinken is expected to" is no such.
                raised = not _passive(verb) or verb.lemma_.lower() in RAISING
                return self.verb_source(verb, inherited=raised)
        if phrase.dep_ == "nsubjpass" and self._agent(head) is not None:
            return self.actors_of(self._agent(head))
        return []

    def noun_targets(self, noun: Token, preps: frozenset[str]) -> list[str]:
        found = self._prep_objects(noun, preps)
        for child in noun.children:  # "the lifting of sanctions on Syria"
            if not found and child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    found += self._prep_objects(pobj, preps) if pobj.dep_ == "pobj" else []
        if not found and noun.dep_ == "dobj":
            found = self._prep_objects(noun.head, preps)
        return _unique(found)


QUANTITIES = {"half", "dozen", "hundred", "thousand", "million", "score", "number", "group", "some", "many",
              "most", "several", "few", "all", "one", "two", "three", "four", "five", "ten", "couple"}


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _infinitive(clause: Token) -> bool:
    """'for the US and China to handle': not 'warned that Tehran would'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _owner(token: Token, child: Token) -> bool:
    if child.dep_ in OWNER_DEPS:
        return True
    if child.dep_ == "prep" and child.lower_ == "of" and (_quantity(token) or token.lemma_.lower() in PLACE_NOUNS):
        return True
    if child.dep_ == "prep" and child.lower_ in NOUN_ACTOR_PREPS and token.pos_ == "NOUN":
        return True
    return child.dep_ == "pobj" and (token.lower_ in NOUN_ACTOR_PREPS or _quantity(token.head)
                                     or (token.lower_ == "of" and token.head.lemma_.lower() in PLACE_NOUNS))


def _measured(token: Token) -> bool:
    """'five hours of talks': climb from 'talks' past 'hours of'."""
    return (token.dep_ == "pobj" and token.head.lower_ == "of"
            and token.head.head.lemma_.lower() in MEASURES | QUANTITIES)


def _quantity(token: Token) -> bool:
    """'dozens of protesters', 'hundreds of troops', 'some of the rebels'."""
    return token.lemma_.lower() in QUANTITIES or token.pos_ == "NUM"


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))
