"""The same API over PostgreSQL answers as over DuckDB."""

from __future__ import annotations

from tests.api.conftest import TOKEN, build_store, make_client


def test_postgres_agrees_with_duckdb(postgres_url, built_store):
    build_store(postgres_url)
    with make_client(built_store) as duck, make_client(postgres_url, token=TOKEN) as pg:
        for path, params in [("/events", {"limit": 1000}), ("/events", {"sort": "goldstein", "limit": 5, "offset": 3}),
                             ("/events", {"source": "DEU", "target": "IND", "both": True}),
                             ("/articles", {}), ("/actors", {"country": "RUS"}), ("/places", {"limit": 10}),
                             ("/relations", {"a": "USA", "by": "month"}), ("/network", {}),
                             ("/alerts", {"everything": True})]:
            ours, theirs = duck.get(path, params=params), pg.get(path, params=params)
            assert ours.status_code == theirs.status_code == 200, (path, theirs.text)
            assert ours.json() == theirs.json(), path
        for article in duck.get("/articles").json()["items"]:
            key = article["article_key"]
            assert duck.get(f"/articles/{key}").json() == pg.get(f"/articles/{key}").json()
        assert pg.get("/events", params={"type": "PARTY"}).json() == duck.get("/events", params={"type": "PARTY"}).json()
        assert pg.get("/articles/x%00y").status_code == 404
        assert pg.get("/articles", params={"publisher": "a\x00b"}).status_code == 400
        rerun = pg.post("/ingest", json={"articles": [{"text": "Russia accused Ukraine of shelling the plant."}]},
                        headers={"Authorization": f"Bearer {TOKEN}"})
        assert rerun.status_code == 200 and rerun.json()["articles"] == 1
