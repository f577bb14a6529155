"""GET endpoints over a real DuckDB store: pages, sorting, filters and their
errors, one article with its evidence, 404s, injection attempts."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from detente import query
from tests.api.conftest import URL_ARTICLE, table_counts


def get(client, path: str, status: int = 200, **params):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    return response.json()


def test_events_page_envelope_and_pagination(client, built_store):
    whole = get(client, "/events", limit=1000)
    assert whole["total"] == query.count("events", built_store) == len(whole["items"]) > 20
    assert (whole["offset"], whole["limit"]) == (0, 1000)
    pages = [get(client, "/events", offset=offset, limit=7) for offset in range(0, whole["total"], 7)]
    assert all(p["total"] == whole["total"] for p in pages)
    assert [e["article_key"] + e["id"] for p in pages for e in p["items"]] == \
        [e["article_key"] + e["id"] for e in whole["items"]]
    assert get(client, "/events", offset=whole["total"])["items"] == []


def test_events_are_event_records(client):
    event = get(client, "/events", limit=1, source="USA", target="IRN")["items"][0]
    assert event["source"]["country"] == "USA" and event["target"]["country"] == "IRN"
    assert {"sentence", "start", "end", "trigger", "trigger_start", "trigger_end"} <= set(event["evidence"])
    assert event["num_articles"] >= 1 and event["article_key"].startswith("text:")


@pytest.mark.parametrize("sort, key, reverse", [("goldstein", "goldstein", False), ("-goldstein", "goldstein", True),
                                                 ("date", "date", False), ("-date", "date", True)])
def test_events_sorting(client, sort, key, reverse):
    items = get(client, "/events", sort=sort, limit=1000)["items"]
    values = [e[key] or e.get("article_date") for e in items if (e[key] or e.get("article_date")) is not None]
    assert values == sorted(values, reverse=reverse) and len(set(values)) > 2


def test_events_filters(client):
    dyad = get(client, "/events", source="DEU", target="IND", both=True)["items"]
    assert dyad and all({e["source"]["country"], e["target"]["country"]} == {"DEU", "IND"} for e in dyad)
    one_way = get(client, "/events", source="DEU", target="IND")["items"]
    assert all(e["source"]["country"] == "DEU" for e in one_way) and len(one_way) < len(dyad)
    typed = get(client, "/events", type="consult")["items"]
    assert typed and {e["type"] for e in typed} == {"CONSULT"}
    future = get(client, "/events", modality="future")["items"]
    assert future and {e["modality"] for e in future} == {"future"}
    dated = get(client, "/events", since="2024-01-01", until="2024-06-30")["items"]
    assert dated and all("2024-01-01" <= (e["date"] or e["article_date"]) <= "2024-06-30" for e in dated)
    plain, everything = get(client, "/events")["total"], get(client, "/events", background=True)["total"]
    assert everything > plain


@pytest.mark.parametrize("params, status, words", [
    ({"source": "XYZ"}, 400, "no known country code"),
    ({"target": "U$A"}, 400, "is not an actor code"),
    ({"type": "PARTY"}, 400, "is not a PLOVER event type"),
    ({"modality": "maybe"}, 400, "one of asserted"),
    ({"since": "yesterday"}, 400, "is not a date"),
    ({"since": "2024-05-01", "until": "2024-01-01"}, 400, "swap them"),
    ({"sort": "tone"}, 422, "query parameter 'sort'"),
    ({"limit": 1001}, 422, "less than or equal to 1000"),
    ({"limit": 0}, 422, "query parameter 'limit'"),
    ({"offset": -1}, 422, "query parameter 'offset'"),
    ({"both": "perhaps"}, 422, "query parameter 'both'"),
])
def test_events_bad_filters_are_4xx_json(client, params, status, words):
    error = get(client, "/events", status, **params)["error"]
    assert words in error["message"] and error["code"] == ("E600" if status == 400 else "E801")


def test_library_message_is_the_api_message(client):
    with pytest.raises(Exception) as raised:
        query.events(":memory:", type="PARTY")
    assert get(client, "/events", 400, type="PARTY")["error"]["message"] == raised.value.message


def test_articles_page_and_filters(client):
    page = get(client, "/articles", limit=3)
    assert page["total"] == 7 and len(page["items"]) == 3
    dates = [a["date"] for a in get(client, "/articles")["items"]]
    assert dates == sorted(dates, reverse=True)
    assert [a["external_id"] for a in get(client, "/articles", publisher="example wire")["items"]] == ["ex-url"]
    assert get(client, "/articles", search="BLINKEN")["total"] == 1
    in_2024 = [a for a in get(client, "/articles")["items"] if a["date"] and a["date"].startswith("2024")]
    assert get(client, "/articles", since="2024-01-01", until="2024-12-31")["total"] == len(in_2024) > 1
    assert get(client, "/articles", offset=2, limit=2)["items"] == get(client, "/articles")["items"][2:4]
    assert "is not a date" in get(client, "/articles", 400, until="31/12/2024")["error"]["message"]


def test_article_with_events_and_evidence_offsets(client):
    key = next(a["article_key"] for a in get(client, "/articles")["items"] if a["external_id"] == "ex-visit")
    article = get(client, f"/articles/{key}")
    text, analysis = article["text"], article["analysis"]
    assert article["article_key"] == analysis["id"] == key and analysis["events"]
    for event in analysis["events"]:
        evidence = event["evidence"]
        assert text[evidence["start"]:evidence["end"]] == evidence["sentence"]
        assert text[evidence["trigger_start"]:evidence["trigger_end"]] == evidence["trigger"]
    for actor in analysis["actors"]:
        assert all(text[m["start"]:m["end"]] == m["text"] for m in actor["mentions"])


def test_article_key_with_slashes_and_colons(client):
    key = next(a["article_key"] for a in get(client, "/articles")["items"] if a["external_id"] == "ex-url")
    assert key.startswith("url:https://example.org/world/2024/05/blinken-beijing")
    for path in (f"/articles/{key}", f"/articles/{quote(key, safe='')}", f"/articles/{quote(key, safe=':/')}"):
        article = get(client, path)
        assert article["url"] == URL_ARTICLE["url"] and article["text"] == URL_ARTICLE["text"]


@pytest.mark.parametrize("path", ["/articles/text:0000000000000000", "/articles/url:https://nowhere.example/a",
                                  "/articles/%00", "/articles/" + quote("x' OR '1'='1", safe="")])
def test_unknown_article_is_404(client, path):
    error = get(client, path, 404)["error"]
    assert error["code"] == "E802" and "no stored article has the key" in error["message"]


def test_unknown_endpoint_and_method(client):
    assert "no such endpoint" in get(client, "/nothing", 404)["error"]["message"]
    response = client.delete("/events")
    assert response.status_code == 405 and "not allowed" in response.json()["error"]["message"]


def test_root_is_left_to_the_dashboard(client):
    from detente.api.app import STATIC

    root = client.get("/")
    if (STATIC / "index.html").is_file():
        assert root.status_code == 200 and root.headers["content-type"].startswith("text/html")
    else:
        assert root.status_code == 404
    assert "/" not in client.get("/openapi.json").json()["paths"]


def test_actors_and_places(client, built_store):
    actors = get(client, "/actors", limit=1000)
    assert actors["total"] == query.count("actors", built_store) == len(actors["items"])
    articles = [a["articles"] for a in actors["items"]]
    assert articles == sorted(articles, reverse=True)
    russians = get(client, "/actors", country="RUS")["items"]
    assert russians and all(a["country"] == "RUS" for a in russians)
    assert {a["kind"] for a in get(client, "/actors", kind="person")["items"]} == {"person"}
    assert "one of person" in get(client, "/actors", 400, kind="alien")["error"]["message"]
    places = get(client, "/places", limit=1000)
    events = [p["events"] for p in places["items"]]
    assert places["total"] == len(events) and events == sorted(events, reverse=True) and events[0] > 0
    delhi = next(p for p in places["items"] if p["name"] == "Delhi")
    assert delhi["country"] == "IND" and 28 < delhi["lat"] < 29 and delhi["events"] >= 1
    assert {p["country"] for p in get(client, "/places", country="IND")["items"]} == {"IND"}
    assert get(client, "/places", offset=2, limit=2)["items"] == places["items"][2:4]


INJECTIONS = ["USA'; DROP TABLE events; --", "x' OR '1'='1", "1; DELETE FROM articles", "USA\" OR 1=1 --",
              "%' OR 1=1 --", "\x00", "' UNION SELECT * FROM meta --"]
CHECKED = [("/events", "source"), ("/events", "target"), ("/events", "type"), ("/events", "modality"),
           ("/events", "since"), ("/events", "until"), ("/articles", "since"), ("/articles", "until"),
           ("/actors", "country"), ("/actors", "code"), ("/actors", "kind"), ("/places", "country"),
           ("/places", "kind"), ("/events", "sort"), ("/events", "limit"), ("/events", "offset")]
FREE_TEXT = [("/articles", "publisher"), ("/articles", "search")]


def test_injection_attempts_are_refused_and_change_nothing(client):
    location = client.app.state.detente.store.location
    before = table_counts(location)
    for path, name in CHECKED:
        for attempt in INJECTIONS:
            response = client.get(path, params={name: attempt})
            assert 400 <= response.status_code < 500, (path, name, attempt, response.text)
            assert response.json()["error"]["message"]
    for path, name in FREE_TEXT:
        for attempt in INJECTIONS:
            response = client.get(path, params={name: attempt})
            # Free text is data: no title or publisher matches it (NUL is refused).
            assert response.status_code in (200, 400), response.text
            assert response.status_code == 400 or response.json()["total"] == 0
    assert table_counts(location) == before
