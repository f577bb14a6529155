"""The dashboard's five views in headless Chromium, checked against the API
they draw from, with a screenshot of each (tests/web/screenshots/)."""

from __future__ import annotations

import math

import pytest

from tests.web.conftest import HOSTILE, api, show, snap

QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]


def busiest_dyad(server) -> tuple[str, str]:
    net = api(server, "/network", level="country", limit=5000)
    named = {n["node"] for n in net["nodes"] if n["node"] and n["name"]}
    pairs: dict[tuple, int] = {}
    for edge in net["edges"]:
        if edge["source"] in named and edge["target"] in named and edge["source"] != edge["target"]:
            key = tuple(sorted((edge["source"], edge["target"])))
            pairs[key] = pairs.get(key, 0) + edge["events"]
    return max(pairs, key=pairs.get)


def table_rows(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(selector + " tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_relations_timeline_matches_the_api(page, server, shots):
    page.goto(server.url + "/")
    show(page, "relations", "b=")
    a, b = page.evaluate("[document.forms['relations-form'].a.value, document.forms['relations-form'].b.value]")
    assert {a, b} == set(busiest_dyad(server)), "the default dyad is the busiest pair of countries"

    def check(a: str, b: str) -> int:
        data = api(server, "/relations", a=a, b=b, both="true", by="month", modality="asserted")
        busy = [p for p in data["periods"] if p["events"]]
        bars = page.eval_on_selector_all("#relations-chart rect.bar",
                                         "rs => rs.map(r => [r.dataset.period, +r.dataset.quad, +r.dataset.count])")
        expected = [[p["period"], q + 1, p[key]] for p in data["periods"] for q, key in enumerate(QUADS) if p[key]]
        assert sorted(bars) == sorted(expected)
        rows = table_rows(page, "#relations-table")
        assert [int(r[1]) for r in rows] == [p["events"] for p in busy]
        assert [[int(x) for x in r[2:6]] for r in rows] == [[p[k] for k in QUADS] for p in busy]
        dots = page.eval_on_selector_all("#relations-chart circle.gold-dot", "cs => cs.map(c => +c.dataset.goldstein)")
        assert dots == pytest.approx([p["goldstein_mean"] for p in busy])
        return sum(p["events"] for p in busy)

    assert check(a, b) > 0
    snap(page, shots, "relations")

    # Another dyad, picked in the select boxes: the busiest partner of A other than B.
    partners = api(server, "/counterparts", actor=a, limit=20)
    known = set(page.eval_on_selector_all("#relations-form select[name=b] option", "os => os.map(o => o.value)"))
    other = next(p["counterpart"] for p in partners if p["counterpart"] not in (a, b) and p["counterpart"] in known)
    page.select_option("#relations-form select[name=b]", other)
    show(page, "relations", f"b={other}")
    assert "↔" in page.text_content("#relations-title")
    assert check(a, other) > 0

    # One direction only, by week: still the API's numbers.
    page.select_option("#relations-form select[name=dir]", "ab")
    show(page, "relations", "dir=ab")
    page.select_option("#relations-form select[name=by]", "week")
    show(page, "relations", "by=week")
    data = api(server, "/relations", a=a, b=other, by="week", modality="asserted")
    assert page.locator("#relations-chart rect.bar").count() == sum(
        1 for p in data["periods"] for key in QUADS if p[key])


def located_places(events: list[dict]) -> dict[tuple, int]:
    places: dict[tuple, int] = {}
    for event in events:
        loc = event["location"]
        if loc and loc["lat"] is not None and loc["lon"] is not None:
            key = (loc["name"], f"{loc['lat']:.2f}", f"{loc['lon']:.2f}")
            places[key] = places.get(key, 0) + 1
    return places


def test_map_shows_event_locations(page, server, shots):
    page.goto(server.url + "/#map")
    show(page, "map")
    events = api(server, "/events", modality="asserted", limit=1000)
    assert events["total"] <= 1000
    places = located_places(events["items"])
    dots = page.eval_on_selector_all("#map-chart circle.place", "cs => cs.map(c => [c.dataset.name, +c.dataset.count])")
    assert len(dots) == len(places) > 5
    assert sum(n for _, n in dots) == sum(places.values())
    assert page.locator("#map-chart path.country").count() > 150
    snap(page, shots, "map")

    # Filtered by the event type with the most located events.
    by_type: dict[str, int] = {}
    for event in events["items"]:
        if event["location"] and event["location"]["lat"] is not None:
            by_type[event["type"]] = by_type.get(event["type"], 0) + 1
    kind = max(by_type, key=by_type.get)
    page.select_option("#map-form select[name=type]", kind)
    show(page, "map", f"type={kind}")
    filtered = located_places(api(server, "/events", modality="asserted", type=kind, limit=1000)["items"])
    counts = page.eval_on_selector_all("#map-chart circle.place", "cs => cs.map(c => +c.dataset.count)")
    assert sorted(counts) == sorted(filtered.values())
    assert sum(counts) == by_type[kind]

    # Hovering a place shows its name and count.
    page.hover("#map-chart circle.place >> nth=0")
    assert "event" in page.text_content("#tooltip")


def test_network_shows_the_busiest_actors(page, server, shots):
    page.goto(server.url + "/#network")
    show(page, "network")
    net = api(server, "/network", level="country", modality="asserted", limit=5000)
    top = sorted((n for n in net["nodes"] if n["node"]), key=lambda n: (-n["events"], n["node"]))[:30]
    keep = {n["node"] for n in top}
    pairs = {tuple(sorted((e["source"], e["target"]))) for e in net["edges"]
             if e["source"] in keep and e["target"] in keep and e["source"] != e["target"]}
    linked = {node for pair in pairs for node in pair}
    nodes = set(page.eval_on_selector_all("#network-chart g.node", "gs => gs.map(g => g.dataset.node)"))
    edges = set(map(tuple, page.eval_on_selector_all("#network-chart line.edge", "ls => ls.map(l => [l.dataset.a, l.dataset.b])")))
    assert nodes == linked and len(nodes) > 5
    assert edges == pairs
    # Nodes sit inside the canvas, apart from one another.
    centres = page.eval_on_selector_all("#network-chart g.node circle", "cs => cs.map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')])")
    assert all(0 <= x <= 1000 and 0 <= y <= 560 for x, y in centres)
    assert min(math.dist(p, q) for i, p in enumerate(centres) for q in centres[i + 1:]) > 5
    snap(page, shots, "network")

    # A line opens the pair's timeline.
    page.click("#network-chart line.edge >> nth=-1", force=True)
    show(page, "relations", "dir=both")


def test_event_table_filters_match_the_api(page, server, shots):
    page.goto(server.url + "/#events")
    show(page, "events")
    first = api(server, "/events", limit=25)
    ids = page.eval_on_selector_all("#events-table tr.event-row", "rs => rs.map(r => r.dataset.id + ' ' + r.dataset.key)")
    assert ids == [f"{e['id']} {e['article_key']}" for e in first["items"]]
    assert f"{first['total']} events" in page.text_content("#events-summary")

    a, b = busiest_dyad(server)
    page.fill("#events-form input[name=source]", a)
    page.fill("#events-form input[name=target]", b)
    page.check("#events-form input[name=both]")  # a change: the table reloads with all three
    show(page, "events", "both=1")
    expected = api(server, "/events", source=a, target=b, both="true", limit=25)
    rows = page.eval_on_selector_all("#events-table tr.event-row", "rs => rs.map(r => r.dataset.id + ' ' + r.dataset.key)")
    assert rows == [f"{e['id']} {e['article_key']}" for e in expected["items"]] and rows
    countries = {(e["source"]["country"], (e["target"] or {}).get("country")) for e in expected["items"]}
    assert countries <= {(a, b), (b, a)}

    page.select_option("#events-form select[name=sort]", "goldstein")
    show(page, "events", "sort=goldstein")
    expected = api(server, "/events", source=a, target=b, both="true", sort="goldstein", limit=25)
    shown = [float(r[5]) for r in table_rows(page, "#events-table")]
    assert shown == pytest.approx([e["goldstein"] for e in expected["items"]], abs=0.051)
    assert shown == sorted(shown)
    snap(page, shots, "events")

    # Pages: the second page of everything is the API's second page.
    page.click("#events-form button[type=reset]")
    show(page, "events")
    page.click("#events-pager button:has-text('next')")
    show(page, "events", "offset=25")
    second = api(server, "/events", offset=25, limit=25)
    rows = page.eval_on_selector_all("#events-table tr.event-row", "rs => rs.map(r => r.dataset.id + ' ' + r.dataset.key)")
    assert rows == [f"{e['id']} {e['article_key']}" for e in second["items"]]

    # A row opens its article with the event selected.
    row = second["items"][0]
    page.click("#events-table tr.event-row >> nth=0")
    show(page, "article", "key=")
    assert page.get_attribute(".event-card.selected", "data-event") == row["id"]
    active = "".join(page.eval_on_selector_all("#article-text .evidence-active", "ss => ss.map(s => s.textContent)"))
    assert row["evidence"]["sentence"] in active


def test_article_highlights_the_stored_offsets(page, server, shots):
    articles = api(server, "/articles", limit=1000)["items"]
    richest = max(articles, key=lambda a: (a["events"], a["article_key"]))
    stored = api(server, "/articles/" + richest["article_key"])
    text, analysis = stored["text"], stored["analysis"]
    page.goto(server.url + "/#article")
    show(page, "article")
    page.fill("#articles-form input[name=search]", richest["title"][:30])
    page.press("#articles-form input[name=search]", "Enter")
    show(page, "article", "search=")
    page.click(f"#articles-table a:has-text({richest['title'][:30]!r})")
    show(page, "article", "key=")

    assert page.text_content("#article-text") == text, "the whole text, unchanged"
    assert page.text_content("#article-title") == stored["title"]
    for event in analysis["events"]:
        ev = event["evidence"]
        shown = page.eval_on_selector_all(
            f'#article-text [data-trigger~="{event["id"]}"]', "ss => ss.map(s => s.textContent).join('')")
        assert shown == ev["trigger"] == text[ev["trigger_start"]:ev["trigger_end"]]
    actor_spans = page.eval_on_selector_all(
        "#article-text .hl-actor", "ss => ss.map(s => [+s.dataset.start, +s.dataset.end])")
    mentions = [(m["start"], m["end"]) for actor in analysis["actors"] for m in actor["mentions"]]
    covered = {i for s, e in actor_spans for i in range(s, e)}
    assert covered == {i for s, e in mentions for i in range(s, e)}
    place_spans = page.eval_on_selector_all("#article-text .hl-place", "ss => ss.map(s => [+s.dataset.start, +s.dataset.end])")
    assert {i for s, e in place_spans for i in range(s, e)} == {
        i for place in analysis["places"] for m in place["mentions"] for i in range(m["start"], m["end"])}
    cards = page.eval_on_selector_all(".event-card", "cs => cs.map(c => c.dataset.event)")
    assert cards == [e["id"] for e in analysis["events"]]
    snap(page, shots, "article", full_page=False)

    # Clicking an event lights up its evidence sentence and brings it into view.
    event = analysis["events"][-1]
    page.click(f'.event-card[data-event="{event["id"]}"]')
    active = page.eval_on_selector_all("#article-text .evidence-active", "ss => ss.map(s => [+s.dataset.start, +s.dataset.end])")
    sentences = [(event["evidence"]["start"], event["evidence"]["end"])] + [
        (m["start"], m["end"]) for m in event.get("mentions") or []]
    assert {i for s, e in active for i in range(s, e)} == {i for s, e in sentences for i in range(s, e)}
    trigger = page.locator(f'#article-text [data-trigger~="{event["id"]}"]').first
    page.wait_for_timeout(600)  # the smooth scroll
    assert trigger.is_visible()
    box, viewport = trigger.bounding_box(), page.viewport_size
    assert 0 <= box["y"] <= viewport["height"]
    snap(page, shots, "article-evidence", full_page=False)


def test_article_html_is_shown_as_text_never_run(page, server, shots):
    articles = api(server, "/articles", publisher="Test Wire")["items"]
    key = articles[0]["article_key"]
    page.goto(server.url + "/#article?key=" + key)
    show(page, "article", "key=")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.text_content("#article-text") == HOSTILE["text"]
    assert page.text_content("#article-title") == HOSTILE["title"]
    assert page.locator("#article-view script, #article-view img, #article-view b").count() == 0
    evidence = page.eval_on_selector_all(".event-card .evidence", "qs => qs.map(q => q.textContent).join(' ')")
    assert "<script>" in evidence or "<img" in evidence
    # The list and the table show the title and triggers as text too.
    page.goto(server.url + "/#article?search=Bold")
    show(page, "article", "search=Bold")
    assert HOSTILE["title"] in page.text_content("#articles-table")
    page.goto(server.url + "/#events?source=RUS&target=UKR")
    show(page, "events", "source=RUS")
    page.click("#events-table tr.event-row >> nth=0")
    show(page, "article", "key=")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    snap(page, shots, "article-escaped", full_page=False)


def test_every_view_loads_from_the_server_alone(page, server):
    """No CDN: every request of every view goes to the dashboard's own server
    (the page fixture also checks this after each test)."""
    for view in ("relations", "map", "network", "events", "article"):
        page.goto(f"{server.url}/#{view}")
        show(page, view)
        assert page.locator("#error").is_hidden()
    assert any(url.endswith("/static/world.json") for url in page.requests)
    assert all(url.startswith(server.url + "/") for url in page.requests)


def test_bad_filters_are_shown_not_thrown(page, server):
    page.goto(server.url + "/#events?source=ZZZ")
    show(page, "events")
    error = page.text_content("#error")
    assert "Could not load" in error and "ZZZ" in error
    page.goto(server.url + "/#relations?a=USA&b=CHN&since=2030-01-01&until=2030-12-31")
    show(page, "relations", "since=2030")
    assert "No happenings" in page.text_content("#relations-chart")


def test_a_field_filled_while_the_table_reloads_is_kept(page, server):
    """Filling the target right after the source (whose change reloads the
    table) must not lose the target when the reload draws the form again."""
    page.goto(server.url + "/#events")
    show(page, "events")
    a, b = busiest_dyad(server)
    page.evaluate("""([a, b]) => {
        const form = document.getElementById("events-form");
        form.elements.source.value = a;
        form.elements.source.dispatchEvent(new Event("change", { bubbles: true }));
        form.elements.target.value = b;  // typed before the reload has drawn
    }""", [a, b])
    show(page, "events", f"source={a}")
    assert page.input_value("#events-form input[name=target]") == b
    page.check("#events-form input[name=both]")
    show(page, "events", "both=1")
    assert f"target={b}" in page.evaluate("location.hash")
