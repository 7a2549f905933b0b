"""What the command line shows while it works (dateline/progress.py): the known total, a readable rate, origins."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.progress import known_total, origin_fields, rate_text


def test_progress_known_total_counts_text_files_and_json_lines(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("A report.", encoding="utf-8")
    (tmp_path / "two.html").write_text("<p>A page.</p>", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text("not read", encoding="utf-8")
    assert known_total([str(tmp_path)]) == 5
    assert known_total([str(tmp_path / "one.txt"), str(tmp_path / "feed.jsonl")]) == 4


def test_progress_total_unknown_for_csv_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text("text\na\nb\n", encoding="utf-8")
    assert known_total([str(tmp_path)]) is None
    assert known_total(["-"]) is None


@pytest.mark.parametrize(
    ("per_second", "expected"),
    [(None, "… articles/s"), (3.853873581351471, "3.9 articles/s"), (0.25, "0.25 articles/s"), (41.6, "42 articles/s")],
)
def test_progress_rate_is_readable(per_second: float | None, expected: str) -> None:
    assert rate_text(per_second) == expected


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("corpus/feed.jsonl:12", {"file": "corpus/feed.jsonl", "row": 12}),
        ("corpus/report.txt", {"file": "corpus/report.txt", "row": None}),
        ("C:/data/a.csv:3", {"file": "C:/data/a.csv", "row": 3}),
        (None, {"file": None, "row": None}),
    ],
)
def test_progress_origin_names_file_and_row(origin: str | None, expected: dict[str, object]) -> None:
    assert origin_fields(origin) == expected
