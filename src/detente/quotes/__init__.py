"""Quotations and reported speech, each attributed to an actor.

``find_quotes(doc, table)`` returns the article's quotes in text order:

- direct quotations between double quotes (straight ``"`` or curly ``“ ”``),
  also across sentences and across paragraphs in the news convention (an
  opening mark at each paragraph start, one closing mark at the end), and
  between single curly quotes (``‘ ’``) when a speech verb attributes them;
- reported speech: the clausal complement of a speech verb ("Blinken said
  (that) the talks were useful") with no quotation marks around it.

``Quote.text`` is the quoted words without the quotation marks (a trailing
comma before the closing mark is dropped), ``doc.text[start:end] == text``;
``Quote.verb`` is the speech verb's lemma ("say" for "said"), so quotes can be
counted by verb. See docs/quotes.md for the rules and their limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from detente.actors.extract import ActorTable
from detente.nlp import doc_text, tokens_tagged
from detente.schema import ActorRef, Quote

# Verbs that put words in someone's mouth. Verbs of thought ("believe",
# "think", "expect") are left out: they report opinions, not statements.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "stress", "emphasize", "emphasise", "warn", "urge", "call", "insist",
    "note", "argue", "declare", "announce", "write", "tweet", "post", "describe", "accuse", "ask", "reply",
    "respond", "answer", "explain", "claim", "vow", "promise", "pledge", "acknowledge", "admit", "assert",
    "confirm", "deny", "suggest", "comment", "remark", "reiterate", "repeat", "recall", "predict",
    "caution", "complain", "concede", "contend", "maintain", "observe", "point", "report", "reassure",
    "assure", "threaten", "demand", "dub", "brand", "label", "term", "quote", "mention", "testify",
    "proclaim", "conclude", "speak", "condemn", "denounce", "criticise", "criticize", "praise", "hail", "welcome",
})
# A quoted fragment this short is a scare quote ("so-called") unless an actor
# is named as its speaker; the seed's “responsibly” is Blinken's word.
MIN_UNATTRIBUTED_WORDS = 3
# Clause links through which a verb without a subject takes its governor's:
# "Blinken arrived and said ...", "..., saying that ...", "was quoted as
# saying" (saying -> as -> quoted).
INHERIT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep"}
# How a speech verb outside the quote can sit in the quote's sentence when
# the parse does not hang the quote under it ("“...,” he said" as parataxis).
CLAUSE_DEPS = {"ROOT", "parataxis", "ccomp", "conj", "advcl"}
# Subtrees that describe a subject rather than name it.
SKIP_DEPS = {"relcl", "acl", "advcl", "punct", "cc"}
OPENING_CONTEXT = " \t\n([{—–-/:"
# A bare attribution sentence after a quote: "Blinken said." / "he said on Monday."
MAX_ATTRIBUTION_WORDS = 8


@dataclass
class _Direct:
    """A direct quote found by the scanner: mark positions and attribution."""

    open: int
    close: int
    single: bool
    verb: Token | None = None
    speaker: ActorRef | None = None
    attribution_end: int = 0  # where the sentence that attributes it ends


def find_quotes(doc: Doc, table: ActorTable) -> list[Quote]:
    """Direct quotes and reported speech of ``doc``, in text order."""
    text = doc_text(doc)
    marks = _mark_spans(text)
    direct = _direct_quotes(doc, text, table, marks)
    reported = _reported_speech(doc, text, table, marks, [(q.start, q.end) for q in direct])
    return sorted(direct + reported, key=lambda q: (q.start, q.end))


# -- direct quotes: finding the quotation marks --------------------------------

def _double_role(text: str, i: int) -> str:
    """Curly marks say what they are; a straight one is read from its
    neighbours, and 'either' when they do not tell."""
    mark = text[i]
    if mark != '"':
        return "open" if mark == "“" else "close"
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in OPENING_CONTEXT and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def _starts_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return line_start > 0 and not text[line_start:i].strip()


def _continues(text: str, anchor: int, i: int, role: str) -> bool:
    """An opening mark while a quote is open: the next paragraph of the same
    quote when it opens a paragraph, or when it follows a sentence end in
    texts whose paragraph breaks were flattened to spaces."""
    if role == "close":
        return False
    if "\n" in text[anchor:i]:
        return _starts_paragraph(text, i)
    return role == "open" and text[max(0, i - 40):i].rstrip()[-1:] in (".", "!", "?")


def _double_spans(text: str) -> list[tuple[int, int]]:
    """Pair double quotation marks. A quote left open at a paragraph end
    goes on only if the next paragraph opens with a quotation mark (the news
    convention for multi-paragraph quotes); otherwise it was unbalanced and
    is dropped rather than let it swallow the rest of the article."""
    spans, open_at, anchor = [], None, 0
    for match in re.finditer(r'["“”]', text):
        i, role = match.start(), _double_role(text, match.start())
        if open_at is not None and _continues(text, anchor, i, role):
            anchor = i  # the same quote, next paragraph
            continue
        if open_at is not None and "\n" in text[anchor:i]:
            open_at = None
        if open_at is not None and role != "open":
            spans.append((open_at, i))
            open_at = None
        elif role != "close":
            open_at = anchor = i
    return spans


def _closes_single(text: str, i: int, end: int) -> bool:
    """’ closes a quote when no letter follows it; "the countries’ leaders"
    (a plural possessive) only when no later closing mark is in sight."""
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isalnum():
        return False  # an apostrophe: "Beijing’s", "don’t"
    if text[i - 1] in "sS" and after.isspace():
        return not any(_closes_single(text, j, end) for j in range(i + 1, end) if text[j] == "’")
    return True


def _single_spans(text: str) -> list[tuple[int, int]]:
    """‘...’ pairs within one paragraph; the ’ doubles as an apostrophe, so
    only a ‘ at a word start opens a quote."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        open_at = None
        for mark in re.finditer("[‘’]", para.group()):
            i = para.start() + mark.start()
            if text[i] == "‘" and (i == 0 or text[i - 1] in OPENING_CONTEXT + "“\""):
                open_at = i
            elif text[i] == "’" and open_at is not None and _closes_single(text, i, para.end()):
                spans.append((open_at, i))
                open_at = None
    return spans


def _mark_spans(text: str) -> list[_Direct]:
    """All quote spans; single quotes nested in double ones are part of
    the outer quote, not quotes of their own."""
    double = _double_spans(text)
    found = [_Direct(o, c, False) for o, c in double]
    for o, c in _single_spans(text):
        if not any(do < o and c < dc for do, dc in double):
            found.append(_Direct(o, c, True))
    return sorted(found, key=lambda d: d.open)


def _content(text: str, span: _Direct) -> tuple[int, int]:
    """The quoted words: inside the marks, without surrounding spaces or a
    comma that only ends the quote before its attribution ("“...,” he said")."""
    start, end = span.open + 1, span.close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# -- direct quotes: who said them -------------------------------------------------

def _is_speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS


def _governing_verb(doc: Doc, inside: range) -> Token | None:
    """The first speech verb above the quote in the parse: "Blinken has
    called for the US and China to handle their differences “responsibly”"."""
    for token in doc[inside.start:inside.stop]:
        if token.is_punct or token.is_space or (token.head.i in inside and token.head is not token):
            continue
        for ancestor in token.ancestors:
            if ancestor.i not in inside and _is_speech_verb(ancestor):
                return ancestor
    return None


def _nearby_verb(doc: Doc, inside: range) -> Token | None:
    """A speech verb in the quote's own sentences that the parse did not put
    above the quote ("“...,” he said" read as parataxis): the closest one."""
    sents = {doc[inside.start].sent, doc[inside.stop - 1].sent}
    verbs = [t for s in sents for t in s
             if t.i not in inside and _is_speech_verb(t) and t.dep_ in CLAUSE_DEPS]
    if not verbs:
        return None
    return min(verbs, key=lambda t: min(abs(t.i - inside.start), abs(t.i - inside.stop)))


def _is_bare_attribution(sent: Span) -> bool:
    """'Blinken said.' / 'he said on Monday': a speech verb and its subject,
    no complement of its own."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not _is_speech_verb(sent.root) or len(words) > MAX_ATTRIBUTION_WORDS:
        return False
    return not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in sent.root.children)


def _sentence_before(doc: Doc, inside: range) -> Span | None:
    """The sentence just before a quote that opens its own sentence."""
    first = doc[inside.start].sent
    if first.start == 0 or not all(t.is_space for t in doc[first.start:inside.start]):
        return None
    return doc[first.start - 1].sent


def _colon_verb(doc: Doc, inside: range) -> Token | None:
    """'Blinken said:' or 'She went on:' introducing the quote, in its
    sentence or the one before: its last speech verb, else its last verb."""
    i = inside.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    verbs = [t for t in doc[i].sent if t.i < i and t.pos_ == "VERB"]
    speech = [t for t in verbs if _is_speech_verb(t)]
    return (speech or verbs or [None])[-1]


def _speaker_before(before: Span | None) -> Token | None:
    """'He said no one accepted responsibility. “Given these circumstances
    ...”': a quote paragraph after a sentence in which someone speaks goes
    on with that speaker, as news writing does."""
    verbs = [t for t in before or () if _is_speech_verb(t) and t.dep_ in CLAUSE_DEPS and _subject(t) is not None]
    return verbs[-1] if verbs else None


def _attribution_after(doc: Doc, inside: range) -> Span | None:
    """'Blinken said.' as the sentence right after a quote that ends its own."""
    last = doc[inside.stop - 1].sent
    if last.end >= len(doc) or not all(t.is_punct or t.is_space for t in doc[inside.stop:last.end]):
        return None
    after = doc[last.end].sent
    return after if _is_bare_attribution(after) else None


def _attribute(doc: Doc, span: _Direct) -> None:
    """Find the speech verb of a direct quote and where its attribution
    ends: the quote's own sentences first, then the sentences around it."""
    marks = doc.char_span(span.open, span.close + 1, alignment_mode="expand")
    if marks is None:
        return
    inside = range(marks.start, marks.end)
    before = _sentence_before(doc, inside)
    span.verb = _governing_verb(doc, inside) or _nearby_verb(doc, inside) or _colon_verb(doc, inside)
    span.attribution_end = doc[inside.stop - 1].sent.end_char
    if span.verb is None and (after := _attribution_after(doc, inside)) is not None:
        span.verb, span.attribution_end = after.root, after.end_char
    span.verb = span.verb or _speaker_before(before)


def _continue_previous(text: str, span: _Direct, previous: _Direct | None) -> None:
    """A quote with no attribution of its own straight after an attributed
    one ("“...,” he said. “...” “...”") goes on with the same speaker."""
    if span.verb is not None or previous is None or previous.verb is None:
        return
    if not text[previous.attribution_end:span.open].strip():
        span.verb, span.speaker = previous.verb, previous.speaker
        span.attribution_end = max(span.attribution_end, previous.attribution_end)


def _direct_quotes(doc: Doc, text: str, table: ActorTable, marks: list[_Direct]) -> list[Quote]:
    quotes, previous = [], None
    for span in marks:
        start, end = _content(text, span)
        if start >= end:
            continue
        _attribute(doc, span)
        span.speaker = speaker_of(span.verb, table)
        _continue_previous(text, span, previous)
        if _keep(text[start:end], span):
            quotes.append(Quote(speaker=span.speaker, text=text[start:end], start=start, end=end,
                                verb=span.verb.lemma_.lower() if span.verb is not None else None))
            previous = span
    return quotes


def _keep(text: str, span: _Direct) -> bool:
    """Single quotes only when a speech verb attributes them; a fragment of
    one or two words (a scare quote) only with a speaker."""
    if span.single and span.verb is None:
        return False
    return span.speaker is not None or len(re.findall(r"\w+", text)) >= MIN_UNATTRIBUTED_WORDS


# -- speakers ---------------------------------------------------------------------

def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause it continues ("Blinken
    arrived and said ..."); a relative 'who' stands for the noun it follows.
    Of two subjects (a parse error: "(Reuters) - ... Trump said") the one
    nearest the verb is taken."""
    for _ in range(5):
        subjects = [c for c in verb.children
                    if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and verb.lemma_ == "quote")]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ not in INHERIT_DEPS or verb.head is verb:
            return None
        verb = verb.head
    return None


def _actor_key(table: ActorTable, subject: Token) -> str | None:
    """The actor the subject names, a person first. When the head word names
    none ("Foreign Minister Sergei Lavrov" headed by 'Minister'), its
    modifiers, compounds and appositions are searched, nearest first."""
    keys = list(table.keys_at(subject.i))
    frontier = [] if keys else [subject]
    while frontier and not keys:
        frontier = [c for t in frontier for c in t.children if c.dep_ not in SKIP_DEPS]
        keys = [k for t in frontier for k in table.keys_at(t.i)]
    keys = [k for k in dict.fromkeys(keys) if k in table.actors]
    people = [k for k in keys if table.actors[k].kind == "person"]
    return (people or keys or [None])[0]


def speaker_of(verb: Token | None, table: ActorTable) -> ActorRef | None:
    """The ActorRef of whoever does the speaking verb, or None."""
    subject = _subject(verb) if verb is not None else None
    key = _actor_key(table, subject) if subject is not None else None
    return table.ref(key) if key is not None else None


# -- reported speech -------------------------------------------------------------

def _clause_bounds(doc: Doc, verb: Token, clause: Token, dateline: set[int]) -> tuple[int, int] | None:
    """First and last token of the complement clause, without edge
    punctuation, the complementiser 'that' or the dateline ("UNITED NATIONS
    (Reuters) -"); None when the verb sits inside it ("The talks, he said,
    went well"), which no single span can express."""
    indices = [t.i for t in clause.subtree]
    lo, hi = min(indices), max(indices)
    if lo <= verb.i <= hi:
        return None
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space or lo in dateline
                        or (doc[lo].dep_ == "mark" and doc[lo].lower_ == "that")):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return (lo, hi) if hi > lo else None  # one word ("he said so") reports nothing


def _covered(start: int, end: int, direct: list[tuple[int, int]]) -> bool:
    """Mostly inside a direct quote: the same words, already a quote. A short
    quoted phrase inside a longer reported clause leaves the clause its own."""
    overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in direct)
    return overlap * 2 > end - start


def _with_marks(start: int, end: int, marks: list[_Direct]) -> tuple[int, int]:
    """A reported clause that runs into a quoted phrase ("facing up to
    "painful economic realities"") keeps both of its quotation marks."""
    for mark in marks:
        if start <= mark.open < end <= mark.close:
            end = mark.close + 1
        elif mark.open < start <= mark.close < end:
            start = mark.open
    return start, end


def _reported_speech(doc: Doc, text: str, table: ActorTable, marks: list[_Direct],
                     direct: list[tuple[int, int]]) -> list[Quote]:
    quotes, seen = [], set()
    for verb in tokens_tagged(doc, ("VERB",)):  # speech verbs are verbs
        if not _is_speech_verb(verb):
            continue
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            bounds = _clause_bounds(doc, verb, clause, table.dateline)
            if bounds is None:
                continue
            start, end = doc[bounds[0]].idx, doc[bounds[1]].idx + len(doc[bounds[1]])
            if _covered(start, end, direct):
                continue
            start, end = _with_marks(start, end, marks)
            if (start, end) not in seen:
                seen.add((start, end))
                quotes.append(Quote(speaker=speaker_of(verb, table), text=text[start:end],
                                    start=start, end=end, verb=verb.lemma_.lower()))
    return quotes
