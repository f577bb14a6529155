"""Did it happen? asserted, future, negated or hypothetical.

Read from the trigger and the words that govern it, up to the clause that
asserts it: negation ("did not include a meeting", "no agreement"), auxiliaries
("will", "could"), governing verbs ("is expected to", "plans to", "is
considering"), conditional clauses ("if"), modifiers of nominal events
("expected talks", "a possible strike") and future time ("next week").
"""

from __future__ import annotations

from spacy.tokens import Token

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
NEGATING_VERBS = {"fail", "refuse", "decline", "cancel", "postpone", "call off", "avoid", "deny", "reject", "scrap"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "can", "should", "must", "ca", "'d"}
FUTURE_VERBS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "prepare", "anticipate", "go", "agree", "decide", "announce", "promise", "pledge", "vow", "commit", "arrange", "hope"}
HYPOTHETICAL_VERBS = {"consider", "mull", "weigh", "want", "seek", "propose", "suggest", "threaten", "offer", "try", "attempt", "wish", "possible", "likely", "able", "ready", "willing"}
FUTURE_MODIFIERS = {"expected", "planned", "upcoming", "anticipated", "scheduled", "forthcoming", "future", "next", "coming", "proposed"}
HYPOTHETICAL_MODIFIERS = {"possible", "potential", "hypothetical", "likely", "prospective"}
FUTURE_TIME = {"next", "tomorrow", "upcoming", "coming", "later"}
REPORTING_VERBS = {"say", "tell", "state", "announce", "add", "report", "confirm", "insist", "claim"}
# Dependencies through which a governing word's modality reaches the trigger.
GOVERNING_DEPS = {"xcomp", "pobj", "prep", "dobj", "attr", "pcomp", "acomp", "nsubjpass", "acl", "oprd", "advcl", "appos"}


def governing_path(trigger: Token) -> list[Token]:
    """The trigger and the words above it within its own assertion."""
    path = [trigger]
    token = trigger
    while token.dep_ in GOVERNING_DEPS and token.head is not token:
        if token.dep_ == "advcl" and not _infinitival(token):
            break
        token = token.head
        path.append(token)
    return path


def _infinitival(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) or any(
        c.dep_ == "mark" and c.lower_ in ("for", "to") for c in token.children
    )


def _word_modality(token: Token, is_trigger: bool) -> str | None:
    children = list(token.children)
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        return "negated"
    if not is_trigger and token.lemma_.lower() in NEGATING_VERBS:
        return "negated"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return "hypothetical"
    for aux in (c for c in children if c.dep_ in ("aux", "auxpass")):
        if aux.lower_ in HYPOTHETICAL_AUX:
            return "future" if aux.lower_ == "would" and _reported(token) else "hypothetical"
        if aux.lower_ in FUTURE_AUX or (aux.lower_ == "going" and token.tag_ == "VB"):
            return "future"
    return _lexical_modality(token, children, is_trigger)


def _lexical_modality(token: Token, children: list[Token], is_trigger: bool) -> str | None:
    lemma = token.lemma_.lower()
    if not is_trigger and lemma in FUTURE_VERBS:
        return "future"
    if not is_trigger and lemma in HYPOTHETICAL_VERBS:
        return "hypothetical"
    for child in children:
        if child.dep_ in ("amod", "compound") and child.lower_ in HYPOTHETICAL_MODIFIERS:
            return "hypothetical"
        if child.dep_ in ("amod", "compound") and child.lower_ in FUTURE_MODIFIERS:
            return "future"
    if _future_time(token):
        return "future"
    return None


def _reported(token: Token) -> bool:
    """'said it would send troops': reported intent reads as future."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS


def _future_time(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in ("npadvmod", "advmod", "prep", "tmod") and child.ent_type_ in ("DATE", "TIME"):
            if any(t.lower_ in FUTURE_TIME for t in child.subtree):
                return True
    return False


def modality(trigger: Token) -> str:
    """Modality of the event named by ``trigger``; negation wins over the rest."""
    found = [m for i, t in enumerate(governing_path(trigger)) if (m := _word_modality(t, i == 0))]
    for wanted in ("negated", "hypothetical", "future"):
        if wanted in found:
            return wanted
    return "asserted"
