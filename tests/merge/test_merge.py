"""Cross-article merge: near-duplicate stories found with MinHash/LSH, and
their events merged into one MergedEvent per happening with GDELT-style
counts. The stories below were written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

import detente
from detente.merge import merge_events, near_duplicate_clusters, shingles, similarity
from detente.schema import ActorRef, Analysis, Article, Event, Evidence


def paragraphs(wrapped: str) -> str:
    """News-style text from a wrapped literal: lines joined, blank lines kept."""
    return "\n\n".join(" ".join(p.split()) for p in wrapped.strip().split("\n\n"))


VISIT = paragraphs("""
German Foreign Minister Annalena Baerbock met Indian Prime Minister Narendra Modi in New Delhi on Monday, as
Berlin seeks closer ties with the world's most populous country.

Baerbock also held talks with Modi on trade and climate policy, officials from both sides said afterwards.

The minister told reporters that Germany saw India as a partner in defending a rules-based international
order, and that the two countries shared a common interest in open sea lanes in the Indo-Pacific region.

India has not condemned the invasion of Ukraine outright and has increased its purchases of discounted crude
oil since the start of the war, a policy that has irritated some European governments and officials in
Brussels.

German companies have been looking to India as an alternative to China, where rising costs and political
tensions have made many manufacturers reconsider their investments in recent years. Several large firms from
Bavaria and Baden-Wuerttemberg have opened new plants near Chennai and Pune, and more are expected to follow
once the rules for foreign investors are simplified.

Trade between the two countries reached a record of about 30 billion euros last year, and business groups on
both sides hope that a long-delayed free trade agreement between India and the European Union can be concluded
before the end of the decade.

Negotiations on that agreement were relaunched in 2022 after a break of almost nine years, but differences
over tariffs on cars, wine and dairy products, as well as over data protection and public procurement, have
slowed progress.

German Foreign Minister Annalena Baerbock said she visited India in 2015.

Officials in Berlin said the government also wanted to attract more skilled workers from India, in particular
nurses and software engineers, to ease labour shortages in hospitals, care homes and technology companies
across the country.

The number of Indian students at German universities has doubled over the past five years to more than forty
thousand, making them the largest group of foreign students in the country, according to figures from the
German academic exchange service.

Climate cooperation was another theme of the visit. Germany has pledged billions of euros over the coming
years to help India expand solar and wind power, build new power lines and develop a market for green
hydrogen.

Indian officials said they hoped German investment would help the government reach its goal of producing a
quarter of the country's economic output in factories by the end of the decade, up from about fifteen percent
today.

Analysts in New Delhi said the visit showed how much the relationship had changed in recent years. Germany was
once seen mainly as a market for Indian textiles and software services, they said, but is now treated as a
source of technology, capital and know-how in fields from rail transport to semiconductors.

The minister is due to travel on to Bangladesh later this week before returning home for a meeting of European
foreign ministers in Luxembourg.
""")

# Version two of the story, as another outlet ran it: one sentence reworded
# (the restatement of the meeting is gone) and a paragraph added at the end.
RESTATED = ("Baerbock also held talks with Modi on trade and climate policy, officials from both sides "
            "said afterwards.")
REWORDED = ("Officials said the agenda covered trade, migration and energy, and that the session went on for "
            "well over an hour.")
ADDED = "\n\nSeparately, Pakistan accused India on Monday of violating the ceasefire along the border in Kashmir."
VISIT_UPDATED = VISIT.replace(RESTATED, REWORDED) + ADDED

UNRELATED = paragraphs("""
Brazil's Supreme Court on Tuesday ordered an investigation into claims that members of the former government
plotted to stay in power after losing the 2022 election, a case that has divided the country and strained
relations between the courts and Congress. Lawyers for the accused said the evidence had been obtained
illegally and that they would appeal the decision before the full court, which is expected to rule on the
matter later this year.
""")

TEXTS = {"reuters-1": VISIT, "afp-1": VISIT_UPDATED, "folha-1": UNRELATED}


def test_the_updated_story_differs_but_is_near():
    assert RESTATED in VISIT and REWORDED not in VISIT and ADDED.strip() not in VISIT
    assert 0.8 <= similarity(VISIT, VISIT_UPDATED) < 1.0
    assert similarity(VISIT, UNRELATED) < 0.1


def test_near_duplicates_cluster_and_an_unrelated_story_does_not():
    assert near_duplicate_clusters(list(TEXTS.items())) == [["reuters-1", "afp-1"]]


def test_clusters_from_articles_and_dicts():
    articles = [Article(id="reuters-1", text=VISIT), {"id": "afp-1", "text": VISIT_UPDATED},
                Article(id="folha-1", text=UNRELATED)]
    assert near_duplicate_clusters(articles) == [["reuters-1", "afp-1"]]


def test_clusters_are_deterministic_and_respect_the_threshold():
    runs = [near_duplicate_clusters(TEXTS.items()) for _ in range(2)]
    assert runs[0] == runs[1]
    assert near_duplicate_clusters(TEXTS.items(), threshold=0.99) == []


def test_shingles_ignore_case_spacing_and_punctuation():
    assert shingles("The  Minister met\n\nMODI, on Monday.") == shingles("the minister met modi on monday")
    assert len(shingles("one two three four five six")) == 2
    assert shingles("too short") == {b"too short"}
    assert shingles("  ...  ") == set()


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="twice"):
        near_duplicate_clusters([("a", VISIT), ("a", UNRELATED)])


# --- merged events from real analyses ----------------------------------------------


@pytest.fixture(scope="module")
def analyses():
    rows = [
        {"id": "reuters-1", "text": VISIT, "date": "2024-04-29", "publisher": "Reuters",
         "url": "https://www.reuters.com/world/india/baerbock-modi-2024-04-29/"},
        {"id": "afp-1", "text": VISIT_UPDATED, "date": "2024-04-29", "publisher": "AFP",
         "url": "https://www.france24.com/en/asia-pacific/20240429-baerbock-modi"},
        {"id": "folha-1", "text": UNRELATED, "date": "2024-04-30", "publisher": "Folha",
         "url": "https://www1.folha.uol.com.br/internacional/en/brazil/2024/04/court.shtml"},
    ]
    return list(detente.analyze_many(rows))


@pytest.fixture(scope="module")
def merged(analyses):
    return merge_events(analyses, texts=TEXTS)


def with_key(merged, type_, source, target, background=False):
    found = [m for m in merged if (m.event.type, m.event.source.code, m.event.target and m.event.target.code,
                                   m.event.background) == (type_, source, target, background)]
    assert found, [(m.event.type, m.event.source.code, m.event.target and m.event.target.code) for m in merged]
    return found


def test_the_shared_meeting_is_one_event_with_counts(analyses, merged):
    [meeting] = with_key(merged, "CONSULT", "DEUGOV", "INDGOV")
    assert (meeting.num_articles, meeting.num_sources) == (2, 2)
    reports = [e for a in analyses[:2] for e in a.events
               if (e.type, e.source.code, e.target and e.target.code) == ("CONSULT", "DEUGOV", "INDGOV")]
    assert len(reports) == 2
    assert meeting.num_mentions == sum(1 + len(e.mentions) for e in reports) == len(meeting.mentions)
    assert meeting.num_mentions >= 3, "the first story restates the meeting, so it has at least two sentences"
    assert {m.url for m in meeting.mentions} == {analyses[0].url, analyses[1].url}
    assert {m.publisher for m in meeting.mentions} == {"Reuters", "AFP"}
    assert any(RESTATED in m.evidence.sentence for m in meeting.mentions)
    assert meeting.event.location is not None and meeting.event.confidence == max(e.confidence for e in reports)


def test_every_evidence_sentence_slices_its_article(merged):
    for item in merged:
        for mention in item.mentions:
            text = TEXTS[mention.article_id]
            assert text[mention.evidence.start:mention.evidence.end] == mention.evidence.sentence


def test_an_event_only_in_the_update_stays_alone(merged):
    [accusation] = with_key(merged, "ACCUSE", "PAK", "IND")
    assert (accusation.num_articles, accusation.num_sources, accusation.num_mentions) == (1, 1, 1)
    assert accusation.mentions[0].article_id == "afp-1"


def test_background_events_are_not_merged(analyses, merged):
    old_visits = with_key(merged, "CONSULT", "DEUGOV", "IND", background=True)
    assert len(old_visits) == 2, "both stories retell the 2015 visit; each stays its own event"
    assert all(m.num_articles == 1 for m in old_visits)
    assert {m.mentions[0].article_id for m in old_visits} == {"reuters-1", "afp-1"}


def test_every_event_comes_out_once(analyses, merged):
    assert sum(len(a.events) for a in analyses) == sum(m.num_articles for m in merged)
    assert len({m.id for m in merged}) == len(merged)
    assert all(m.num_articles == 1 for m in merged if m.mentions[0].article_id == "folha-1")


def test_ids_are_stable(analyses, merged):
    assert [m.id for m in merge_events(analyses, texts=TEXTS)] == [m.id for m in merged]


def test_identical_copies_merge_without_texts(analyses):
    """Without texts, the Analyses' titles and evidence sentences stand in."""
    copy = analyses[0].model_copy(update={"id": "copy-1", "publisher": None, "url": "https://www.dw.com/en/a-1"})
    merged = merge_events([analyses[0], copy])
    [meeting] = with_key(merged, "CONSULT", "DEUGOV", "INDGOV")
    assert (meeting.num_articles, meeting.num_sources) == (2, 2)
    assert {m.publisher for m in meeting.mentions} == {"Reuters", "dw.com"}


# --- the merge rules, on hand-built events --------------------------------------------


def ref(code: str) -> ActorRef:
    return ActorRef(id=code.lower(), name=code, code=code, country=code[:3], sector=code[3:] or None)


def event(id_: str, type_="CONSULT", source="USAGOV", target="CHNGOV", day=dt.date(2024, 4, 25), **more) -> Event:
    evidence = Evidence(sentence="x", start=0, end=1, trigger="x", trigger_start=0, trigger_end=1)
    return Event(id=id_, type=type_, source=ref(source), target=ref(target) if target else None,
                 modality=more.pop("modality", "asserted"), date=day, evidence=evidence,
                 confidence=more.pop("confidence", 0.8), **more)


def article(id_: str, *events: Event, publisher=None, url=None) -> Analysis:
    return Analysis(id=id_, events=list(events), publisher=publisher, url=url)


ALL = [["a", "b"]]


def test_dates_a_day_apart_merge_and_two_days_do_not():
    near = merge_events([article("a", event("e1")), article("b", event("e1", day=dt.date(2024, 4, 26)))], clusters=ALL)
    far = merge_events([article("a", event("e1")), article("b", event("e1", day=dt.date(2024, 4, 27)))], clusters=ALL)
    undated = merge_events([article("a", event("e1", day=None)), article("b", event("e1"))], clusters=ALL)
    assert [m.num_articles for m in near] == [2]
    assert [m.num_articles for m in far] == [1, 1]
    assert [m.num_articles for m in undated] == [1, 1]


def test_the_key_separates_type_modality_and_sides_but_not_meeting_direction():
    def pair(**other):
        return [m.num_articles for m in merge_events([article("a", event("e1")), article("b", event("e1", **other))],
                                                     clusters=ALL)]
    assert pair(type_="ACCUSE") == [1, 1]
    assert pair(modality="future") == [1, 1]
    assert pair(target="CHNMIL") == [1, 1]
    assert pair(target=None) == [1, 1]
    assert pair(source="CHNGOV", target="USAGOV") == [2]


def test_no_merge_outside_a_cluster_or_within_one_article():
    apart = merge_events([article("a", event("e1")), article("b", event("e1"))], clusters=[])
    same = merge_events([article("a", event("e1"), event("e2")), article("b", event("e1"))], clusters=ALL)
    assert [m.num_articles for m in apart] == [1, 1]
    assert sorted(m.num_articles for m in same) == [1, 2]


def test_the_most_detailed_report_is_kept_and_sources_counted_by_host():
    from detente.schema import PlaceRef

    where = PlaceRef(id="p1", name="Beijing", country="CHN", lat=39.9, lon=116.4)
    a = article("a", event("e1", confidence=0.9), url="https://www.bbc.co.uk/news/1")
    b = article("b", event("e1", confidence=0.9, location=where), url="https://bbc.co.uk/news/2")
    [merged] = merge_events([a, b], clusters=ALL)
    assert merged.event.location == where
    assert (merged.num_articles, merged.num_sources) == (2, 1)
