"""Themes: the taxonomy file, matching on lemmas and phrases, scores, contexts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.datafiles import package_file, read_tsv, split_list
from detente.nlp import load_model
from detente.themes import contexts_for, find_themes, score, taxonomy

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "blinken_shanghai.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def themes_of(nlp, text: str) -> dict[str, list[str]]:
    return {t.theme: [m.text for m in t.mentions] for t in find_themes(nlp(text))}


def test_sanctions_and_trade(nlp):
    found = themes_of(nlp, "The European Union imposed new sanctions on Russian banks on Monday "
                           "and raised tariffs on Chinese steel imports, deepening a trade war.")
    assert {"sanctions", "trade"} <= set(found)
    assert found["trade"] == ["tariffs", "imports", "trade war"]


def test_sport_is_not_military(nlp):
    found = themes_of(nlp, "The striker scored twice as Manchester United beat Chelsea 3-1 in the cup "
                           "final, and the defenders held firm before fans stormed the pitch.")
    assert "military" not in found
    assert found == {}


def test_inflected_forms_match_through_lemmas(nlp):
    found = themes_of(nlp, "Washington imposed sanctions on two shipping firms and sanctioned "
                           "three officials after the trade wars of the past decade.")
    assert found["sanctions"] == ["sanctions", "sanctioned"]
    assert "trade wars" in found["trade"]


def test_curly_apostrophes_match(nlp):
    found = themes_of(nlp, "She campaigned for women’s rights in Tehran.")
    assert found["gender"] == ["women’s rights"]


def test_longest_match_wins_across_themes(nlp):
    found = themes_of(nlp, "Trade union leaders called a general strike, and an oil spill fouled the coast.")
    assert "trade" not in found and "energy" not in found
    assert {"labour", "environment"} <= set(found)


def test_offsets_slice_the_text_and_scores_are_sorted(nlp):
    text = ("KYIV (Reuters) - Russian missiles struck Kyiv overnight.\n\n"
            "Ukraine’s foreign minister said the strikes would not derail peace talks, while "
            "refugees fleeing the fighting crossed the border into Poland.")
    themes = find_themes(nlp(text))
    assert {"military", "diplomacy", "peace_process", "refugees", "borders"} <= {t.theme for t in themes}
    for theme in themes:
        assert 0 < theme.score < 1
        for mention in theme.mentions:
            assert text[mention.start:mention.end] == mention.text
    assert [t.score for t in themes] == sorted((t.score for t in themes), reverse=True)


def test_score_saturates():
    assert score(1) == pytest.approx(0.283, abs=1e-3)
    assert score(1) < score(2) < score(5) < score(50) <= 1


def test_contexts_for_a_sentence(nlp):
    doc = nlp("A strong earthquake hit the coast on Sunday. "
              "Days later, the government imposed sanctions on the junta and expelled its ambassador.")
    first, second = list(doc.sents)
    assert contexts_for(first) == ["disasters"]
    assert contexts_for(second) == ["economic", "diplomatic", "pro_autocracy", "political_institutions"]


def test_data_file():
    rows = read_tsv(package_file("detente.themes", "themes.tsv"), ("theme", "label", "contexts", "terms"))
    known = {r["context"] for r in read_tsv(package_file("detente.ontology", "contexts.tsv"))}
    keys = [r["theme"] for r in rows]
    assert len(keys) >= 35
    assert len(set(keys)) == len(keys)
    for row in rows:
        terms = split_list(row["terms"])
        assert re.fullmatch(r"[a-z_]+", row["theme"]) and row["label"]
        assert set(split_list(row["contexts"])) <= known, row["theme"]
        assert 8 <= len(terms) <= 30, row["theme"]
        assert len(set(terms)) == len(terms), row["theme"]
        assert all(t == t.lower() for t in terms), row["theme"]
    assert list(taxonomy()) == keys


def test_docs_table_is_current():
    doc = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    for entry in taxonomy().values():
        contexts = ", ".join(f"`{c}`" for c in entry.contexts) or "—"
        assert f"| `{entry.theme}` | {entry.label} | {contexts} | {len(entry.terms)} |" in doc, entry.theme


def test_seed_article():
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available (the shared data folder sits beside the repository)")
    themes = find_themes(load_model()(SEED.read_text(encoding="utf-8")))
    keys = [t.theme for t in themes]
    assert len(keys) >= 3
    assert "diplomacy" in keys
    assert "military" not in keys
