"""The knowledge loader: rows with line numbers, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.knowledge import KnowledgeError, knowledge_path, read_lines, read_tsv, read_yaml, where, yaml_words


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_tsv_rows_keep_line_numbers_and_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "t.tsv", "# source: us\n\nterm\tkind\textra\nkill\tverb\t\n# note\nwound\tverb\tx\n")
    rows = read_tsv(path, ("term", "kind"))
    assert [(row.line, row["term"], row["kind"], row.get("extra")) for row in rows] == [
        (4, "kill", "verb", ""),
        (6, "wound", "verb", "x"),
    ]


def test_read_tsv_refuses_a_short_row_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "t.tsv", "term\tkind\nkill\n")
    with pytest.raises(KnowledgeError, match=r"t\.tsv:2: expected 2"):
        read_tsv(path, ("term", "kind"))


def test_read_tsv_refuses_an_empty_required_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "t.tsv", "term\tkind\nkill\t \n")
    with pytest.raises(KnowledgeError, match=r"t\.tsv:2: empty kind"):
        read_tsv(path, ("term", "kind"))


def test_read_tsv_refuses_the_wrong_header(tmp_path: Path) -> None:
    path = write(tmp_path, "t.tsv", "word\tkind\nkill\tverb\n")
    with pytest.raises(KnowledgeError, match=r"t\.tsv:1: the header"):
        read_tsv(path, ("term", "kind"))


def test_tsv_row_number_names_the_cell(tmp_path: Path) -> None:
    row = read_tsv(write(tmp_path, "t.tsv", "name\tlat\nX\tnorth\n"), ("name", "lat"))[0]
    with pytest.raises(KnowledgeError, match=r"t\.tsv:2: lat is not a number"):
        row.number("lat")


def test_read_yaml_marks_lines_and_reports_syntax_errors(tmp_path: Path) -> None:
    data = read_yaml(write(tmp_path, "k.yaml", "# header\nwords:\n  - Fire\n  - shell\nnested:\n  a: 1\n"))
    assert yaml_words(tmp_path / "k.yaml", data, "words") == frozenset({"fire", "shell"})
    assert where(tmp_path / "k.yaml", data["nested"]).endswith("k.yaml:6")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml:2"):
        read_yaml(write(tmp_path, "bad.yaml", "a: [1\nb: 2\n"))


def test_yaml_words_refuses_an_empty_word(tmp_path: Path) -> None:
    path = write(tmp_path, "k.yaml", "words:\n  - fire\n  - ''\n")
    with pytest.raises(KnowledgeError, match="non-empty strings"):
        yaml_words(path, read_yaml(path), "words")


def test_read_lines_skips_comments(tmp_path: Path) -> None:
    assert read_lines(write(tmp_path, "a.txt", "# c\nMr.\n\n Gen. \n")) == [(2, "Mr."), (4, "Gen.")]


def test_knowledge_path_points_into_the_package() -> None:
    assert knowledge_path("casualty_terms.tsv").is_file()
    assert knowledge_path("places", "aliases.tsv").is_file()
