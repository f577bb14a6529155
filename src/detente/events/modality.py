"""Did it happen? asserted, future, negated or hypothetical.

Read from the trigger and the words that govern it, up to the clause that
asserts it: negation ("did not include a meeting", "no agreement"), auxiliaries
("will", "could"), governing verbs ("is expected to", "plans to", "is
considering"), conditional clauses ("if"), modifiers of nominal events
("expected talks", "a possible strike") and future time ("next week").
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs whose object noun is the event itself ("held talks", "did not
# include a meeting"): their modality is the event's.
LIGHT_VERBS = {
    "hold", "have", "attend", "conduct", "begin", "start", "include", "make", "pay", "undertake",
    "launch", "carry", "stage", "join", "continue", "resume", "plan", "prepare", "seek", "propose",
    "schedule", "open", "end", "conclude", "reach", "impose", "order", "lead", "organise", "organize",
    "host", "mark", "feature", "kick", "wrap", "complete", "take", "call", "announce", "slap",
    "adopt", "approve", "observe", "respect", "implement", "declare", "mount", "cancel", "postpone",
    "skip", "miss", "avoid", "scrap", "expect", "want", "consider", "sign", "agree",
}

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
NEGATING_VERBS = {"fail", "refuse", "decline", "cancel", "postpone", "call off", "avoid", "deny", "reject", "scrap"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "can", "should", "must", "ca", "'d"}
FUTURE_VERBS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "prepare", "anticipate", "go", "agree", "decide", "announce", "promise", "pledge", "vow", "commit", "committed", "determined", "arrange", "hope"}
HYPOTHETICAL_VERBS = {"consider", "mull", "weigh", "want", "seek", "propose", "suggest", "threaten", "offer", "try", "attempt", "wish", "possible", "likely", "able", "ready", "willing"}
FUTURE_MODIFIERS = {"expected", "planned", "upcoming", "anticipated", "scheduled", "forthcoming", "future", "next", "coming", "proposed"}
HYPOTHETICAL_MODIFIERS = {"possible", "potential", "hypothetical", "likely", "prospective"}
FUTURE_TIME = {"next", "tomorrow", "upcoming", "coming", "later"}
TEMPORAL_MARKS = {"when", "once", "after", "before", "until", "while"}
# Dependencies through which a governing word's modality reaches the trigger.
GOVERNING_DEPS = {"xcomp", "pobj", "prep", "dobj", "attr", "pcomp", "acomp", "nsubjpass", "acl", "oprd", "advcl", "appos"}


def governing_path(trigger: Token) -> list[Token]:
    """The trigger and the words above it within its own assertion.

    Adverbial clauses are climbed only when infinitival ("called for X to
    handle") or conditional ("unless Moscow agreed"), where the main clause
    decides what the embedded act is."""
    path = [trigger]
    token = trigger
    while (token.dep_ in GOVERNING_DEPS or _complement_conjunct(token)) and token.head != token:
        if token.dep_ == "advcl" and not (_infinitival(token) or _conditional(token)):
            break
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" and token.head.lemma_.lower() not in LIGHT_VERBS:
            break  # "must use last week's strike as a tool": the strike stays past
        token = token.head
        path.append(token)
    return path


def _complement_conjunct(token: Token) -> bool:
    """'agreed to resume talks and to start negotiations': the second
    infinitive shares the first one's governor."""
    return token.dep_ == "conj" and token.head.dep_ in ("xcomp", "ccomp") and token.pos_ == "VERB"


def _conditional(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children)


def _infinitival(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) or any(
        c.dep_ == "mark" and c.lower_ in ("for", "to") for c in token.children
    )


def _word_modality(token: Token, is_trigger: bool) -> set[str]:
    children = list(token.children)
    found: set[str] = set()
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        found.add("negated")
    if not is_trigger and token.lemma_.lower() in NEGATING_VERBS:
        found.add("negated")
    if _conditional(token) or any(c.dep_ == "mark" and c.lower_ == "whether" for c in children):
        found.add("hypothetical")
    for aux in (c for c in children if c.dep_ in ("aux", "auxpass")):
        if aux.lower_ in HYPOTHETICAL_AUX:
            found.add("hypothetical")
        elif aux.lower_ in FUTURE_AUX:
            found.add("future")
    lexical = _lexical_modality(token, children, is_trigger)
    if lexical:
        found.add(lexical)
    return found


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


def _future_time(token: Token) -> bool:
    """'next week', 'tomorrow', 'later this month'; not 'hours later'."""
    for child in token.children:
        if child.dep_ in ("npadvmod", "advmod", "prep", "tmod") and child.ent_type_ in ("DATE", "TIME"):
            words = {t.lower_ for t in child.subtree}
            if words & (FUTURE_TIME - {"later"}) or ("later" in words and words & {"this", "next"}):
                return True
    return False


def _temporal_head(token: Token) -> Token | None:
    """'will press Beijing ... when he meets Wang Yi': a present-tense
    temporal clause takes the time of the clause it depends on."""
    clause = governing_path(token)[-1]
    if clause.dep_ == "advcl" and clause.tag_ in ("VBZ", "VBP"):
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL_MARKS for c in clause.children):
            return clause.head
    return None


def modality(trigger: Token) -> str:
    """Modality of the event named by ``trigger``; negation wins over the rest."""
    found: set[str] = set()
    for i, token in enumerate(governing_path(trigger)):
        found |= _word_modality(token, i == 0)
    head = _temporal_head(trigger)
    if head is not None and not found:
        found |= {m for t in governing_path(head) for m in _word_modality(t, False)} - {"negated"}
    for wanted in ("negated", "hypothetical", "future"):
        if wanted in found:
            return wanted
    return "asserted"
