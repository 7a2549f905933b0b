"""Readers of the formats analysts collect news in: scraper JSON Lines, CSV, WARC archives, RSS/Atom feed files."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from dateline.readers import parse_jsonl_record, read_paths
from dateline.records import ItemError, RawDocument

STORY = "Two soldiers were killed when a roadside bomb hit their patrol near Tal Afar on Tuesday, police said."
OTHER = "Rebels shelled the airport outside Aden overnight, a spokesman said."


def _items(path: Path, text_column: str = "text") -> list[RawDocument | ItemError]:
    return list(read_paths([str(path)], text_column=text_column))


# --- JSON Lines from scrapers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"content": STORY}, "text", STORY),
        ({"body": STORY}, "text", STORY),
        ({"article_text": STORY}, "text", STORY),
        ({"maintext": STORY}, "text", STORY),
        ({"text": STORY, "date": "2024-05-07"}, "published", "2024-05-07"),
        ({"text": STORY, "publish_date": "2024-05-07T10:00:00"}, "published", "2024-05-07T10:00:00"),
        ({"text": STORY, "published_at": "2024-05-07"}, "published", "2024-05-07"),
        ({"text": STORY, "link": "https://example.org/a"}, "url", "https://example.org/a"),
        ({"text": STORY, "headline": "Patrol hit"}, "title", "Patrol hit"),
        ({"text": STORY, "content": OTHER}, "text", STORY),
    ],
)
def test_readers_jsonl_maps_scraper_fields(record: dict[str, str], field: str, expected: str) -> None:
    document = parse_jsonl_record(json.dumps(record), "feed.jsonl:1")
    assert isinstance(document, RawDocument)
    assert getattr(document, field) == expected


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"body": 42}, "'body' must be a string, got number"),
        ({"content": "   "}, "no article text: 'content' is empty"),
        ({"link": "https://example.org"}, "no article text: no 'text' or 'html' field"),
    ],
)
def test_readers_jsonl_bad_scraper_records_name_the_field(record: dict[str, object], message: str) -> None:
    error = parse_jsonl_record(json.dumps(record), "feed.jsonl:3")
    assert isinstance(error, ItemError)
    assert (error.origin, error.message) == ("feed.jsonl:3", message)


def test_readers_jsonl_mistyped_scraper_field_is_named_in_its_note() -> None:
    item = parse_jsonl_record(json.dumps({"content": STORY, "publish_date": ["2024"]}), "feed.jsonl:3")
    assert isinstance(item, RawDocument) and item.text == STORY and item.published is None
    assert item.notes == ("'publish_date' must be a string, got array; ignored",)


# --- CSV ------------------------------------------------------------------------------------------------------------


def test_readers_csv_reads_rows_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        f'id,Title,date,link,text\nr1,Patrol hit,2024-05-07,https://example.org/1,"{STORY}"\n'
        f'r2,Airport shelled,2024-05-08,,"{OTHER}\nSecond paragraph."\n',
        encoding="utf-8",
    )
    first, second = _items(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.origin, first.id, first.title, first.published, first.url) == (
        f"{path}:2",
        "r1",
        "Patrol hit",
        "2024-05-07",
        "https://example.org/1",
    )
    assert first.text == STORY
    assert (second.origin, second.url, second.text) == (f"{path}:3", None, f"{OTHER}\nSecond paragraph.")


def test_readers_csv_text_column_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f'summary,story\nshort,"{STORY}"\n', encoding="utf-8")
    (document,) = _items(path, text_column="story")
    assert isinstance(document, RawDocument) and document.text == STORY
    (error,) = _items(path)
    assert isinstance(error, ItemError) and error.origin == str(path)
    assert error.message.startswith("no text column 'text' (columns: 'summary', 'story')")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", [("", "EmptyFile", "empty CSV file")]),
        ("text\n", [("", "EmptyFile", "CSV file has a header but no rows")]),
        (
            f'text,id\n"{STORY}",a\n,b\n',
            [(":2", None, None), (":3", "BadRecord", "no article text: column 'text' is empty")],
        ),
        (f'text,id\n"{STORY}",a,extra\n', [(":2", "BadRecord", "row has 3 cells, the header 2")]),
    ],
)
def test_readers_csv_broken_rows_are_errors_naming_file_and_line(
    tmp_path: Path, content: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    found = [
        (item.origin.removeprefix(str(path)), getattr(item, "error_type", None), getattr(item, "message", None))
        for item in _items(path)
    ]
    assert found == expected


def test_readers_csv_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (error,) = _items(path)
    assert isinstance(error, ItemError) and error.message == "binary file (ZIP or Office document), not text"


def test_readers_csv_empty_column_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="empty"):
        read_paths([str(tmp_path)], text_column=" ")


# --- WARC -----------------------------------------------------------------------------------------------------------


def _warc(path: Path, records: list[tuple[str, str, bytes]], *, gzipped: bool = False) -> Path:
    """Write (url, content type, body) HTTP responses, plus a request record, into a WARC file."""
    from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
    from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for url, content_type, body in records:
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("gzipped", [False, True])
def test_readers_warc_reads_html_responses(tmp_path: Path, gzipped: bool) -> None:
    page = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()
    name = "crawl.warc.gz" if gzipped else "crawl.warc"
    path = _warc(
        tmp_path / name,
        [
            ("https://example.org/news/1", "text/html; charset=utf-8", page),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n"),
        ],
        gzipped=gzipped,
    )
    (document,) = _items(path)
    assert isinstance(document, RawDocument)
    assert (document.origin, document.url) == (f"{path}:2", "https://example.org/news/1")
    assert document.html is not None and STORY in document.html


def test_readers_warc_declared_charset_is_used(tmp_path: Path) -> None:
    page = f"<html><body><p>Caf\xe9 owners in Mosul reopened. {STORY}</p></body></html>".encode("latin-1")
    path = _warc(tmp_path / "old.warc", [("https://example.org/2", "text/html; charset=iso-8859-1", page)])
    (document,) = _items(path)
    assert isinstance(document, RawDocument) and document.html is not None and "Café" in document.html


@pytest.mark.parametrize(
    ("data", "message_start"),
    [
        (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ntruncated", "unreadable WARC record"),
        (b"this is not an archive at all\n", "not a WARC file"),
    ],
)
def test_readers_warc_broken_file_is_an_error_naming_the_record(
    tmp_path: Path, data: bytes, message_start: str
) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(data)
    items = _items(path)
    assert items and all(isinstance(item, ItemError) for item in items)
    assert items[0].origin.startswith(f"{path}:")
    assert isinstance(items[0], ItemError) and items[0].message.startswith(message_start)


def test_readers_warc_without_html_is_an_error(tmp_path: Path) -> None:
    path = _warc(tmp_path / "images.warc", [("https://example.org/a.png", "image/png", b"\x89PNG")])
    (error,) = _items(path)
    assert isinstance(error, ItemError) and error.message == "WARC file holds no HTML response records"


def test_readers_warc_gzip_without_warc_suffix_is_not_read_as_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(gzip.compress(b"hello"))
    (error,) = _items(path)
    assert isinstance(error, ItemError) and error.message == "binary file (gzip), not text"


# --- RSS / Atom -----------------------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Patrol hit</title><link>https://example.org/1</link>
<pubDate>Tue, 07 May 2024 09:30:00 GMT</pubDate><description>&lt;p&gt;{STORY}&lt;/p&gt;</description></item>
<item><title>No body</title><link>https://example.org/2</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:x</id>
<updated>2024-05-08T00:00:00Z</updated>
<entry><title>Airport shelled</title><id>urn:x:1</id><link href="https://example.org/3"/>
<published>2024-05-08T06:00:00Z</published><updated>2024-05-08T07:00:00Z</updated>
<summary>short</summary><content type="html">&lt;p&gt;{OTHER}&lt;/p&gt;</content></entry>
</feed>"""


def test_readers_rss_entries_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _items(path)
    assert isinstance(first, RawDocument)
    assert (first.origin, first.title, first.url, first.source) == (
        f"{path}:1",
        "Patrol hit",
        "https://example.org/1",
        "Example Wire",
    )
    assert first.published == "Tue, 07 May 2024 09:30:00 GMT"
    assert first.html is not None and STORY in first.html
    assert isinstance(second, ItemError)
    assert (second.origin, second.message) == (f"{path}:2", "feed entry has no content or summary")


def test_readers_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = _items(path)
    assert isinstance(entry, RawDocument)
    assert (entry.id, entry.published, entry.url) == ("urn:x:1", "2024-05-08T06:00:00Z", "https://example.org/3")
    assert entry.html is not None and OTHER in entry.html and "short" not in entry.html


@pytest.mark.parametrize("content", ["<rss><channel><title>cut", "", "plain words, not XML", "<feed></feed>"])
def test_readers_broken_feed_is_one_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(content, encoding="utf-8")
    (error,) = _items(path)
    assert isinstance(error, ItemError) and error.origin == str(path)
    assert error.error_type == "BadFeed" and error.message.startswith("not a readable RSS/Atom feed")


def test_readers_directory_includes_new_formats(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(f'text\n"{OTHER}"\n', encoding="utf-8")
    origins = [item.origin for item in read_paths([str(tmp_path)])]
    assert origins == [f"{tmp_path / 'rows.csv'}:2", f"{tmp_path / 'wire.rss'}:1", f"{tmp_path / 'wire.rss'}:2"]


@pytest.mark.parametrize(
    "data",
    [
        '\ufefftext,title\n"Shelling hit Idlib on Friday.",Idlib\n'.encode(),
        'text,title\n"Shelling hit Idlib on Friday.",Idlib\n'.encode("utf-16"),
        'text,title\n"Shelling hit Idlib on Friday.",Id\u00edb\n'.encode("cp1252"),
        'text,title\r\n"Shelling hit Idlib on Friday.",\u0625\u062f\u0644\u0628\r\n'.encode(),
    ],
)
def test_readers_csv_encodings_and_line_endings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "encoded.csv"
    path.write_bytes(data)
    (document,) = _items(path)
    assert isinstance(document, RawDocument) and document.text == "Shelling hit Idlib on Friday."
    assert document.title and document.title.startswith(("Id", "\u0625"))


# --- Hostile input: nothing is lost quietly (issue 24) --------------------------------------------------------------


def test_readers_csv_text_longer_than_the_csv_module_default_and_the_row_after(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long_text = (STORY + " ") * 2000  # about 200,000 characters: over the csv module's default of 131,072
    path.write_text(f'text,id\n"{long_text}",long\n"{OTHER}",after\n', encoding="utf-8")
    first, second = _items(path)
    assert isinstance(first, RawDocument) and first.id == "long" and first.text == long_text
    assert isinstance(second, RawDocument) and second.id == "after" and second.text == OTHER


def test_readers_csv_unreadable_row_does_not_end_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    from dateline.readers import formats

    monkeypatch.setattr(formats, "CSV_FIELD_LIMIT", 50)  # make the first row unreadable: its text is longer
    before = csv.field_size_limit(50)
    try:
        path = tmp_path / "rows.csv"
        path.write_text(f'text,id\n"{STORY}",a\n"{"x" * 10}",b\n', encoding="utf-8")
        first, second = _items(path)
    finally:
        csv.field_size_limit(before)
    assert isinstance(first, ItemError) and first.origin == f"{path}:2" and "unreadable CSV row" in first.message
    assert isinstance(second, RawDocument) and second.id == "b"


@pytest.mark.parametrize(
    ("field", "value", "kept", "kind"),
    [
        ("published", 20140611, "url", "number"),
        ("url", 5, "published", "number"),
        ("title", ["a"], "url", "array"),
        ("source", {"a": 1}, "url", "object"),
    ],
)
def test_readers_jsonl_mistyped_field_is_ignored_with_a_note(field: str, value: object, kept: str, kind: str) -> None:
    record = {"text": STORY, "url": "https://example.org/a", "published": "2014-06-11", field: value}
    item = parse_jsonl_record(json.dumps(record), "in.jsonl:3")
    assert isinstance(item, RawDocument) and item.text == STORY
    assert getattr(item, field) is None and getattr(item, kept) == record[kept]
    assert item.notes == (f"'{field}' must be a string, got {kind}; ignored",)


def test_readers_jsonl_mistyped_text_with_good_html_keeps_the_html() -> None:
    item = parse_jsonl_record(json.dumps({"text": 42, "html": f"<p>{STORY}</p>"}), "in.jsonl:1")
    assert isinstance(item, RawDocument) and item.html == f"<p>{STORY}</p>" and item.text is None
    assert item.notes == ("'text' must be a string, got number; ignored",)


def test_readers_warc_gz_record_larger_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    bomb = b"<html><body><p>" + b"a" * 3_000_000 + b"</p></body></html>"  # compresses to a few KB
    path = _warc(
        tmp_path / "bomb.warc.gz",
        [
            ("https://example.org/bomb", "text/html", bomb),
            ("https://example.org/ok", "text/html", f"<p>{STORY}</p>".encode()),
        ],
        gzipped=True,
    )
    assert path.stat().st_size < 100_000
    refused, document = read_paths([str(path)], max_chars=100_000)  # at most 1 MiB a record
    assert isinstance(refused, ItemError) and refused.error_type == "TooLarge" and refused.origin == f"{path}:2"
    assert isinstance(document, RawDocument) and document.url == "https://example.org/ok"


def test_readers_file_larger_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(STORY * 20_000, encoding="utf-8")  # ~2 MB
    (item,) = read_paths([str(path)], max_chars=100_000)
    assert isinstance(item, ItemError) and item.error_type == "TooLarge" and "bytes" in item.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_readers_utf16_without_bom_is_text(tmp_path: Path, codec: str) -> None:
    text = f"{STORY}\n\nCafé owners in Zürich said so."
    (tmp_path / "wide.txt").write_bytes(text.encode(codec))
    (tmp_path / "wide.jsonl").write_bytes((json.dumps({"text": text}, ensure_ascii=False) + "\n").encode(codec))
    plain, lines = read_paths([str(tmp_path / "wide.txt"), str(tmp_path / "wide.jsonl")])
    assert isinstance(plain, RawDocument) and plain.text == text
    assert isinstance(lines, RawDocument) and lines.text == text


def test_readers_same_file_by_two_paths_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    items = list(read_paths(["bad.txt", "./bad.txt", str(tmp_path / "bad.txt"), str(tmp_path), "good.txt"]))
    assert [item.origin for item in items] == ["bad.txt", str(tmp_path / "good.txt")]


def test_readers_warc_gz_in_a_directory_is_read(tmp_path: Path) -> None:
    _warc(
        tmp_path / "crawl.warc.gz", [("https://example.org/1", "text/html", f"<p>{STORY}</p>".encode())], gzipped=True
    )
    (document,) = read_paths([str(tmp_path)])
    assert isinstance(document, RawDocument) and document.url == "https://example.org/1"
