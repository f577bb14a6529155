"""One event per happening within an article.

A story tells its main happening several times: "Blinken's visit to
Shanghai", "In a meeting with Shanghai's party leader", "Chen Jining ...
welcomed Blinken", and again "Blinken's visit to Shanghai, the first in 14
years". Counting each sentence would inflate the data; GDELT keeps one event
with several mentions. Two events are one happening when:

- they have the same type, modality and background flag, and the same date;
- for meetings (CONSULT) the same two countries and the same location, or
  the very same pair of actors when there is no location; for every other
  type, the same source and target actors, in the same direction;
- a meeting's direction does not split it: the host's welcome ("Chen Jining
  welcomed Blinken", CHN→USA) and the guest's visit (USA→CHN) in the same
  city are one meeting seen from its two sides. GDELT would store both
  directions, double-counting the meeting; we keep the guest's direction
  (the visit is the news) and the welcome's sentence as a mention. A
  symmetric trigger ("the two leaders held talks") still gives both
  directions, as GDELT codes it;
- and no side is two different named people ("met Wang Yi", later "met Xi"
  are two meetings).

The kept event is the most detailed report; the others become its
``mentions``.
"""

from __future__ import annotations

from detente.schema import ActorRef, Event


def _people_clash(a: ActorRef | None, b: ActorRef | None, people: set[str]) -> bool:
    return a is not None and b is not None and a.id in people and b.id in people and a.id != b.id


def _sides_agree(a: tuple[ActorRef, ActorRef], b: tuple[ActorRef, ActorRef], people: set[str]) -> bool:
    (a1, a2), (b1, b2) = a, b
    if (a1.country, a2.country) != (b1.country, b2.country) or None in (a1.country, a2.country):
        return False
    return not (_people_clash(a1, b1, people) or _people_clash(a2, b2, people))


def _one_symmetric_trigger(a: Event, b: Event) -> bool:
    """"The two leaders held talks" is coded in both directions on purpose."""
    return a.evidence.trigger_start == b.evidence.trigger_start and a.evidence.start == b.evidence.start


def _same_meeting(a: Event, b: Event, people: set[str]) -> bool:
    if a.target is None or b.target is None:
        return False
    same_way = _sides_agree((a.source, a.target), (b.source, b.target), people)
    if not same_way and (_one_symmetric_trigger(a, b)
                         or not _sides_agree((a.source, a.target), (b.target, b.source), people)):
        return False
    if a.location and b.location:
        return a.location.id == b.location.id
    return {a.source.id, a.target.id} == {b.source.id, b.target.id}


def same_happening(a: Event, b: Event, people: set[str]) -> bool:
    if (a.type, a.modality, a.background, a.date) != (b.type, b.modality, b.background, b.date):
        return False
    if a.type == "CONSULT":
        return _same_meeting(a, b, people)
    same_target = (a.target.id if a.target else None) == (b.target.id if b.target else None)
    places = a.location is None or b.location is None or a.location.id == b.location.id
    return a.source.id == b.source.id and same_target and places


def _detail(event: Event, people: set[str]) -> tuple:
    named = sum(ref is not None and ref.id in people for ref in (event.source, event.target))
    sectors = sum(ref is not None and ref.sector is not None for ref in (event.source, event.target))
    guest = event.cameo != "043"  # the host's side of a visit
    return (guest, named, sectors, event.location is not None, event.confidence)


def merge_within(events: list[Event], people: set[str]) -> list[Event]:
    """Events of one article, each happening once; ``people`` holds the ids
    of person actors (named people tell happenings apart)."""
    groups: list[list[Event]] = []
    for event in events:
        home = next((g for g in groups if any(same_happening(event, e, people) for e in g)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    return [_merged(group, people) for group in groups]


def _merged(group: list[Event], people: set[str]) -> Event:
    best = max(group, key=lambda e: _detail(e, people))
    others = [e.evidence for e in group if e is not best]
    merged = best.model_copy(update={"mentions": [*best.mentions, *others]})
    if merged.location is None:
        merged.location = next((e.location for e in group if e.location is not None), None)
    return merged
