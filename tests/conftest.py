"""Shared fixtures: the loaded pipeline (once per test session) and the path to ../shared when it exists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.records import Article, Place
from dateline.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL_DATA = SHARED / "eval"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def resources(settings: Settings):  # type: ignore[no-untyped-def]
    """The spaCy pipeline and knowledge bases, loaded once for the whole test session."""
    from dateline.pipeline import load_resources

    return load_resources(settings)


@pytest.fixture(scope="session")
def parse(resources) -> Callable[..., tuple[Article, Doc]]:  # type: ignore[no-untyped-def]
    """parse(text, published=None) → (Article, Doc) for stage tests on small hand-written texts."""

    def _parse(text: str, published: str | None = None) -> tuple[Article, Doc]:
        article = Article(id="test", text=text, published=published)
        return article, resources.nlp(text)

    return _parse


@pytest.fixture(scope="session")
def places_of(parse, resources) -> Callable[[str], list[Place]]:  # type: ignore[no-untyped-def]
    """places_of(text) → the places stage's output on a small hand-written text."""
    from dateline.places import find_places

    def _places_of(text: str) -> list[Place]:
        article, doc = parse(text)
        return find_places(article, doc, knowledge=resources.places)

    return _places_of


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL_DATA.is_dir():
        pytest.skip("../shared/eval is not present")
    return EVAL_DATA
