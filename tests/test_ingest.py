"""Readers: files, directories, JSON Lines and stdin; bad input becomes one ItemError and the rest goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dateline.readers import DecodeError, decode_bytes, read_file, read_jsonl_lines, read_paths
from dateline.records import ItemError, RawDocument

STORY = "KIRKUK, Iraq (AP) — Gunmen attacked a police checkpoint south of Kirkuk on Monday, officials said."


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Troops entered “the old city” on Sunday.".encode(), "Troops entered “the old city” on Sunday."),
        (b"\xef\xbb\xbfShelling resumed at dawn.", "Shelling resumed at dawn."),
        (b"\xff\xfe" + "Convoy hit near Hilla.".encode("utf-16-le"), "Convoy hit near Hilla."),
        (b"\xfe\xff" + "Convoy hit near Hilla.".encode("utf-16-be"), "Convoy hit near Hilla."),
        (b"\xff\xfe\x00\x00" + "Mortar fire.".encode("utf-32-le"), "Mortar fire."),
        (b"Caf\xe9 owners in Mosul reopened.", "Café owners in Mosul reopened."),
        (b"He said \x93we will stay\x94.", "He said “we will stay”."),
        (b"Byte \x81 is undefined in Windows-1252.", "Byte \x81 is undefined in Windows-1252."),
    ],
)
def test_ingest_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "message_start"),
    [
        (b"%PDF-1.7 rest", "binary file (PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image)"),
        (b"plain\x00text\x00with\x00nuls", "binary file (contains NUL bytes)"),
        ("Dash – then".encode() + b" a stray \xe9 byte", "invalid UTF-8 at byte"),
        (b"\xff\xfe" + b"\x00\xd8", "invalid UTF-16"),
    ],
)
def test_ingest_refuses_binary_and_mixed_bytes(data: bytes, message_start: str) -> None:
    with pytest.raises(DecodeError, match=r"^" + message_start.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("name", "content", "field"),
    [
        ("story.txt", STORY, "text"),
        ("page.html", f"<html><body><p>{STORY}</p></body></html>", "html"),
        ("page.HTM", f"<p>{STORY}</p>", "html"),
        ("saved.txt", f"<!DOCTYPE html><html><body><p>{STORY}</p></body></html>", "html"),
        ("notes.md", STORY, "text"),
    ],
)
def test_ingest_reads_file_by_suffix_and_content(tmp_path: Path, name: str, content: str, field: str) -> None:
    [item] = list(read_file(_write(tmp_path / name, content)))
    assert isinstance(item, RawDocument)
    assert getattr(item, field) == content
    assert item.origin == str(tmp_path / name)


@pytest.mark.parametrize(
    ("content", "error_type"),
    [
        (b"", "EmptyFile"),
        (b"  \n\t\n", "EmptyFile"),
        (b"GIF89a\x00\x01", "BinaryFile"),
        (b"ok \xe2\x80\x93 \xff", "DecodeError"),
    ],
)
def test_ingest_bad_file_is_one_error_without_origin_in_message(
    tmp_path: Path, content: bytes, error_type: str
) -> None:
    path = _write(tmp_path / "bad.txt", content)
    [item] = list(read_file(path))
    assert isinstance(item, ItemError)
    assert (item.origin, item.stage, item.error_type) == (str(path), "ingest", error_type)
    assert str(path) not in item.message and "\n" not in item.message


def test_ingest_jsonl_bad_line_in_middle_does_not_stop_the_rest() -> None:
    lines = [
        json.dumps({"id": "one", "text": STORY, "published": "2016-10-17", "title": "Checkpoint attacked"}),
        '{"text": "unterminated',
        "",
        json.dumps({"id": 42, "text": "Two rockets landed near the airport overnight."}),
    ]
    items = list(read_jsonl_lines(lines, "feed.jsonl"))
    assert [type(item).__name__ for item in items] == ["RawDocument", "ItemError", "RawDocument"]
    first, error, last = items
    assert isinstance(first, RawDocument) and first.title == "Checkpoint attacked" and first.published == "2016-10-17"
    assert isinstance(error, ItemError) and error.origin == "feed.jsonl:2" and error.error_type == "JSONDecodeError"
    assert "feed.jsonl" not in error.message
    assert isinstance(last, RawDocument) and last.id == "42" and last.origin == "feed.jsonl:4"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x"}, "no article text: no 'text' or 'html' field"),
        ({"text": "   "}, "no article text: 'text' is empty"),
        ({"text": ["a", "b"]}, "'text' must be a string, got array"),
        ([STORY], "expected a JSON object, got array"),
        ("just a string", "expected a JSON object, got value"),
    ],
)
def test_ingest_jsonl_bad_record_message(record: object, message: str) -> None:
    [item] = list(read_jsonl_lines([json.dumps(record)], "in.jsonl"))
    assert isinstance(item, ItemError)
    assert item.message == message and item.origin == "in.jsonl:1"


@pytest.mark.parametrize(
    ("record", "note"),
    [
        ({"text": STORY, "title": 5}, "'title' must be a string, got number; ignored"),
        ({"text": STORY, "id": True}, "'id' must be a string, got boolean; ignored"),
        ({"text": STORY, "published": {"y": 2015}}, "'published' must be a string, got object; ignored"),
    ],
)
def test_ingest_jsonl_mistyped_metadata_is_ignored_with_a_note(record: object, note: str) -> None:
    [item] = list(read_jsonl_lines([json.dumps(record)], "in.jsonl"))
    assert isinstance(item, RawDocument) and item.text == STORY and item.notes == (note,)


@pytest.mark.parametrize("lines", [[], ["", "  "]])
def test_ingest_jsonl_without_records_is_an_error(lines: list[str]) -> None:
    [item] = list(read_jsonl_lines(lines, "<stdin>"))
    assert isinstance(item, ItemError) and item.origin == "<stdin>" and item.error_type == "EmptyFile"


def test_ingest_jsonl_html_field_and_text_wins_over_html() -> None:
    html_only, both = read_jsonl_lines(
        [json.dumps({"html": f"<p>{STORY}</p>"}), json.dumps({"text": STORY, "html": "<p>other</p>"})], "in.jsonl"
    )
    assert isinstance(html_only, RawDocument) and html_only.text is None and html_only.html == f"<p>{STORY}</p>"
    assert isinstance(both, RawDocument) and both.text == STORY


def test_ingest_jsonl_invalid_utf8_line_fails_alone(tmp_path: Path) -> None:
    good = json.dumps({"text": STORY}).encode()
    path = _write(tmp_path / "mixed.jsonl", good + b"\n" + b'{"text": "caf\xe9 bombing"}\n' + good + b"\n")
    items = list(read_file(path))
    assert [type(item).__name__ for item in items] == ["RawDocument", "ItemError", "RawDocument"]
    assert isinstance(items[1], ItemError) and items[1].origin == f"{path}:2"
    assert items[1].message.startswith("invalid UTF-8 at byte")


def test_ingest_jsonl_utf16_with_bom(tmp_path: Path) -> None:
    content = json.dumps({"text": "Airstrikes hit Raqqa.", "id": "u16"}, ensure_ascii=False) + "\n"
    [item] = list(read_file(_write(tmp_path / "wide.jsonl", b"\xff\xfe" + content.encode("utf-16-le"))))
    assert isinstance(item, RawDocument) and item.id == "u16" and item.text == "Airstrikes hit Raqqa."


def test_ingest_binary_jsonl_is_one_error(tmp_path: Path) -> None:
    [item] = list(read_file(_write(tmp_path / "archive.jsonl", b"\x1f\x8b\x08\x00binary")))
    assert isinstance(item, ItemError) and item.error_type == "BinaryFile"


def test_ingest_directory_is_recursive_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    _write(tmp_path / "b" / "two.txt", STORY)
    _write(tmp_path / "a.html", f"<p>{STORY}</p>")
    _write(tmp_path / "c.jsonl", json.dumps({"text": STORY}) + "\n")
    _write(tmp_path / ".git" / "x.txt", STORY)
    _write(tmp_path / ".hidden.txt", STORY)
    _write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n")
    origins = [item.origin for item in read_paths([str(tmp_path)])]
    assert origins == [str(tmp_path / "a.html"), str(tmp_path / "b" / "two.txt"), f"{tmp_path / 'c.jsonl'}:1"]


def test_ingest_empty_directory_and_missing_path_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = list(read_paths([str(tmp_path / "empty"), str(tmp_path / "missing.txt")]))
    assert [(item.error_type, item.message) for item in items if isinstance(item, ItemError)] == [
        ("EmptyDirectory", "directory holds no .txt, .html, .htm or .jsonl files"),
        ("FileNotFound", "no such file or directory"),
    ]


@pytest.mark.parametrize(
    "stdin",
    [
        io.StringIO(json.dumps({"text": STORY}) + "\nnot json\n"),
        io.BytesIO(json.dumps({"text": STORY}).encode() + b"\nnot json\n"),
    ],
)
def test_ingest_stdin_reads_json_lines(stdin: io.StringIO | io.BytesIO) -> None:
    first, second = read_paths(["-"], stdin=stdin)
    assert isinstance(first, RawDocument) and first.origin == "<stdin>:1" and first.text == STORY
    assert isinstance(second, ItemError) and second.origin == "<stdin>:2"


def test_ingest_keeps_input_order_across_paths(tmp_path: Path) -> None:
    second = _write(tmp_path / "z.txt", STORY)
    first = _write(tmp_path / "a.txt", STORY)
    assert [item.origin for item in read_paths([str(second), str(first)])] == [str(second), str(first)]
