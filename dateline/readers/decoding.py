"""Bytes to text: a byte-order mark (UTF-8, UTF-16, UTF-32) → UTF-16 without a mark (recognised by its zero bytes) →
UTF-8 → a legacy single-byte encoding (Windows-1252, else Latin-1) when no UTF-8 sequence occurs in the bytes; binary
files and bytes that are partly UTF-8 and partly not are refused with DecodeError.
"""

from __future__ import annotations

import codecs
import re

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP or Office document"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
)
SNIFF_BYTES = 8192
# Text has few control bytes; above this share of the first 8 KiB a file is binary. Set by hand (text files: 0%).
MAX_CONTROL_SHARE = 0.05
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# UTF-16 without a byte-order mark: text in a Latin script has a zero byte in most characters, always on the same
# side (odd offsets little-endian, even big-endian), and almost none on the other. Set by hand (English text: ~100%).
UTF16_ZERO_SHARE = 0.4
UTF16_OTHER_SIDE_SHARE = 0.02
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class DecodeError(ValueError):
    """Bytes that are not readable text; the message says why in one line."""


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the bytes look like UTF-16 text without a byte-order mark, else None."""
    head = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0) / pairs, head[1::2].count(0) / pairs
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= UTF16_ZERO_SHARE and other <= UTF16_OTHER_SIDE_SHARE:
            text = head.decode(codec, errors="replace")
            controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
            return codec if controls <= MAX_CONTROL_SHARE * len(text) else None
    return None


def binary_kind(data: bytes) -> str | None:
    """What binary format the bytes are, or None when they look like text (UTF-16/32 with a byte-order mark, or
    UTF-16 without one, is text)."""
    if data.startswith(tuple(bom for bom, _ in BOMS)) or utf16_without_bom(data) is not None:
        return None
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "contains NUL bytes"
    if head and len(CONTROL_BYTES.findall(head)) / len(head) > MAX_CONTROL_SHARE:
        return "mostly control bytes"
    return None


def decode_bytes(data: bytes) -> str:
    """Bytes → text by BOM, UTF-8, or a legacy single-byte encoding; raises DecodeError for binary or mixed bytes."""
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind}), not text")
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                message = f"invalid {codec.upper()} at byte {error.start} despite its byte-order mark"
                raise DecodeError(message) from error
    wide = utf16_without_bom(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as error:
            raise DecodeError(f"invalid {wide.upper()} at byte {error.start}") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if UTF8_SEQUENCE.search(data):
            raise DecodeError(
                f"invalid UTF-8 at byte {error.start} (the file mixes encodings or is damaged)"
            ) from error
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
