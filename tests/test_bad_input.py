"""Bad input never stops a batch: each bad item gets a one-line error naming its file (and line), every good item is
processed, the exit status is 1 and the summary counts them. Runaway articles are cut by settings.article_timeout."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline import actors, jobs, pipeline, places
from dateline.cli import app as cli_app
from dateline.pipeline import Resources
from dateline.records import Article
from dateline.settings import Settings

GOOD = "Gunmen killed four villagers near Kirkuk on Monday, a police officer said."


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "good": folder / "good.txt",
        "latin1": folder / "latin1.txt",
        "utf16": folder / "utf16.txt",
        "invalid_utf8": folder / "invalid.txt",
        "broken_html": folder / "broken.html",
        "nested_html": folder / "nested.html",
        "jsonl": folder / "mixed.jsonl",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["good"].write_text(GOOD, encoding="utf-8")
    files["latin1"].write_bytes("Troops entered Saint-Étienne-du-Rouvray on Sunday.".encode("latin-1"))
    files["utf16"].write_bytes("Rebels shelled Idlib on Friday.".encode("utf-16"))
    files["invalid_utf8"].write_bytes(b"Police arrested two men in Basra \xff\xfe\xc3 on Tuesday.")
    files["broken_html"].write_text(
        "<html><body><p>Militants attacked a convoy in Gao<div><b>on Sunday", encoding="utf-8"
    )
    files["nested_html"].write_text(
        "<div>" * 5000 + "Protesters marched in Khartoum." + "</div>" * 10, encoding="utf-8"
    )
    lines: list[Any] = [
        {"text": GOOD},
        "{broken json",
        {"title": "no text at all"},
        {"text": 42},
        {"text": ["a", "list"]},
        {"text": "Soldiers clashed with rebels in Goma.", "published": "99999-13-45"},
        {"text": "An airstrike hit Marib on Saturday.", "published": 12},
    ]
    files["jsonl"].write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n", encoding="utf-8"
    )
    return files


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_bad_input_batch_reports_each_bad_item_and_keeps_the_good(
    command: str, tmp_path: Path, resources: Resources
) -> None:
    files = _bad_files(tmp_path)
    args = [command, *(str(path) for path in files.values())]
    if command == "ingest":
        args += ["--db", str(tmp_path / "bad.duckdb"), "--workers", "1"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 1, result.output
    errors = _errors(result.output)
    assert any(str(files["empty"]) in line and "empty" in line for line in errors)
    assert any(str(files["binary"]) in line and "binary" in line for line in errors)
    jsonl = str(files["jsonl"])
    for line_number in (2, 3, 4, 5, 6, 7):
        assert any(f"{jsonl}:{line_number}:" in line for line in errors), (line_number, errors)
    assert all("\n" not in line and len(line) < 400 for line in errors)
    if command == "extract":
        records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        texts = " ".join(record.get("article", {}).get("text", "") for record in records)
        for words in ("Kirkuk", "Idlib", "Saint-Étienne", "Basra", "on Sunday", "Khartoum", "Goma"):
            assert words in texts, words


def test_bad_input_huge_file_is_refused_quickly(tmp_path: Path, resources: Resources) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text(("Shelling continued in the city. " * 32 + "\n") * 50_000, encoding="utf-8")
    assert huge.stat().st_size > 50_000_000
    started = time.monotonic()
    result = CliRunner().invoke(cli_app, ["extract", str(huge)])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    assert any(str(huge) in line for line in _errors(result.output))


@pytest.mark.parametrize(
    "text",
    [
        '"' * 10_000,
        "“" * 5_000 + "”" * 5_000,
        "Gunmen killed " + "9" * 100_000 + " people in Mosul.",
        ("Troops advanced " + "x" * 200_000 + " on Monday. ") * 2,
        "",
        "\u200b\u202e\ufeff" * 100,
        "A" * 50_000,
    ],
    ids=["quotes", "curly-quotes", "long-number", "long-line", "empty", "odd-unicode", "one-word"],
)
def test_bad_input_pathological_text_is_fast_and_safe(text: str, resources: Resources) -> None:
    started = time.monotonic()
    extraction = jobs.extract_text(text, published="2024-03-04", settings=Settings())
    assert time.monotonic() - started < 30
    assert all(error.stage in {"clean", "ingest"} for error in extraction.errors), extraction.errors


def test_bad_input_runaway_stage_becomes_a_timeout_error(
    parse: Any, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, doc = parse(GOOD, "2024-03-04")
    calls: list[str] = []

    def hang(*args: object, **kwargs: object) -> list[object]:
        calls.append("places")
        time.sleep(30)
        return []

    def later(*args: object, **kwargs: object) -> list[object]:
        calls.append("later")
        return []

    monkeypatch.setattr(places, "find_places", hang)
    monkeypatch.setattr(actors, "find_actors", later)
    started = time.monotonic()
    extraction = pipeline.analyse(article, doc, resources, timeout=0.3)
    assert time.monotonic() - started < 5
    assert [(error.stage, error.error_type) for error in extraction.errors] == [("places", "ArticleTimeoutError")]
    assert calls == ["places"]  # the stages after the runaway were skipped


def test_bad_input_timeout_restores_the_previous_alarm_handler(parse: Any, resources: Resources) -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    article, doc = parse(GOOD, "2024-03-04")
    extraction = pipeline.analyse(article, doc, resources, timeout=30)
    assert not extraction.errors
    assert isinstance(extraction.article, Article)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
