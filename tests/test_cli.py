"""The command line end to end on tmp_path: extract, ingest (twice), export, demo, exit codes, help texts.

Every test runs in its own tmp_path with the default database name, so the Settings (and the loaded pipeline,
cached per Settings) are the same for all of them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from dateline.cli import app
from dateline.jobs import ingest as ingest_job
from dateline.store import Store

CONTRACT_KEYS = {"article", "events", "quotes", "places", "times", "actors", "errors"}
# Beside the contract's keys, each line names the article's origin (issue 23): {"file", "row"}.
LINE_KEYS = CONTRACT_KEYS | {"origin"}
ARTICLES = {
    "a.txt": "Rebels shelled the town of Kafr Nabl on Monday, killing two civilians, a local monitor said.",
    "b.txt": "The army said on Tuesday it had retaken the airport after three days of fighting.",
}


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for key in ("DATELINE_DB", "DATELINE_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _counts(db: str = "dateline.duckdb") -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_cli_extract_prints_contract_json_lines(corpus: Path) -> None:
    result = run("extract", str(corpus / "b.txt"), str(corpus / "a.txt"))
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(line) for line in lines] == [LINE_KEYS, LINE_KEYS]
    assert [line["article"]["text"] for line in lines] == [ARTICLES["b.txt"], ARTICLES["a.txt"]]
    assert [line["origin"] for line in lines] == [
        {"file": str(corpus / "b.txt"), "row": None},
        {"file": str(corpus / "a.txt"), "row": None},
    ]
    assert not Path("dateline.duckdb").exists()


def test_cli_extract_text_column_reads_the_named_csv_column(corpus: Path) -> None:
    table = corpus / "reports.csv"
    table.write_text(f'summary,story\nshort,"{ARTICLES["a.txt"]}"\n', encoding="utf-8")
    result = run("extract", "--workers", "1", "--text-column", "story", str(table))
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert line["article"]["text"] == ARTICLES["a.txt"]
    assert line["origin"] == {"file": str(table), "row": 2}  # the CSV row the article came from
    assert run("extract", "--workers", "1", str(table)).exit_code == 1  # no column "text": an error for the file
    assert run("extract", "--text-column", " ", str(table)).exit_code == 2


def test_cli_extract_published_dates_inputs_without_a_date(corpus: Path) -> None:
    result = run("extract", "--workers", "1", "--published", "2021-03-10", str(corpus / "a.txt"))
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert line["article"]["published"] == "2021-03-10"
    assert line["events"][0]["date"]["value"] == "2021-03-08"  # "on Monday" before 10 March 2021
    assert run("extract", "--published", "10/03/2021", str(corpus / "a.txt")).exit_code == 2


def test_cli_extract_bad_input_exit_1_and_goes_on(corpus: Path) -> None:
    result = run("extract", str(corpus / "missing.txt"), str(corpus / "a.txt"))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2 and lines[0]["errors"] and lines[1]["article"]["text"] == ARTICLES["a.txt"]
    assert "missing.txt" in result.stderr


def test_cli_ingest_twice_same_counts(corpus: Path) -> None:
    first = run("ingest", str(corpus))
    assert first.exit_code == 0, first.stderr
    counts = _counts()
    assert counts["articles"] == 2
    second = run("ingest", str(corpus))
    assert second.exit_code == 0, second.stderr
    assert _counts() == counts
    assert "0 stored, 2 already stored" in second.stderr
    assert "articles/s" not in first.stderr  # no progress bar when stderr is not a terminal


def test_cli_ingest_quiet_prints_nothing(corpus: Path) -> None:
    result = run("ingest", "--quiet", str(corpus))
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == ""


def test_cli_ingest_bad_inputs_exit_1_good_items_stored(corpus: Path) -> None:
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "lines.jsonl").write_text(
        '{"id": "good-1", "text": "Police arrested four protesters in the capital on Friday."}\n'
        "{not json\n"
        '{"id": "no-text"}\n',
        encoding="utf-8",
    )
    result = run("ingest", str(corpus), str(corpus / "nowhere.txt"))
    assert result.exit_code == 1
    with Store("dateline.duckdb", read_only=True) as store:
        assert store.read_extraction("good-1") is not None
        assert store.counts()["articles"] == 3
        origins = {row["origin"] for row in store.iter_records("errors")}
    assert {str(corpus / "empty.txt"), f"{corpus / 'lines.jsonl'}:2", f"{corpus / 'lines.jsonl'}:3"} <= origins
    assert str(corpus / "nowhere.txt") in origins
    assert "4 failed" in result.stderr
    counts = _counts()
    again = run("ingest", str(corpus), str(corpus / "nowhere.txt"))
    assert again.exit_code == 1
    assert _counts() == counts  # nothing new, errors included
    with Store("dateline.duckdb", read_only=True) as store:
        assert len({row["origin"] for row in store.iter_records("errors")}) == store.counts()["errors"]


def test_cli_ingest_from_stdin(corpus: Path) -> None:
    lines = "".join(json.dumps({"id": f"s{n}", "text": text}) + "\n" for n, text in enumerate(ARTICLES.values()))
    result = run("ingest", "-", stdin=lines)
    assert result.exit_code == 0, result.stderr
    assert _counts()["articles"] == 2


def test_cli_export_after_ingest(corpus: Path, tmp_path: Path) -> None:
    assert run("ingest", str(corpus)).exit_code == 0
    jsonl = run("export", "--table", "articles", "--format", "jsonl")
    assert jsonl.exit_code == 0
    assert {json.loads(line)["text"] for line in jsonl.stdout.splitlines()} == set(ARTICLES.values())
    out = tmp_path / "articles.csv"
    written = run("export", "--table", "articles", "--format", "csv", "--out", str(out))
    assert written.exit_code == 0 and "2 rows" in written.stderr
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == 2
    events = run("export", "--table", "events", "--format", "acled", "--quiet")
    assert events.exit_code == 0 and events.stdout.startswith("event_id_cnty,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--table", "events", "--format", "parquet"), "--out"),
        (("--table", "people", "--format", "csv"), "unknown table"),
        (("--table", "quotes", "--format", "geojson"), "does not apply"),
    ],
)
def test_cli_export_usage_errors_exit_2(corpus: Path, args: tuple[str, ...], message: str) -> None:
    assert run("ingest", "--quiet", str(corpus)).exit_code == 0
    result = run("export", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_export_without_database_exit_2(corpus: Path) -> None:
    result = run("export", "--db", "missing.duckdb", "--table", "events", "--format", "jsonl")
    assert result.exit_code == 2
    assert "no database" in result.stderr


def test_cli_ingest_not_a_database_exit_2(corpus: Path) -> None:
    Path("not-a-db.duckdb").write_text("hello", encoding="utf-8")
    result = run("ingest", "--db", "not-a-db.duckdb", str(corpus))
    assert result.exit_code == 2


def test_cli_ingest_into_a_locked_database_says_so_plainly_at_once(corpus: Path) -> None:
    db = str(corpus.parent / "busy.duckdb")
    with Store(db):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, db], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        result = run("ingest", "--db", db, str(corpus))
        took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert "Usage" not in result.output and "Traceback" not in result.output
    assert result.stderr.strip() == f"error: {db} is in use by another process (an ingest writing to it, or a server)"
    assert str(holder.pid) not in result.stderr  # no process ids in what users and API clients see (issue 24.7)
    assert took < 15  # the lock is waited for 3 s at most; the model is never loaded


_HOLD_LOCK = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


def test_cli_demo_no_serve(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_job, "DEMO_CORPUS", corpus)
    result = run("demo", "--no-serve")
    assert result.exit_code == 0, result.stderr
    assert _counts()["articles"] == 2


def _commands() -> dict[str, Any]:
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_cli_every_command_and_option_has_help(name: str) -> None:
    command = _commands()[name]
    assert command.help
    for param in command.params:
        assert getattr(param, "help", None), f"{name}: {param.name} has no help text"
    result = run(name, "--help")
    assert result.exit_code == 0
