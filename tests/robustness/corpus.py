"""The bad-input corpus: every kind of input a user may throw at ``detente ingest``.

Each case is written by code (no binary file is committed), into a folder
that ``detente ingest FOLDER`` reads in one run, beside two good articles.
``expected`` says what must become of each item the file yields: "stored",
or the skip reason recorded in the ``skipped`` table. ``run_ingest`` runs
the real command in a subprocess and measures it; ``outcomes`` reads back
what the store says; ``table`` renders docs/evaluation/bad-input.md.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.ingest.conftest import ARTICLE_HTML

GOOD_TEXT = ("WASHINGTON (Reuters) - The United States imposed new sanctions on Iran on Friday, "
             "the Treasury said. Secretary of State Antony Blinken met Chinese Foreign Minister "
             "Wang Yi in Beijing on Thursday to discuss the war in Ukraine.")
SECRET = "detente-secret-7f3a9c"  # written beside the corpus; no stored article may hold it


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    data: bytes
    expected: dict[str, str]  # item (relative to the folder) -> "stored" or skip reason


def _story(city: str, who: str, whom: str) -> str:
    return (f"{city} - {who} met {whom} in {city} on Tuesday to discuss trade and security, "
            "officials said. The two sides agreed to meet again next month.")


def _bomb(root: str, levels: int = 9) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, levels + 1)]
    body = f"&lol{levels};"
    if root == "rss":
        doc = f'<rss version="2.0"><channel><title>{body}</title><item><title>x</title><description>{body}</description></item></channel></rss>'
    else:
        doc = f"<html><body><article><p>{body}</p></article></body></html>"
    return '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(entities) + "\n]>\n" + doc


def _external(root: str, target: str) -> str:
    text = f"{GOOD_TEXT} &xxe; {GOOD_TEXT}"
    doc = (f'<rss version="2.0"><channel><title>Feed</title><item><title>Leak &xxe;</title>'
           f"<link>http://example.invalid/a</link><description>{text}</description></item></channel></rss>"
           if root == "rss" else f"<html><body><article><p>{text}</p></article></body></html>")
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>\n{doc}'


def _quadratic() -> str:
    value = "A" * 50_000
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{value}">]><rss version="2.0"><channel>'
            f'<title>t</title><item><title>x</title><description>{"&a;" * 50_000}</description></item></channel></rss>')


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>" + GOOD_TEXT + "</w:document>")
    return buffer.getvalue()


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nstream\n" + bytes(range(256)) + b"\nendstream\n%%EOF\n"


def _jsonl_lines() -> bytes:
    good = '{"id": "jsonl-good", "text": "' + _story("ANKARA", "Turkish President Recep Tayyip Erdogan", "Swedish Prime Minister Ulf Kristersson") + '", "date": "2024-03-01"}'
    lines = [good.encode(), b'{"id": "truncated", "text": "The minister',
             b"not json at all", b"[1, 2, 3]", b'{"id": "no-text", "title": "Headline only"}',
             b'{"id": "number", "text": 42}', b'{"id": "bad-date", "text": "Talks in Oslo.", "date": "last Tuesday"}',
             b'{"id": "latin1", "text": "Le pr\xe9sident"}', b"", b"   "]
    return b"\n".join(lines) + b"\n"


def _huge_line_jsonl() -> bytes:
    huge = '{"id": "huge", "text": "' + "The envoy met the minister. " * 220_000 + '"}'
    good = '{"id": "after-huge", "text": "' + _story("NAIROBI", "Kenyan President William Ruto", "Ethiopian Prime Minister Abiy Ahmed") + '"}'
    return (huge + "\n" + good + "\n").encode()


def _long_sentence() -> str:
    clause = "and the foreign minister of France met the foreign minister of Germany in Paris, "
    sentence = ("BERLIN - " + clause * (100_000 // len(clause) + 1))[:100_000]
    return sentence + ".\n\n" + _story("BERLIN", "German Chancellor Olaf Scholz", "Polish Prime Minister Donald Tusk")


def _control_chars() -> bytes:
    rng = random.Random(7)
    return bytes(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 27, 65, 66]) for _ in range(4000))


def _nested_html() -> str:
    return "<html><body>" + "<div>" * 100_000 + "<p>" + GOOD_TEXT + "</p>" + "</div>" * 100_000 + "</body></html>"


def _malformed_html() -> str:
    story = _story("TOKYO", "Japanese Prime Minister Fumio Kishida", "South Korean President Yoon Suk Yeol")
    return ("<html><head><title>Broken page</title><body><div><article><p>" + story.replace("officials", "<b><i>officials</b>")
            + "</td></span><p>More text with an <a href='x>unclosed attribute and <<<>>> stray brackets</div>"
            + "<p" * 50)


CASES = [
    Case("good.txt", "a good article (plain text)", GOOD_TEXT.encode(), {"good.txt": "stored"}),
    Case("good.html", "a good article (an HTML page)", ARTICLE_HTML.encode(), {"good.html": "stored"}),
    Case("empty.txt", "an empty file", b"", {"empty.txt": "empty input"}),
    Case("whitespace.txt", "only spaces, tabs and line breaks", b"  \n\t\n   \r\n\f ", {"whitespace.txt": "empty input"}),
    Case("image.png", "a PNG image", _png(), {"image.png": "binary input"}),
    Case("image-named.txt", "a PNG image named .txt", _png(), {"image-named.txt": "binary input"}),
    Case("archive.zip", "a ZIP archive (a DOCX is one)", _zip(), {"archive.zip": "binary input"}),
    Case("document.pdf", "a PDF document", _pdf(), {"document.pdf": "binary input"}),
    Case("random.bin", "random bytes", random.Random(1).randbytes(20_000), {"random.bin": "binary input"}),
    Case("control.txt", "control characters", _control_chars(), {"control.txt": "binary input"}),
    Case("latin1.txt", "Latin-1 text (accents)", ("PARIS - Le président Emmanuel Macron a reçu le chancelier. "
         + _story("PARIS", "French President Emmanuel Macron", "German Chancellor Olaf Scholz")).encode("latin-1"),
         {"latin1.txt": "stored"}),
    Case("utf16-bom.txt", "UTF-16 with a BOM", _story("CAIRO", "Egyptian President Abdel Fattah al-Sisi", "Jordan's King Abdullah").encode("utf-16"),
         {"utf16-bom.txt": "stored"}),
    Case("utf16-nobom.txt", "UTF-16 (little-endian) without a BOM", _story("DELHI", "Indian Prime Minister Narendra Modi", "Australian Prime Minister Anthony Albanese").encode("utf-16-le"),
         {"utf16-nobom.txt": "stored"}),
    Case("huge.txt", "a 10 MB article (text)", ("The minister met the president. " * 330_000).encode(), {"huge.txt": "input too large"}),
    Case("huge.html", "a 10 MB article (HTML)", ("<html><body><article>" + "<p>The minister met the president.</p>" * 260_000 + "</article></body></html>").encode(),
         {"huge.html": "input too large"}),
    Case("long-sentence.txt", "a 100,000-character sentence", _long_sentence().encode(), {"long-sentence.txt": "stored"}),
    Case("malformed.html", "malformed HTML (unclosed tags, stray closers)", _malformed_html().encode(), {"malformed.html": "stored"}),
    Case("nested.html", "HTML nested 100,000 elements deep", _nested_html().encode(), {"nested.html": "no article text"}),
    Case("script-only.html", "an HTML page with only scripts", b"<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>",
         {"script-only.html": "no article text"}),
    Case("not-xml.rss", "an .rss file that is not XML", b"this is not xml at all { } < > && ]]>", {"not-xml.rss": "feed"}),
    Case("billion-laughs.xml", "an XML bomb in a feed (billion laughs)", _bomb("rss").encode(), {"billion-laughs.xml": "unsafe xml"}),
    Case("billion-laughs-utf16.xml", "the same bomb in UTF-16", _bomb("rss").replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"),
         {"billion-laughs-utf16.xml": "unsafe xml"}),
    Case("billion-laughs.html", "an XML bomb in a page", _bomb("html").encode(), {"billion-laughs.html": "unsafe xml"}),
    Case("quadratic.xml", "quadratic blowup (one 50 kB entity used 50,000 times)", _quadratic().encode(), {"quadratic.xml": "unsafe xml"}),
    Case("xxe-hostname.xml", "a feed with an external entity (file:///etc/hostname)", _external("rss", "file:///etc/hostname").encode(),
         {"xxe-hostname.xml": "unsafe xml"}),
    Case("xxe-secret.xml", "a feed with an external entity (a local secret file)", b"", {"xxe-secret.xml": "unsafe xml"}),
    Case("xxe-secret.html", "a page with an external entity (a local secret file)", b"", {"xxe-secret.html": "unsafe xml"}),
    Case("no-text-column.csv", "CSV without a text column", b"id,body,date\n1,Some text,2024-01-01\n", {"no-text-column.csv": "record"}),
    Case("ragged.csv", "CSV rows with missing and extra cells (and one good row)",
         ("id,text,date\ncsv-good,\"" + _story("SEOUL", "South Korean President Yoon Suk Yeol", "Japanese Prime Minister Fumio Kishida")
          + "\",2024-02-02\nshort,only two\nlong,\"Talks in Rome.\",2024-02-02,extra,cells\n").encode(),
         {"csv-good": "stored", "ragged.csv row 2": "record", "ragged.csv row 3": "record"}),
    Case("broken.jsonl", "JSONL: one good line, then truncated, not JSON, a list, no text, text not a string, bad date, Latin-1",
         _jsonl_lines(), {"jsonl-good": "stored", **{f"broken.jsonl line {n}": "record" for n in range(2, 9)}}),
    Case("huge-line.jsonl", "JSONL with a 6 MB line, then a good line", _huge_line_jsonl(),
         {"huge-line.jsonl line 1": "input too large", "after-huge": "stored"}),
    Case("german.txt", "German news", ("Der Bundeskanzler traf sich am Donnerstag in Berlin mit dem französischen Präsidenten, "
         "um über die Lage in der Ukraine und neue Sanktionen gegen Russland zu sprechen. Beide Regierungen wollen enger "
         "zusammenarbeiten, hieß es aus Regierungskreisen.").encode(), {"german.txt": "language: de"}),
    Case("russian.txt", "Russian news", ("Президент России Владимир Путин провёл в Кремле переговоры с председателем КНР "
         "Си Цзиньпином. Стороны обсудили торговлю, энергетику и ситуацию на Украине, сообщили в администрации.").encode(),
         {"russian.txt": "language: ru"}),
    Case("chinese.txt", "Chinese news", ("中国国家主席习近平星期二在北京人民大会堂会见了来访的俄罗斯总统普京。双方就双边关系和共同关心的国际地区问题"
         "深入交换了意见。两国领导人同意进一步加强在贸易、能源、科技和安全领域的务实合作，并将于明年在莫斯科再次会晤。"
         "外交部发言人在例行记者会上表示，这次会谈取得了积极成果，体现了两国关系的高水平。").encode(),
         {"chinese.txt": "language: zh"}),
    Case("digits.txt", "only digits", ("1234567890 " * 50).encode(), {"digits.txt": "no article text"}),
    Case("emoji.txt", "only emoji", ("😀🎉🔥🌍 " * 100).encode(), {"emoji.txt": "no article text"}),
]


def write_corpus(folder: Path) -> Path:
    """Write every case into ``folder`` (created); the secret file goes beside it."""
    folder.mkdir(parents=True)
    secret = folder.parent / "secret.txt"
    secret.write_text(SECRET + "\n")
    for case in CASES:
        data = case.data
        if case.name.startswith("xxe-secret"):
            data = _external("rss" if case.name.endswith(".xml") else "html", secret.as_uri()).encode()
        (folder / case.name).write_bytes(data)
    return folder


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_ingest(folder: Path, db: Path, timeout: float = 600) -> Run:
    """``detente ingest FOLDER --db DB --no-fetch`` as a user runs it, with its
    wall time and peak memory (the child's own, from wait4, not any other
    child of the test run)."""
    out, err = db.with_suffix(".out"), db.with_suffix(".err")
    env = {**os.environ, "COLUMNS": "200"}
    started = time.monotonic()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "detente", "ingest", str(folder), "--db", str(db), "--no-fetch"],
                                stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(proc.returncode, out.read_text(), err.read_text(), time.monotonic() - started, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Outcome:
    item: str
    outcome: str  # "stored" or the skip reason
    message: str


def outcomes(db: Path, folder: Path) -> dict[str, Outcome]:
    """What the store says became of each item: skipped ones by their item
    label, stored ones by their external id, paths made relative to ``folder``."""
    import duckdb

    prefix = f"{folder}/"
    with duckdb.connect(str(db), read_only=True) as con:
        skipped = con.execute("SELECT item, reason, message FROM skipped").fetchall()
        stored = con.execute("SELECT external_id FROM articles").fetchall()
    found = {}
    for item, reason, message in skipped:
        item = item.removeprefix(prefix)
        found[item] = Outcome(item, reason, message.replace(prefix, ""))
    for (external_id,) in stored:
        item = external_id.removeprefix(prefix)
        found[item] = Outcome(item, "stored", "")
    return found


def case_of(item: str) -> Case:
    return next(case for case in CASES if item in case.expected)


def table(found: dict[str, Outcome]) -> str:
    """docs/evaluation/bad-input.md, from the outcomes of one run."""
    lines = [HEADER, "| input | what it is | item | outcome | message |", "| --- | --- | --- | --- | --- |"]
    for case in CASES:
        for item in case.expected:
            got = found.get(item, Outcome(item, "MISSING", ""))
            message = got.message.replace("|", "\\|")
            lines.append(f"| `{case.name}` | {case.what} | `{item}` | {got.outcome} | {message} |")
    return "\n".join(lines) + "\n"


HEADER = """# Bad input: what `detente ingest` does with it

Generated by `scripts/bad_input_table.py` from one real run of
`detente ingest FOLDER --db DB --no-fetch` over the corpus that
`tests/robustness/corpus.py` writes (no binary file is committed);
`tests/robustness/test_bad_input.py` runs the same ingest and fails when this
file is not current. The run exits with code 1 (some inputs failed), prints
no traceback, stores every readable article, and records every other input
in the `skipped` table with the reason below; the test also bounds its peak
memory (under 1.5 GB) and time, and checks that no stored article holds the
content of a file an external entity points at.

"outcome" is "stored" or the skip reason (docs/store.md); items are files,
"FILE line N" / "FILE row N" for JSONL and CSV records, and stored records
by their id. Limits: a text, HTML or feed file, or a JSONL line, over
5,000,000 bytes (or 4 bytes per `--max-chars` character, if more) is refused
before it is read; an article over `--max-chars` characters (1,000,000) is
refused before it is parsed.
"""
