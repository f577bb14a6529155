"""The `detente extract` command, run as a user runs it (a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED, need

DETENTE = [sys.executable, "-m", "detente"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*DETENTE, *args], input=stdin, capture_output=True, env=env, timeout=300)


def test_json_on_the_seed_article():
    result = run("extract", str(need(SEED)), "--json", "--date", "2024-04-25")
    assert result.returncode == 0, result.stderr.decode()
    analysis = json.loads(result.stdout)
    assert analysis["id"] == str(SEED)
    assert set(analysis) == {"id", "title", "date", "url", "publisher", "actors", "events", "places", "tone", "themes", "quotes"}
    assert analysis["date"] == "2024-04-25"
    assert ("RUSGOV", "CONSULT", "CHN") in {
        (e["source"]["code"], e["type"], e["target"]["code"] if e["target"] else None) for e in analysis["events"]}


def test_table_output_on_stdin():
    text = b"Egypt urged Israel to withdraw its troops from Gaza."
    result = run("extract", "-", stdin=text)
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "REQUEST" in out and "EGY" in out and "ISR" in out and "urged" in out


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path):
    lines = [
        json.dumps({"id": "a1", "text": "Police arrested dozens of protesters in Tbilisi.", "date": "2024-05-01"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        json.dumps({"id": 4, "text": "The European Union imposed new sanctions on Iran."}),
        json.dumps({"id": "a5", "text": "Rain fell.", "date": "01/05/2024"}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", "--jsonl", str(source))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [a["id"] for a in out] == ["a1", "4"]
    assert out[0]["events"][0]["type"] == "COERCE"
    errors = result.stderr.decode()
    assert f"{source} line 2: not valid JSON" in errors
    assert f"{source} line 3: no 'text' field" in errors
    assert f"{source} line 5: invalid article record (date:" in errors
    assert "Traceback" not in errors


@pytest.mark.parametrize("content,message", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "this is a PNG image, not text"),
    ("Wahlen in Genève: ça va.".encode("utf-16"), None),
])
def test_bad_files_fail_with_one_line(tmp_path: Path, content: bytes, message: str | None):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = run("extract", str(path))
    errors = result.stderr.decode()
    if message is None:
        assert result.returncode == 0, errors
        return
    assert result.returncode == 1
    assert message in errors and str(path) in errors
    assert "Traceback" not in errors


def test_huge_article_is_refused_and_others_still_processed(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("The army shelled the town. " * 200_000, encoding="utf-8")  # 5.4 MB
    small = tmp_path / "small.txt"
    small.write_text("The European Union imposed new sanctions on Iran.", encoding="utf-8")
    result = run("extract", str(big), str(small), "--json")
    assert result.returncode == 1
    errors = result.stderr.decode()
    assert f"{big}: the article has 5,400,000 characters, more than the limit of 1,000,000" in errors
    assert "--max-chars" in errors
    assert json.loads(result.stdout)["events"][0]["type"] == "SANCTION"


def test_missing_file_exits_2():
    result = run("extract", "/nonexistent/article.txt")
    assert result.returncode == 2
    assert "no such file" in result.stderr.decode()


def test_bad_actor_file_is_reported(tmp_path: Path):
    bad = tmp_path / "actors.tsv"
    bad.write_text("name\tcountry\nSomeone\tUSA\n", encoding="utf-8")
    result = run("extract", "-", "--actors", str(bad), stdin=b"Peace talks resumed.")
    assert result.returncode == 2
    assert "missing column(s) aliases" in result.stderr.decode()


def test_folder_of_text_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The European Union imposed new sanctions on Iran.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Police arrested dozens of protesters in Tbilisi.", encoding="utf-8")
    result = run("extract", str(tmp_path), "--json")
    assert result.returncode == 0
    ids = [json.loads(line)["id"] for line in result.stdout.decode().splitlines()]
    assert ids == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_empty_folder_is_reported(tmp_path: Path):
    result = run("extract", str(tmp_path))
    assert result.returncode == 1
    assert "holds no text files" in result.stderr.decode()
