"""Every hostile input of issue 24 in one ingest beside good articles (docs/RELIABILITY.md): it finishes in under five
minutes with no crash, every good article, the CSV's good row, the <div> text and the mistyped record stored, every
refused item named once, and a re-run adds nothing. A real `dateline ingest` with two worker processes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.store import Store

GOOD = [
    "Gunmen attacked a police checkpoint near Kirkuk on Sunday, killing four officers, a provincial official said.",
    "Rebels shelled the airport outside Aden overnight, wounding two guards, a spokesman for the coalition said.",
]
DIV_TEXT = "Police said the attackers fled towards the river in two white pickup trucks."
PARAGRAPH = "Fighting went on in the old city for a third day, residents said, as families fled across the river.\n\n"


def _warc(path: Path, records: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
    from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    path.write_bytes(buffer.getvalue())


def _inputs(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD[0], encoding="utf-8")
    (folder / "mr.txt").write_text("Mr. " * 50_000 + "Smith said.", encoding="utf-8")
    (folder / "parens.txt").write_text("(" * 20_000 + "killed 5" + ")" * 20_000, encoding="utf-8")
    (folder / "huge.txt").write_text(PARAGRAPH * (1_500_000 // len(PARAGRAPH)), encoding="utf-8")
    long_field = PARAGRAPH * (200_000 // len(PARAGRAPH))
    (folder / "long.csv").write_text(f'id,text\ncsv-long,"{long_field}"\ncsv-good,"{GOOD[1]}"\n', encoding="utf-8")
    (folder / "page.html").write_text(
        f"<html><head><title>Kirkuk</title></head><body><p>{GOOD[0]}</p><div>{DIV_TEXT}</div>"
        f"<p>{PARAGRAPH.strip()}</p></body></html>",
        encoding="utf-8",
    )
    records = [{"id": "typed", "text": GOOD[1] + " Later, more shelling.", "published": 20140611}, {"text": 42}]
    (folder / "records.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    bomb = b"<html><body><p>" + b"a" * 6_000_000 + b"</p></body></html>"  # over 8 x max_chars bytes, ~6 KB zipped
    _warc(
        folder / "crawl.warc.gz",
        [("https://example.org/bomb", bomb), ("https://example.org/ok", f"<p>{GOOD[0]} Also.</p>".encode())],
    )
    (folder / "wide.txt").write_bytes((GOOD[1] + " Again.").encode("utf-16-le"))  # UTF-16 without a byte-order mark
    (folder / "empty.txt").write_bytes(b"")
    return [str(folder), str(folder / "empty.txt"), f"{folder}/./empty.txt"]


@pytest.mark.slow
def test_hostile_batch_finishes_keeps_the_good_and_names_the_refused(tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in")
    db = tmp_path / "hostile.duckdb"
    command = [str(Path(sys.executable).with_name("dateline")), "ingest", *paths, "--db", str(db), "--workers", "2"]
    started = time.monotonic()
    first = subprocess.run(command, capture_output=True, text=True, timeout=600, env={**os.environ})
    took = time.monotonic() - started
    assert first.returncode == 1, first.stderr[-3000:]  # some items failed; none crashed the run
    assert took < 300, took
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    folder = tmp_path / "in"
    for refused, why in [
        ("huge.txt", "more than the limit"),
        ("records.jsonl:2", "'text' must be a string"),
        ("crawl.warc.gz:1", "larger than"),
        ("empty.txt", "empty file"),
    ]:
        named = [line for line in errors if f"{folder / refused}:" in line or f"{folder / refused} " in line]
        assert len(named) == 1 and why in named[0], (refused, errors)
    assert any(f"{folder / 'records.jsonl'}:1" in line and "'published' must be a string" in line for line in errors)
    assert "Traceback" not in first.stderr
    with Store(db, read_only=True) as store:
        rows = list(store.iter_rows("articles"))
        assert store.unclustered_event_ids() == []
    articles = {row["origin"]: row["text"] for row in rows}
    stored = " ".join(articles.values())
    assert GOOD[0] in stored and GOOD[1] in stored and DIV_TEXT in stored
    assert {"csv-long", "csv-good", "typed"} <= {row["id"] for row in rows}  # both CSV rows, the mistyped record
    for origin in ("good.txt", "page.html", "crawl.warc.gz:2", "wide.txt", "mr.txt", "parens.txt"):
        assert str(folder / origin) in articles, (origin, sorted(articles))
    again = subprocess.run(command, capture_output=True, text=True, timeout=600, env={**os.environ})
    assert " 0 stored," in again.stderr, again.stderr[-2000:]
    with Store(db, read_only=True) as store:
        assert len(store.article_ids()) == len(articles)
