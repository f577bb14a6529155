"""Events: who did what to whom, when, where, and whether it happened.

For each sentence, verbs and nouns that match the trigger lexicon are
candidates; the parse gives their source and target actors; modality comes
from ``detente.events.modality``; the location from the places of the
sentence. Background is not an event: a trigger without a source actor is
dropped, and so is an act embedded in a demand, threat or refusal ("urged
Israel to withdraw" is a REQUEST, not a RETREAT).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from detente.actors.extract import ActorTable, add_state
from detente.events.arguments import Arguments
from detente.events.lexicon import Trigger, noun_matches, verb_matches
from detente.events.location import event_location
from detente.events.modality import governing_path, modality
from detente.nlp import doc_text, tokens_tagged
from detente.ontology import cameo
from detente.places.extract import PlaceIndex
from detente.schema import Event, Evidence

# Verbs whose complement is the content of a demand, threat, refusal or
# accusation: the embedded act did not happen (yet) and is not coded.
CONTAINERS = {
    "urge", "call", "demand", "ask", "encourage", "press", "appeal", "threaten", "warn", "refuse",
    "reject", "deny", "accuse", "blame", "condemn", "criticise", "criticize", "request", "allege",
    "claim", "fear", "want", "decline", "vow", "pledge", "promise", "offer", "agree", "propose",
    "seek", "try", "attempt", "prevent", "stop", "deter", "force", "pressure", "compel",
}


# Triggers that politicians use for words ("attacked the budget").
VERBAL_ATTACKS = {"attack", "assault", "hit", "strike"}
STATE_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "IGO", "SPY"}
# Words that make a rally a campaign event rather than a protest.
CAMPAIGN_WORDS = {"campaign", "election", "victory", "birthday", "fundraising", "reelection", "re-election"}
CIVIL_SECTORS = {"CVL", "EDU", "LAB", "OPP", "AGR", "REL", "MED", "SOC"}
# The parts of speech ``EventFinder._candidate`` can take in each pass.
CANDIDATE_TAGS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN")}


@dataclass
class Candidate:
    trigger: Trigger
    token: Token
    sources: list[str]
    targets: list[str]
    from_noun: bool
    places: dict = field(default_factory=dict)  # target key -> the place it was read from


def _object_sense(trig: Trigger, obj: Token | None) -> Trigger:
    """'carried out a hack attack': the object's own, more specific noun
    pattern ("hack attack", "air strike") decides the code."""
    if obj is None:
        return trig
    specific = [t for t in noun_matches(obj) if t.specificity > 1]
    return replace(trig, cameo=specific[0].cameo) if specific else trig


def _possessed(noun: Token) -> bool:
    return any(c.dep_ == "poss" for c in noun.children)


def _own_people(verb: Token) -> bool:
    """The object is the speaker's own side: 'his supporters', 'its members'."""
    return any(c.dep_ == "dobj" and any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
               for c in verb.children)


def _campaign_event(token: Token) -> bool:
    return any(c.lower_ in CAMPAIGN_WORDS for c in token.children if c.dep_ in ("compound", "amod", "nmod"))


# Triggers inside a title, law or organisation name ("Meet the Press").
NAMED_ENTITIES = {"WORK_OF_ART", "ORG", "EVENT", "LAW", "PRODUCT", "FAC"}


def _month_name(token: Token) -> bool:
    """"rose ... in March" is a month, not a protest march."""
    if token.text != "March":
        return False
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.ent_type_ in ("DATE", "TIME") or token.i == token.sent.start or any(t.like_num for t in neighbours)


def _embedded(token: Token) -> bool:
    """Inside a demand, threat or refusal: on the governing path, or an
    infinitive coordinated with one ("called for X, and for ties to be severed")."""
    path = governing_path(token)
    top = path[-1]
    if top.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "for" for c in top.children):
        path = path + [top.head]
    return any(t.lemma_.lower() in CONTAINERS and t.pos_ == "VERB" for t in path[1:])


class EventFinder:
    def __init__(self, doc: Doc, table: ActorTable, places: PlaceIndex, day: dt.date | None):
        self.doc, self.table, self.places, self.day = doc, table, places, day
        self.args = Arguments(table, places)
        self.text = doc_text(doc)
        self.events: list[Event] = []

    def run(self) -> list[Event]:
        # Only verbs and nouns can be triggers: visit those, not every word.
        tagged = {pos: tokens_tagged(self.doc, tags) for pos, tags in CANDIDATE_TAGS.items()}
        for sent in self.doc.sents:
            self._sentence(sent, {pos: _inside(tokens, sent) for pos, tokens in tagged.items()})
        return self.events

    def _sentence(self, sent: Span, tagged: dict[str, list[Token]]) -> None:
        """Verbs first, so that a verb pattern's object ("imposed sanctions",
        "sanctions were imposed") is not coded again as a nominal event."""
        used: set[int] = set()
        found: list[Candidate] = []
        for pos in ("VERB", "NOUN"):
            for token in tagged[pos]:
                if token.i in used:
                    continue
                candidate = self._candidate(token, used, pos)
                if candidate is not None:
                    found.append(candidate)
        chosen: dict[tuple, tuple[Candidate, str, str | None]] = {}
        for candidate in sorted(found, key=lambda c: c.token.i):
            for source, target in self._pairs(candidate):
                if self._same_country_pair(source, target):
                    continue
                key = self._happening(candidate, source, target)
                if key not in chosen or self._detail(source, target) > self._detail(*chosen[key][1:]):
                    chosen[key] = (candidate, source, target)
        for candidate, source, target in sorted(chosen.values(), key=lambda c: c[0].token.i):
            self._emit(sent, candidate, source, target)

    def _happening(self, cand: Candidate, source: str, target: str | None) -> tuple:
        """One event per type and pair of countries in a sentence: "Trump and
        the US ... met Kim" is one meeting, told with the most detail."""
        country = lambda key: self.table.actors[key].country or key  # noqa: E731
        return (cand.trigger.cameo.plover_type, modality(cand.token), country(source),
                country(target) if target else None)

    def _detail(self, source: str, target: str | None) -> tuple:
        def score(key: str | None) -> int:
            if key is None:
                return 0
            actor = self.table.actors[key]
            return 2 * (actor.kind == "person") + bool(actor.sector) + actor.dictionary
        return (score(source) + score(target),)

    def _same_country_pair(self, source: str, target: str | None) -> bool:
        """'the US' and 'the US president' are not two sides of one event."""
        if target is None:
            return False
        a, b = self.table.actors[source], self.table.actors[target]
        return a.country is not None and a.country == b.country and "state" in (a.kind, b.kind)

    def _candidate(self, token: Token, used: set[int], pos: str) -> Candidate | None:
        self.args.via_place.clear()
        if token.ent_type_ in NAMED_ENTITIES or _month_name(token):
            return None
        if pos == "VERB" and token.pos_ == "VERB":
            matches = verb_matches(token)
            if matches and _embedded(token):
                return None
            for trig, obj in matches:
                cand = self._verb_candidate(token, _object_sense(trig, obj), obj)
                if cand is not None:
                    if obj is not None:
                        used.add(obj.i)
                    return cand
        elif pos == "NOUN" and token.pos_ in ("NOUN", "PROPN"):
            matches = noun_matches(token)
            if matches and _embedded(token):
                return None
            for trig in matches:
                cand = self._noun_candidate(token, trig)
                if cand is not None:
                    return cand
        return None

    def _verb_candidate(self, verb: Token, trig: Trigger, obj: Token | None) -> Candidate | None:
        sources = self.args.verb_source(verb)
        if not sources and trig.cameo.plover_type == "MOBILIZE":
            sources = self.args.passive_theme(verb)  # "Russian troops were deployed"
        # protesters march "against" someone; troops are deployed, not at anyone
        prep_only = trig.requires == "prep" or trig.cameo.plover_type in ("PROTEST", "MOBILIZE")
        if trig.requires == "prep" and trig.cameo.plover_type == "ASSAULT" and self.args.direct_object(verb):
            return None  # "fired Comey on May 9" is a dismissal, not "fired on"
        if trig.requires == "direct":
            targets = self.args.direct_object(verb)
        elif trig.requires == "indirect" and self.args.object_is_actor(verb):
            return None
        else:
            targets = self.args.verb_targets(verb, trig.target_preps, obj, prep_only)
        if not targets and obj is not None:
            targets = self.args.foreign_object(obj, sources)  # "expelled two Iranian diplomats"
        return self._checked(Candidate(trig, verb, sources, targets, False, dict(self.args.via_place)))

    def _noun_candidate(self, noun: Token, trig: Trigger) -> Candidate | None:
        sources = self.args.noun_source(noun, meeting=trig.cameo.plover_type == "CONSULT")
        inherited = self.args.inherited
        targets = self.args.noun_targets(noun, trig.target_preps)
        if trig.cameo.quad_class == 4 and not targets and _possessed(noun):
            return None  # "Britain's fifth attack this year": victim or attacker?
        if not sources and len(targets) >= 2 and trig.symmetric:
            sources, targets = targets, []  # "talks between X and Y": both ways
        if not sources and trig.cameo.plover_type == "PROTEST":
            return None
        targets = [t for t in targets if t not in sources]
        cand = self._checked(Candidate(trig, noun, sources, targets, True, dict(self.args.via_place)))
        # "after months of negotiations", "in a dawn raid": a nominal act with
        # no one on the other side, whose doer is only the clause's subject,
        # is background or a restatement; rallies and mobilisations need none.
        undirected = trig.cameo.plover_type in ("PROTEST", "MOBILIZE")
        if cand is not None and not undirected and inherited and not cand.targets and len(cand.sources) < 2:
            return None
        return cand

    def _checked(self, cand: Candidate) -> Candidate | None:
        if cand.trigger.words[0] == "warn" and _own_people(cand.token):
            return None  # "warned his supporters against complacency": advice, not a threat
        if cand.trigger.cameo.plover_type == "PROTEST":
            cand.sources = [s for s in cand.sources if self._can_protest(s)]
            if _campaign_event(cand.token):
                return None
        if not cand.sources:
            return None
        if cand.trigger.requires == "civil":
            cand.sources = [s for s in cand.sources if self.table.actors[s].sector in CIVIL_SECTORS]
            if not cand.sources:
                return None
        cand.targets = [t for t in cand.targets if not self._self_target(cand.sources, t) and self._informative(t)]
        if cand.trigger.requires in ("target", "prep", "direct", "indirect") and not cand.targets:
            if not (cand.trigger.symmetric and len(cand.sources) > 1):
                return None
        return cand

    def _can_protest(self, key: str) -> bool:
        """Presidents and ministers hold rallies, not protests."""
        return self.table.actors[key].sector not in STATE_SECTORS

    def _informative(self, key: str) -> bool:
        """A target with no country and no sector says nothing unless it is a named person."""
        actor = self.table.actors[key]
        return bool(actor.code) or actor.kind == "person"

    def _self_target(self, sources: list[str], target: str) -> bool:
        """'Blinken called for the US and China to ...': the US is not a target of the US."""
        if target in sources:
            return True
        actor = self.table.actors[target]
        countries = {self.table.actors[s].country for s in sources}
        return actor.kind == "state" and actor.country in countries

    def _pairs(self, cand: Candidate) -> list[tuple[str, str | None]]:
        if cand.targets:
            return [(s, t) for s in cand.sources for t in cand.targets if s != t]
        if cand.trigger.symmetric and len(cand.sources) > 1:
            return [(s, t) for s in cand.sources for t in cand.sources if s != t]
        return [(s, None) for s in cand.sources]

    def _verbal_attack(self, cand: Candidate, source: str) -> bool:
        """'Labour attacked the plan', 'Fox attacked Blair's words': a named
        politician or party attacking is criticism, not violence."""
        actor = self.table.actors[source]
        speaker = actor.kind == "person" or actor.sector in ("PTY", "OPP", "LEG")
        return cand.trigger.words[0] in VERBAL_ATTACKS and speaker and actor.sector not in ("MIL", "REB", "UAF", "COP")

    def _emit(self, sent: Span, cand: Candidate, source: str, target: str | None) -> None:
        code = cameo("111") if self._verbal_attack(cand, source) else cand.trigger.cameo
        place = event_location(cand.token, sent, self.places, cand.places.get(target or ""),
                               code.plover_type == "CONSULT", self.table.metonyms | self.table.dateline,
                               self.table.actors[target].country if target else None,
                               verbal=code.quad_class in (1, 3) or code.plover_type == "SANCTION")
        if target is None and place is not None and code.quad_class == 4:
            target = self._attacked_country(source, place, sent)
        self.events.append(Event(
            id=f"e{len(self.events) + 1}", type=code.plover_type,
            mode=code.plover_mode or self._visit_mode(code, source, target, place),
            cameo=code.code, cameo_root=code.root, goldstein=code.goldstein, quad_class=code.quad_class,
            source=self.table.ref(source), target=self.table.ref(target) if target else None,
            modality=modality(cand.token), location=self.places.ref(place) if place else None,
            date=self.day, evidence=evidence(sent, cand.token, self.text),
            confidence=self._confidence(cand, target),
        ))

    def _attacked_country(self, source: str, place, sent: Span) -> str | None:
        """'shelled villages in Kyrgyzstan's Batken region': force used in a
        foreign place is used against that country."""
        home = self.table.actors[source].country
        if place.country is None or home is None or place.country == home:
            return None
        mention = next((m for m in place.mentions if sent.start_char <= m.start < sent.end_char), None)
        span = self.doc.char_span(mention.start, mention.end) if mention else None
        return add_state(self.table, place.country, span) if span is not None else None

    def _visit_mode(self, code, source: str, target: str | None, place) -> str | None:
        """A meeting held in the target's country by a foreign source is a
        visit in PLOVER's sense (the source visits, the target hosts)."""
        if code.plover_type != "CONSULT" or target is None or place is None:
            return None
        home, host = self.table.actors[source].country, self.table.actors[target].country
        return "visit" if home and host and place.country == host != home else None

    def _confidence(self, cand: Candidate, target: str | None) -> float:
        """A documented heuristic, not a calibrated probability (docs/events.md)."""
        score = 0.55
        score += 0.15 if target else 0.0
        score += 0.1 if not cand.from_noun else 0.0
        score += 0.1 if any(self.table.actors[s].sector for s in cand.sources) else 0.0
        score += 0.05 if any(self.table.actors[s].dictionary for s in cand.sources) else 0.0
        return round(min(max(score, 0.05), 0.95), 2)


def _inside(tokens: list[Token], span: Span) -> list[Token]:
    """The tokens (in text order) that lie inside ``span``."""
    first = bisect_left(tokens, span.start, key=lambda t: t.i)
    last = bisect_left(tokens, span.end, key=lambda t: t.i)
    return tokens[first:last]


def evidence(sent: Span, trigger: Token, text: str | None = None) -> Evidence:
    """The sentence without surrounding whitespace, with exact offsets;
    ``text`` is the doc's text, passed in because building it is not free."""
    text = doc_text(sent.doc) if text is None else text
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(
        sentence=text[start:end], start=start, end=end, trigger=trigger.text,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text),
    )


def find_events(doc: Doc, table: ActorTable, places: PlaceIndex, day: dt.date | None) -> list[Event]:
    return EventFinder(doc, table, places, day).run()
