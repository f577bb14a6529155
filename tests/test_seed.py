"""The reference article: everything issue #2 says detente must get right."""

from __future__ import annotations


def events_with(analysis, trigger_word: str):
    return [e for e in analysis.events if e.evidence.trigger.lower().startswith(trigger_word)]


def test_meeting_with_shanghai_party_leader(seed):
    meeting = next(e for e in events_with(seed, "meeting") if "Shanghai" in e.evidence.sentence)
    assert (meeting.source.country, meeting.type, meeting.target.country) == ("USA", "CONSULT", "CHN")
    assert meeting.modality == "asserted"
    assert meeting.location.name == "Shanghai"
    assert abs(meeting.location.lat - 31.22) < 0.1 and abs(meeting.location.lon - 121.46) < 0.1


def test_chen_jining_welcome_is_the_same_meeting_seen_from_the_host(seed, seed_text):
    meeting = next(e for e in events_with(seed, "meeting") if "Shanghai" in e.evidence.sentence)
    welcome = next(m for m in meeting.mentions if m.trigger == "welcomed")
    assert welcome.sentence.startswith("Chen Jining")
    assert seed_text[welcome.trigger_start:welcome.trigger_end] == "welcomed"
    assert not events_with(seed, "welcomed")


def test_call_to_handle_differences_is_a_request_to_china(seed):
    call = events_with(seed, "called")[0]
    assert (call.source.code, call.type, call.target.code, call.modality) == ("USAGOV", "REQUEST", "CHN", "asserted")


def test_expected_and_planned_acts_are_future(seed):
    concerns = events_with(seed, "address")[0]
    assert (concerns.source.country, concerns.target.country, concerns.modality) == ("USA", "CHN", "future")
    assert concerns.location.name == "Beijing"
    encourage = events_with(seed, "encourage")[0]
    assert (encourage.source.country, encourage.type, encourage.target.country, encourage.modality) == (
        "USA", "REQUEST", "CHN", "future")


def test_meeting_with_xi_is_negated_and_never_asserted(seed):
    xi = [e for e in seed.events if e.target and e.target.name == "Xi Jinping"]
    assert xi and all(e.modality == "negated" for e in xi)
    assert xi[0].type == "CONSULT"


def test_lavrov_visit_to_china(seed):
    lavrov = [e for e in seed.events if e.source.name == "Sergei Lavrov"]
    assert [(e.source.code, e.type, e.target.code, e.modality) for e in lavrov] == [
        ("RUSGOV", "CONSULT", "CHN", "asserted")]


def test_no_material_conflict_and_no_event_from_background_colour(seed):
    assert all(e.quad_class != 4 for e in seed.events)
    assert not any("cuisine" in e.evidence.sentence or "basketball" in e.evidence.sentence for e in seed.events)
    assert not any("tensions have eased" in e.evidence.sentence for e in seed.events)


def test_actors_resolved_to_country_and_sector(seed):
    by_name = {a.name: a.code for a in seed.actors}
    assert by_name["Antony Blinken"] == "USAGOV"
    assert by_name["Joe Biden"] == "USAGOV"
    assert by_name["Chen Jining"] == "CHNGOV"
    assert by_name["Xi Jinping"] == "CHNGOV"
    assert by_name["Sergei Lavrov"] == "RUSGOV"


def test_later_mentions_resolve_to_first_full_mention(seed, seed_text):
    blinken = next(a for a in seed.actors if a.name == "Antony Blinken")
    texts = [m.text for m in blinken.mentions]
    assert texts.count("Blinken") >= 8 and "he" in texts
    for mention in blinken.mentions:
        assert seed_text[mention.start:mention.end] == mention.text


def test_places(seed):
    places = {p.name: p for p in seed.places}
    for city in ("Shanghai", "Beijing"):
        assert places[city].country == "CHN" and places[city].kind == "city"
        assert places[city].lat is not None and places[city].lon is not None
    assert {"Taiwan", "Russia", "Ukraine"} <= set(places)
    assert not any("New York" in p.name for p in seed.places)


def test_every_evidence_slices_its_sentence(seed, seed_text):
    assert seed.events
    for event in seed.events:
        ev = event.evidence
        assert seed_text[ev.start:ev.end] == ev.sentence
        assert seed_text[ev.trigger_start:ev.trigger_end] == ev.trigger
        assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end


def test_events_reference_existing_actors(seed):
    ids = {a.id for a in seed.actors}
    for event in seed.events:
        assert event.source.id in ids
        assert event.target is None or event.target.id in ids


def test_only_the_diplomatic_events_of_the_story(seed):
    """Every event is between the US, China and Russia (no hosting of students)."""
    assert seed.events
    for event in seed.events:
        assert event.source.country in ("USA", "CHN", "RUS")
        assert event.target is None or (event.target.country in ("USA", "CHN", "RUS")
                                         and event.target.sector in (None, "GOV"))


def test_the_visit_told_four_times_is_one_event_with_mentions(seed, seed_text):
    meeting = next(e for e in seed.events if e.evidence.trigger == "meeting" and e.modality == "asserted"
                   and e.source.name == "Antony Blinken" and e.target.country == "CHN")
    assert sorted(m.trigger for m in meeting.mentions) == ["visit", "visit", "welcomed"]
    for mention in meeting.mentions:
        assert seed_text[mention.start:mention.end] == mention.sentence
    assert sum(e.type == "CONSULT" and e.modality == "asserted" and not e.background
               for e in seed.events) == 1


def test_lavrov_visit_is_background(seed):
    lavrov = next(e for e in seed.events if e.source.name == "Sergei Lavrov")
    assert lavrov.background and lavrov.date is None


def test_enrichment_of_the_seed(seed):
    assert seed.tone.tone > 0
    assert "diplomacy" in [t.theme for t in seed.themes][:3] and len(seed.themes) >= 3
    quotes = {q.text: q.speaker.name for q in seed.quotes if q.speaker}
    assert quotes["responsibly"] == "Antony Blinken"
    assert quotes["direct and sustained"] == "Antony Blinken"
