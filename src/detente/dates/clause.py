"""Reading an event's own clause in the parse: which words govern the
trigger, which dates hang off them, and whether the act lies ahead."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # resolve() needs no spaCy; importing it costs most of a second
    from spacy.tokens import Span, Token

# Prepositions and dependencies through which a date modifies a word.
TIME_PREPS = {"on", "in", "at", "during", "for", "over"}
TIME_DEPS = {"npadvmod", "advmod", "tmod", "npmod", "nmod", "poss", "compound", "nummod"}
# Above these verbs a date is the decision's, not the event's: in "agreed on
# Monday to hold talks" Monday is not the day of the talks.
DECISION_VERBS = {"agree", "decide", "announce", "promise", "pledge", "vow", "threaten", "propose", "offer",
                  "vote", "urge", "ask", "call", "say", "order", "demand", "warn", "approve", "tell"}
MODALS = {"will", "shall", "'ll", "wo", "would", "could", "might", "may", "can", "should", "must", "ca", "'d"}
FUTURE_GOVERNORS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "prepare", "agree", "decide",
                    "promise", "pledge", "vow", "hope", "want", "seek", "threaten", "propose", "offer", "try",
                    "consider", "anticipate", "arrange", "likely", "ready"}
FUTURE_MODIFIERS = {"expected", "planned", "upcoming", "anticipated", "scheduled", "forthcoming", "future",
                    "next", "coming", "proposed"}
PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}


# "The visit was in 2019", "the meeting took place on Tuesday": the date on
# these verbs is their subject's.
EVENT_COPULAS = {"be", "take", "happen", "occur", "come"}
# Subjects that cannot carry a date of their own: "Canada in September
# imposed sanctions", "Trump on Tuesday signed" (spaCy hangs the date on them).
AGENT_ENTITIES = {"PERSON", "NORP", "ORG", "GPE"}


def clause_tokens(trigger: Token) -> list[Token]:
    """The trigger and its governors whose dates are the event's."""
    from detente.events.modality import governing_path

    tokens = []
    for i, token in enumerate(governing_path(trigger)):
        if i and token.lemma_.lower() in DECISION_VERBS:
            break
        tokens.append(token)
    head = trigger.head
    if len(tokens) == 2 and _simultaneous_participle(trigger):
        # "addressing students protesting against fees": they protested when addressed
        tokens += [t for t in clause_tokens(head.head) if t not in tokens]
    if _participle_clause(trigger):
        # "hijacked a truck on Dec. 19 ..., killing 11 people": the killing was then
        tokens += [t for t in clause_tokens(head) if t not in tokens]
    if trigger.dep_ == "nsubj" and trigger.pos_ == "NOUN" and head.lemma_.lower() in EVENT_COPULAS:
        tokens.append(head)
    # "met Xi on Tuesday and signed a deal": a conjoined verb of the same
    # tense shares its head's date when it has none of its own (searched last).
    if trigger.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head.tag_ == trigger.tag_:
        tokens += [t for t in clause_tokens(head) if t not in tokens]
    return tokens


def _simultaneous_participle(trigger: Token) -> bool:
    noun = trigger.head
    return (trigger.dep_ == "acl" and trigger.tag_ == "VBG" and noun.pos_ == "NOUN"
            and noun.dep_ in ("dobj", "pobj", "nsubj") and noun.head != noun)


def _participle_clause(trigger: Token) -> bool:
    return (trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("mark", "aux", "auxpass") for c in trigger.children))


def clause_dates(trigger: Token) -> Iterator[Span]:
    """Date expressions attached to the trigger or its governors, nearest first."""
    for token in clause_tokens(trigger):
        yield from dates_on(token)


def dates_on(token: Token) -> Iterator[Span]:
    """Date expressions attached to one word: its own, then (for a verb) the
    ones spaCy hung on its agent subject."""
    yield from attached_dates(token)
    if token.pos_ in ("VERB", "AUX"):
        for subject in token.children:
            if subject.dep_ in ("nsubj", "nsubjpass") and _is_agent(subject):
                yield from (s for s in attached_dates(subject) if s.label_ == "DATE")


def attached_dates(token: Token) -> Iterator[Span]:
    """'on Tuesday', 'in March 2016', "last week's", 'the Jan. 5 meeting': on the word itself."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                yield from date_spans(obj)
        elif child.dep_ in TIME_DEPS:
            yield from date_spans(child)


def _is_agent(subject: Token) -> bool:
    return subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in AGENT_ENTITIES


def date_spans(token: Token) -> Iterator[Span]:
    """The DATE/TIME entity the token is in, then its subtree: the tagger
    misses some dates or splits them ("Tuesday" + "night"); the resolver
    rejects whatever is not a date."""
    if token.ent_type_ in ("DATE", "TIME"):
        yield from (ent for ent in token.doc.ents if ent.start <= token.i < ent.end)
    yield token.doc[token.left_edge.i: token.right_edge.i + 1]



def is_future(trigger: Token) -> bool:
    """Does the event lie after the time of writing? Modals, 'going to',
    'expected/planned to', 'upcoming', and the present tense of news
    ("arrives in Paris on Monday") say so; a past or perfect verb says not."""
    for i, token in enumerate(clause_tokens(trigger)):
        children = list(token.children)
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if aux & MODALS:
            return "have" not in aux  # "would have met" is past
        if i and (token.lemma_.lower() in FUTURE_GOVERNORS or (token.lemma_ == "go" and token.tag_ == "VBG")):
            return True
        if any(c.dep_ in ("amod", "compound") and c.lower_ in FUTURE_MODIFIERS for c in children):
            return True
        if token.pos_ in ("VERB", "AUX") and _finite(token, aux):
            return token.tag_ in ("VBZ", "VBP") or bool(aux & PRESENT_BE)
    return False


def _finite(token: Token, aux: set[str]) -> bool:
    """A verb that carries tense: not an infinitive or bare participle."""
    return token.tag_ in ("VBD", "VBZ", "VBP") or (token.tag_ in ("VBN", "VBG") and bool(aux - {"to"}))
