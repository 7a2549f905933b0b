"""Cleaning on the five real seed articles (read from ../shared/seeds at test time; skipped when absent).

For each seed we record, by raw line number, which lines are metadata (headline, date stamp, the standfirst between
headline and dateline) and which are boilerplate (sign-ups, captions, credits, attribution, link titles, and
everything from an appeal to the end). Every other non-empty line is story: each of its sentences must be in
article.text, and no sentence of a metadata or boilerplate line may be in what remains of article.text once the
story lines are taken out (a standfirst may repeat words of the story). No seed text is copied here; lines are read
from the seed files.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from dateline.clean import clean_with_notes, load_clean_knowledge
from dateline.records import Article, RawDocument

SENTENCE_END = re.compile(r"(?<=[a-z0-9][.!?])[\"”’]?\s+(?=[\"“A-Z])")
TO_END = 10_000


@dataclass(frozen=True)
class SeedExpectation:
    title_line: int | None
    published: str | None
    dateline: str | None
    metadata: frozenset[int] = frozenset()
    boilerplate: frozenset[int] = frozenset()
    tail_from: int = TO_END  # an appeal starts here: this line and all after it are boilerplate


SEEDS: dict[str, SeedExpectation] = {
    # headline; standfirst before the dateline; a "Related:" link line; a newsletter teaser and sign-up at the end
    "000": SeedExpectation(1, None, "WASHINGTON", metadata=frozenset({3}), boilerplate=frozenset({23, 57, 59})),
    # date stamp then headline; a photo caption ending in an agency credit; a trailing link title
    "001": SeedExpectation(3, "2015-05-19", None, metadata=frozenset({1}), boilerplate=frozenset({20, 36})),
    # headline; credit line + caption; "contributed to this report"; paywall line, then a donation letter to the end
    "002": SeedExpectation(1, None, None, boilerplate=frozenset({5, 6, 55}), tail_from=57),
    # headline; "Last updated on:" stamp; standfirst before the dateline; numbered section heads are kept as story
    "003": SeedExpectation(1, "2020-12-03", "MOSUL", metadata=frozenset({2, 3})),
    # clean: no headline line, nothing to drop
    "004": SeedExpectation(None, None, None),
}


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _sentences(line: str) -> list[str]:
    return [part for part in SENTENCE_END.split(_tidy(line)) if part]


def _seed_path(seeds_dir: Path, key: str) -> Path:
    [path] = sorted(seeds_dir.glob(f"{key}_*.txt"))
    return path


def _clean_seed(path: Path) -> Article:
    raw = RawDocument(origin=str(path), text=path.read_text(encoding="utf-8"))
    return clean_with_notes(raw, max_chars=2_000_000, knowledge=load_clean_knowledge()).article


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seeds_clean_keeps_every_story_sentence_and_no_boilerplate(seeds_dir: Path, key: str) -> None:
    expected = SEEDS[key]
    path = _seed_path(seeds_dir, key)
    text = _tidy(_clean_seed(path).text)
    story: list[str] = []
    dropped: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        removed = number in expected.boilerplate or number in expected.metadata or number >= expected.tail_from
        if removed or number == expected.title_line:
            dropped.append((number, line))
        else:
            story.append(line)
            for sentence in _sentences(line):
                assert sentence in text, f"{path.name}:{number}: lost {sentence!r}"
    remainder = text
    for line in story:
        remainder = remainder.replace(_tidy(line), " ")
    for number, line in dropped:
        for sentence in _sentences(line):
            assert sentence not in remainder, f"{path.name}:{number}: kept {sentence!r}"


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seeds_clean_metadata(seeds_dir: Path, key: str) -> None:
    expected = SEEDS[key]
    path = _seed_path(seeds_dir, key)
    article = _clean_seed(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    title = _tidy(lines[expected.title_line - 1]) if expected.title_line else None
    assert (article.title, article.published, article.dateline) == (title, expected.published, expected.dateline)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seeds_clean_same_story_from_html_and_crlf(seeds_dir: Path, key: str) -> None:
    """The seed saved as a web page (one <p> per line, headline in <title>) or with CRLF line ends cleans the same."""
    path = _seed_path(seeds_dir, key)
    plain = _clean_seed(path)
    raw_text = path.read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in raw_text.splitlines() if line.strip())
    title = f"<title>{html.escape(plain.title)} | Example News</title>" if plain.title else ""
    page = f"<html><head>{title}</head><body><article>{paragraphs}</article></body></html>"
    from_html = clean_with_notes(
        RawDocument(origin="page.html", html=page), max_chars=2_000_000, knowledge=load_clean_knowledge()
    ).article
    from_crlf = clean_with_notes(
        RawDocument(origin="crlf.txt", text=raw_text.replace("\n", "\r\n")),
        max_chars=2_000_000,
        knowledge=load_clean_knowledge(),
    )
    assert from_html.text == plain.text == from_crlf.article.text
    assert (from_html.published, from_html.dateline) == (plain.published, plain.dateline)


def test_seeds_clean_text_shape(seeds_dir: Path) -> None:
    for key in SEEDS:
        text = _clean_seed(_seed_path(seeds_dir, key)).text
        assert "\n\n\n" not in text and text == text.strip()
        assert all(paragraph == paragraph.strip() and "\n" not in paragraph for paragraph in text.split("\n\n"))


def test_seeds_clean_is_cheap(seeds_dir: Path) -> None:
    paths = [_seed_path(seeds_dir, key) for key in SEEDS]
    started = time.process_time()
    for path in paths:
        _clean_seed(path)
    per_article = (time.process_time() - started) / len(paths)
    # spaCy parses a 1,000-word seed in ~140 ms; cleaning must be a small fraction of that.
    assert per_article < 0.05
