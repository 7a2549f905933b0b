"""A deterministic benchmark corpus: varied copies of the bundled demo articles, about 700 words each.

Reads: the demo corpus (dateline/demo/articles) and knowledge/bench_places.tsv. Writes: RawDocuments.
Each article draws paragraphs from the whole demo corpus (random.Random(seed)), then swaps its numbers, years and
the place names of the list for others, so that no two articles are the same text and the parser sees new strings.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

from dateline import clean
from dateline.knowledge.loader import knowledge_path
from dateline.readers import read_paths
from dateline.records import RawDocument
from dateline.settings import Settings

DEMO_CORPUS = Path(__file__).parent.parent / "demo" / "articles"
PLACES_FILE = knowledge_path("bench_places.tsv")
TARGET_WORDS = 700
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b")
YEAR = re.compile(r"\b20[0-2]\d\b")


@cache
def load_swap_places() -> tuple[str, ...]:
    """The place names the generator swaps (knowledge/bench_places.tsv)."""
    names: list[str] = []
    header_seen = False
    for number, line in enumerate(PLACES_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            if line.strip() != "name":
                raise ValueError(f"{PLACES_FILE}:{number}: expected the header 'name', found {line!r}")
            header_seen = True
            continue
        if "\t" in line or line != line.strip():
            raise ValueError(f"{PLACES_FILE}:{number}: one place name per line, no tabs or edge spaces: {line!r}")
        names.append(line)
    if not names:
        raise ValueError(f"{PLACES_FILE}: no place names")
    return tuple(names)


@cache
def demo_paragraphs() -> tuple[str, ...]:
    """The paragraphs of the cleaned demo articles (the material every benchmark article is made of)."""
    paragraphs: list[str] = []
    knowledge = clean.load_clean_knowledge()
    for item in read_paths([str(DEMO_CORPUS)]):
        if isinstance(item, RawDocument):
            text = clean.clean_with_notes(item, max_chars=Settings().max_chars, knowledge=knowledge).article.text
            paragraphs.extend(part.strip() for part in text.split("\n\n") if len(part.split()) >= 8)
    if not paragraphs:
        raise ValueError(f"no paragraphs in the demo corpus at {DEMO_CORPUS}")
    return tuple(paragraphs)


@cache
def _place_pattern(places: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in places) + r")\b")


def _vary(paragraph: str, rng: random.Random, places: tuple[str, ...]) -> str:
    """The paragraph with other numbers, years and places (same shapes, so the stages still find them)."""
    text = YEAR.sub(lambda _m: str(rng.randint(2012, 2024)), paragraph)
    text = NUMBER.sub(lambda m: f"{rng.randint(2, 10 ** min(len(m.group().replace(',', '')), 5) - 1):,}", text)
    return _place_pattern(places).sub(lambda _m: rng.choice(places), text)


def build_corpus(count: int, seed: int = 42, words: int = TARGET_WORDS) -> list[RawDocument]:
    """`count` articles of about `words` words each; the same arguments always give the same corpus."""
    rng = random.Random(seed)
    paragraphs = demo_paragraphs()
    places = load_swap_places()
    corpus: list[RawDocument] = []
    for index in range(count):
        chosen: list[str] = []
        total = 0
        while total < words:
            paragraph = _vary(rng.choice(paragraphs), rng, places)
            chosen.append(paragraph)
            total += len(paragraph.split())
        published = f"{rng.randint(2014, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        corpus.append(
            RawDocument(
                origin=f"bench:{index}",
                text="\n\n".join(chosen),
                id=f"bench-{seed}-{index:06d}",
                title=f"Benchmark article {index}",
                published=published,
                source="dateline bench",
            )
        )
    return corpus
