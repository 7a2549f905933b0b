"""Reading inputs: articles from files, directories and stdin as RawDocuments (the ingest stage).

Reads: paths. Writes: RawDocument, or ItemError for an input that cannot be read (the batch goes on).
Supported: .txt, .html/.htm, .jsonl (one article per line; the field names of common scrapers are mapped, see
JSONL_FIELDS), .csv (one article per row, text in the column named by the `text_column` argument, default "text"),
.warc and .warc.gz (HTML responses), .rss/.atom/.xml feed files (one article per entry), directories (recursively,
sorted, hidden entries skipped) and "-" (JSON Lines on stdin). An explicitly named file with another suffix is read
as text (or as HTML when it is). Errors name the item in `origin` ("path" or "path:line", "path:entry" for feeds
and WARC records); their message does not repeat it.

- `paths`: read_paths, read_file, read_directory, read_stdin (by suffix; what can be read).
- `decoding`: decode_bytes (a byte-order mark → UTF-8 → a legacy single-byte encoding; binary refused).
- `jsonl`: JSON Lines records and the scraper field names they may use.
- `formats`: the container formats: CSV tables, WARC web archives, RSS/Atom feeds.
"""

from dateline.readers.decoding import DecodeError, decode_bytes
from dateline.readers.formats import DEFAULT_TEXT_COLUMN, FORMAT_SUFFIXES, item_byte_limit
from dateline.readers.jsonl import JSONL_FIELDS, parse_jsonl_record, read_jsonl_lines
from dateline.readers.paths import READABLE_SUFFIXES, STDIN_ORIGIN, read_directory, read_file, read_paths, read_stdin

__all__ = [
    "DEFAULT_TEXT_COLUMN",
    "FORMAT_SUFFIXES",
    "JSONL_FIELDS",
    "READABLE_SUFFIXES",
    "STDIN_ORIGIN",
    "DecodeError",
    "decode_bytes",
    "item_byte_limit",
    "parse_jsonl_record",
    "read_directory",
    "read_file",
    "read_jsonl_lines",
    "read_paths",
    "read_stdin",
]
