"""``/relations`` over a large synthetic store (filled by SQL: events in
articles, one happening each, among 20 countries over three years) answers
with the right totals. Its speed (under 300 ms for a dyad over a million
events) is measured by ``benchmarks/relations.py``, not asserted here:
timings on a shared CI machine are not a test."""

from __future__ import annotations

import pytest

from tests.api.conftest import make_client

EVENTS = 200_000
ARTICLES = 20_000
COUNTRIES = ["USA", "CHN", "RUS", "UKR", "IRN", "ISR", "IND", "PAK", "DEU", "FRA", "GBR", "JPN", "KOR", "PRK",
             "TUR", "SYR", "EGY", "BRA", "MEX", "ZAF"]


def fill(location: str) -> None:
    from detente.store import open_store

    with open_store(location) as store:
        con = store.backend.con
        con.execute("CREATE TEMP TABLE c AS SELECT * FROM unnest(?::VARCHAR[]) WITH ORDINALITY AS t(code, n)",
                    [COUNTRIES])
        con.execute('INSERT INTO "articles" ("article_key", "text", "date", "seq", "story", "analysis") '
                    "SELECT 'text:' || i, 'x', DATE '2022-01-01' + CAST(i % 1093 AS INTEGER), i, 'text:' || i, '{}' "
                    "FROM range(?) r(i)", [ARTICLES])
        con.execute(
            'INSERT INTO "events" ("article_key", "id", "type", "goldstein", "quad_class", "source_id", "source_name", '
            '"source_code", "source_country", "target_id", "target_name", "target_code", "target_country", '
            '"modality", "date", "background", "evidence_sentence", "evidence_start", "evidence_end", '
            '"evidence_trigger", "evidence_trigger_start", "evidence_trigger_end", "confidence", "tone", "happening") '
            "SELECT 'text:' || (i % ?), 'e' || i, 'CONSULT', (i % 21) - 10, 1 + i % 4, 'a1', s.code, s.code || 'GOV', "
            "s.code, 'a2', t.code, t.code, t.code, CASE WHEN i % 11 = 0 THEN 'future' ELSE 'asserted' END, "
            "DATE '2022-01-01' + CAST((i % ?) % 1093 AS INTEGER), i % 53 = 0, 's', 0, 1, 't', 0, 1, 0.8, "
            "(i % 7) - 3, 'h' || i "
            "FROM range(?) r(i) JOIN c s ON s.n = 1 + i % 20 JOIN c t ON t.n = 1 + (i // 20) % 20",
            [ARTICLES, ARTICLES, EVENTS])
        con.execute('INSERT INTO "happenings" SELECT "happening", "article_key", "article_key", "id", 1, 1, 1 '
                    'FROM "events"')
        store.derive()
        assert con.execute('SELECT COUNT(*) FROM "happenings"').fetchone()[0] >= EVENTS * 0.9


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("big") / "big.duckdb")
    fill(location)
    return location


@pytest.mark.parametrize("params", [{"a": "USA", "b": "CHN", "both": True, "by": "week"},
                                    {"a": "USAGOV", "b": "RUS", "by": "month", "since": "2023-01-01"}])
def test_relations_over_a_large_store_matches_sql(big_store, params):
    from detente.store import open_store

    with make_client(big_store) as client:
        answer = client.get("/relations", params=params)
    assert answer.status_code == 200, answer.text
    served = sum(p["events"] for p in answer.json()["periods"])
    with open_store(big_store) as store:
        expected = store.backend.rows(_count_sql(params), _count_params(params))[0][0]
    assert served == expected > 100


def _count_sql(params: dict) -> str:
    a_column = "source_code" if len(params["a"]) > 3 else "source_country"
    forward = f'("{a_column}" = ? AND "target_country" = ?)'
    backward = '("source_country" = ? AND "target_country" = ?)' if params.get("both") else "FALSE"
    since = ' AND "date" >= ?' if params.get("since") else ""
    return (f'SELECT COUNT(*) FROM "events" WHERE ({forward} OR {backward}) AND "modality" = \'asserted\' '
            f'AND NOT "background"{since}')


def _count_params(params: dict) -> list:
    values = [params["a"], params["b"]]
    if params.get("both"):
        values += [params["b"], params["a"]]
    return values + ([params["since"]] if params.get("since") else [])
