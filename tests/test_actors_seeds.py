"""Seeds check for dateline.actors: on ../shared/seeds every name of one actor resolves to that actor's id.

Reads the seed articles at test time through the `seeds_dir` fixture (skipped when ../shared is absent); nothing
from them is copied here. Each pattern below finds every occurrence of an actor's names in the cleaned text; each
occurrence must lie inside a mention of the expected actor.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline import clean, readers
from dateline.actors import find_actors
from dateline.records import Actor, Article

# Names as they occur in reporting; "anti-IS coalition" names the coalition, not the group.
NAMES: dict[str, str] = {
    "islamic-state": r"(?<!anti-)\b(?:Islamic State|ISIS|ISIL|IS|Daesh)\b",
    "haider-al-abadi": r"\b(?:Haider al-Abadi|[Aa]l-Abadi|Abadi)\b",
    "ash-carter": r"\b(?:Ashton Carter|Ash Carter|Carter)\b",
    "qassem-soleimani": r"\b(?:Qass[ei]m Sol[ea]imani|Soleimani)\b",
    "kataib-hezbollah": r"\bKataib Hezbollah\b",
}
AGENCIES = r"\b(?:Reuters|AP|Associated Press)\b"


def _seed_articles(seeds_dir: Path) -> list[Article]:
    articles: list[Article] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        for raw in readers.read_file(path):
            assert not isinstance(raw, Exception)
            articles.append(clean.clean_document(raw, max_chars=2_000_000, knowledge=clean.load_clean_knowledge()))  # type: ignore[arg-type]
    return articles


@pytest.fixture(scope="module")
def seed_actors(seeds_dir: Path, resources) -> list[tuple[Article, list[Actor]]]:  # type: ignore[no-untyped-def]
    found = []
    for article in _seed_articles(seeds_dir):
        found.append((article, find_actors(article, resources.nlp(article.text), knowledge=resources.actors)))
    return found


def _actors_covering(actors: list[Actor], start: int, end: int) -> set[str]:
    return {a.id for a in actors for m in a.mentions if m.start <= start and end <= m.end}


@pytest.mark.parametrize("actor_id", sorted(NAMES))
def test_actors_seeds_every_name_resolves_to_one_id(seed_actors, actor_id: str) -> None:  # type: ignore[no-untyped-def]
    occurrences = 0
    wrong: list[str] = []
    for article, actors in seed_actors:
        for match in re.finditer(NAMES[actor_id], article.text):
            occurrences += 1
            covering = _actors_covering(actors, match.start(), match.end())
            if covering != {actor_id}:
                wrong.append(f"{article.id}:{match.start()} {match.group()!r} -> {sorted(covering)}")
    assert occurrences > 0
    assert wrong == []


def test_actors_seeds_news_agencies_are_only_media(seed_actors) -> None:  # type: ignore[no-untyped-def]
    occurrences = 0
    for article, actors in seed_actors:
        for match in re.finditer(AGENCIES, article.text):
            occurrences += 1
            for actor in actors:
                if any(m.start < match.end() and match.start() < m.end for m in actor.mentions):
                    assert actor.sector == "MED", f"{match.group()!r} in {article.id} resolved to {actor.id}"
    assert occurrences > 0
