"""The trigger lexicon (``events/data/triggers.tsv``) and matching on tokens."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from detente.datafiles import package_file, read_tsv, split_list
from detente.errors import DataFileError
from detente.ontology import CameoCode, cameo_codes

# Words of a verb pattern that must hang on the verb as a preposition or
# particle; any other extra word names the verb's object.
PARTICLES = {
    "for", "on", "with", "out", "down", "off", "from", "to", "about", "over",
    "at", "against", "up", "back", "into", "in",
}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
PARTICLE_DEPS = {"prep", "prt", "agent", "mark"}


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    pos: str
    cameo: CameoCode
    target_preps: frozenset[str]
    symmetric: bool
    requires: str | None

    @property
    def specificity(self) -> int:
        return len(self.words)


def _trigger(row: dict[str, str]) -> Trigger:
    code = cameo_codes().get(row["cameo"])
    if code is None or code.plover_type is None:
        raise DataFileError(
            f"triggers.tsv: pattern {row['pattern']!r} has CAMEO code {row['cameo']!r}, which is not "
            "a code with a PLOVER type in ontology/data/cameo.tsv; fix the code"
        )
    if row["pos"] not in ("VERB", "NOUN"):
        raise DataFileError(f"triggers.tsv: pattern {row['pattern']!r} has pos {row['pos']!r}; use VERB or NOUN")
    return Trigger(
        words=tuple(row["pattern"].lower().split()), pos=row["pos"], cameo=code,
        target_preps=frozenset(split_list(row["target"])), symmetric=row["symmetric"] == "yes",
        requires=row.get("requires") or None,
    )


@cache
def trigger_index() -> dict[tuple[str, str], list[Trigger]]:
    """(head lemma, pos) -> triggers, most specific first, then file order."""
    rows = read_tsv(package_file("detente.events", "triggers.tsv"), ("pattern", "pos", "cameo", "target"))
    index: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows:
        trig = _trigger(row)
        head = trig.words[-1] if trig.pos == "NOUN" else trig.words[0]
        index.setdefault((head, trig.pos), []).append(trig)
    for triggers in index.values():
        triggers.sort(key=lambda t: -t.specificity)
    return index


def _has_particle(token: Token, word: str) -> bool:
    for child in token.children:
        if child.dep_ in PARTICLE_DEPS and child.lower_ == word:
            return True
        # "called for the US and China to handle": 'for' marks the clause
        if child.dep_ in ("advcl", "ccomp", "xcomp"):
            if any(g.dep_ == "mark" and g.lower_ == word for g in child.children):
                return True
    return False


def _object_with_lemma(token: Token, lemma: str) -> Token | None:
    """The verb's object with this lemma, also behind a quantity
    ("withdraw half of its troops", "sent dozens of warships")."""
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            if child.lemma_.lower() == lemma:
                return child
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    inner = next((g for g in prep.children if g.dep_ == "pobj"), None)
                    if inner is not None and inner.lemma_.lower() == lemma:
                        return inner
    return None


def verb_matches(token: Token) -> list[tuple[Trigger, Token | None]]:
    """Triggers whose pattern fits this verb, with the pattern's object token."""
    found = []
    for trig in trigger_index().get((token.lemma_.lower(), "VERB"), ()):
        obj = None
        ok = True
        for word in trig.words[1:]:
            if word in PARTICLES:
                ok = ok and _has_particle(token, word)
            else:
                obj = _object_with_lemma(token, word)
                ok = ok and obj is not None
        if ok:
            found.append((trig, obj))
    return found


def noun_matches(token: Token) -> list[Trigger]:
    """Nominal triggers; a noun modifying another ('strike group') is none."""
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
        return []
    found = []
    for trig in trigger_index().get((token.lemma_.lower(), "NOUN"), ()):
        modifiers = trig.words[:-1]
        if all(any(c.lemma_.lower() == m and c.dep_ in ("compound", "amod", "nmod") for c in token.children)
               for m in modifiers):
            found.append(trig)
    return found
