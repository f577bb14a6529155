"""Pronouns and pairs within an article.

No neural coreference model is installable here (coreferee and its kin need
hub downloads), so this is a small salience rule set of our own:
- "he"/"she"/"his"/"her" is the nearest person before it in the same
  sentence, else the subject person of the nearest earlier sentence that has
  one (within two sentences), else the last person named;
- "both countries", "the two nations", "both sides" are the last two
  distinct countries named (states, governments, their officials).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.actors.extract import ActorTable, add_state
from detente.nlp import tokens_tagged

PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
PAIR_NOUNS = {"country", "nation", "side", "government", "state", "capital", "power", "neighbour", "neighbor"}
PAIR_WORDS = {"both", "two"}
PAIR_PEOPLE = {"leader", "minister", "president", "premier", "counterpart", "head", "diplomat", "envoy"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _relative_antecedent(table: ActorTable, pronoun: Token) -> str | None:
    """'Lavrov, who took a harder line during his visit': his = Lavrov."""
    for ancestor in pronoun.ancestors:
        if ancestor.dep_ == "relcl":
            people = dict(table.people)
            return people.get(ancestor.head.i)
    return None


def _person_before(doc: Doc, table: ActorTable, pronoun: Token) -> str | None:
    sent = pronoun.sent
    antecedent = _relative_antecedent(table, pronoun)
    if antecedent:
        return antecedent
    same = [(i, k) for i, k in table.people if sent.start <= i < pronoun.i]
    subjects = [(i, k) for i, k in same if _is_subject(doc[i])]
    if subjects or same:
        return (subjects or same)[-1][1]
    for back in range(1, 3):
        earlier = [(i, k) for i, k in table.people if i < sent.start and _sentence_gap(doc, i, sent.start) == back]
        subjects = [(i, k) for i, k in earlier if _is_subject(doc[i])]
        if subjects:
            return subjects[0][1]
        if earlier:
            return earlier[-1][1]
    before = [(i, k) for i, k in table.people if i < pronoun.i]
    return before[-1][1] if before else None


def _is_subject(token: Token) -> bool:
    """A subject, or the possessor of one ("Blinken's agenda did not ...")."""
    while token.dep_ in ("compound", "appos", "conj") and token.head != token:
        token = token.head
    if token.dep_ == "poss":
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _sentence_gap(doc: Doc, token_index: int, sent_start: int) -> int:
    return _sentence_number(doc, sent_start) - _sentence_number(doc, token_index)


def _sentence_number(doc: Doc, token_index: int) -> int:
    """Index of the sentence holding a token, from a per-doc table built once."""
    numbers = doc.user_data.get("detente_sentence_numbers")
    if numbers is None:
        numbers = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            numbers[sent.start:sent.end] = [n] * len(sent)
        doc.user_data["detente_sentence_numbers"] = numbers
    return numbers[token_index]


def _countries_before(table: ActorTable, position: int) -> list[str]:
    """The last two distinct countries whose state, government or officials
    were mentioned before ``position``, oldest first."""
    picked: list[str] = []
    for index in sorted((i for i in table.by_token if i < position), reverse=True):
        for key in table.by_token[index]:
            actor = table.actors[key]
            if actor.country and actor.country not in picked:
                picked.append(actor.country)
        if len(picked) >= 2:
            return list(reversed(picked[:2]))
    return []


def _people_before(table: ActorTable, position: int) -> list[str]:
    """The last two distinct people named before ``position``, oldest first."""
    picked: list[str] = []
    for index, key in reversed(table.people):
        if index < position and key not in picked:
            picked.append(key)
        if len(picked) == 2:
            return list(reversed(picked))
    return []


def _is_people_pair(token: Token) -> bool:
    """'the two leaders', 'the two ministers', 'both presidents'."""
    if token.lemma_.lower() not in PAIR_PEOPLE or token.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in PAIR_WORDS for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod"))


def _is_pair(token: Token) -> bool:
    if token.lemma_.lower() not in PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in PAIR_WORDS for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod"))


def resolve_pronouns(doc: Doc, table: ActorTable) -> None:
    # Only pronouns and plural nouns ("the two leaders") can be resolved here.
    for token in tokens_tagged(doc, ("PRON",), ("NNS", "NNPS")):
        if token.lower_ in PERSONAL and token.pos_ == "PRON" and not table.keys_at(token.i):
            key = _person_before(doc, table, token)
            if key:
                table.add(key, None, [token], doc[token.i:token.i + 1])
                table.people.append((token.i, key))
                table.people.sort()
        elif _is_people_pair(token):
            pair = _people_before(table, token.i)
            if pair:
                for key in list(table.keys_at(token.i)):
                    table.drop_mention(key, token)  # not a group of "leaders"
                for key in pair:
                    table.add(key, None, [token], doc[token.i:token.i + 1])
        elif _is_pair(token) and not table.keys_at(token.i):
            for country in _countries_before(table, token.i):
                add_state(table, country, doc[token.i:token.i + 1])
