"""Training dateline's models from corpora the project writes itself (`dateline train`).

- corpus.py: the labelled event corpus, expanded from templates and hand-written sentences
  (dateline/knowledge/training/) into JSON Lines.
- textcat.py: the event classifier (dateline/events/classifier.py), trained from that corpus, seeded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.settings import Settings
from dateline.training.corpus import (
    CORPUS_FILE,
    Example,
    acled_sub_event_types,
    build_corpus,
    read_corpus,
    write_corpus,
)
from dateline.training.textcat import DEFAULT_HEADS, TrainReport, train_event_classifier

__all__ = [
    "CORPUS_FILE",
    "CorpusWritten",
    "Example",
    "TrainReport",
    "build_corpus",
    "expand_event_corpus",
    "read_corpus",
    "train_event_classifier",
    "train_events",
    "write_corpus",
]


@dataclass(frozen=True)
class CorpusWritten:
    path: Path
    examples: int
    events: int
    not_events: int


def expand_event_corpus(out: Path | None = None, *, seed: int = 0) -> CorpusWritten:
    """Expand the templates and hand-written sentences into the corpus file (default: the bundled one)."""
    examples = build_corpus(seed=seed)
    path = out or CORPUS_FILE
    write_corpus(examples, path)
    events = sum(1 for example in examples if example.event)
    return CorpusWritten(path, len(examples), events, len(examples) - events)


def train_events(
    settings: Settings,
    *,
    corpus: Path | None = None,
    out: Path | None = None,
    seed: int = 0,
    heads: Sequence[str] = DEFAULT_HEADS,
    progress: Callable[[str], Any] | None = None,
) -> TrainReport:
    """Train the event classifier from a corpus file into a model folder (defaults: the bundled ones), parsing the
    corpus with the pipeline's own spaCy model."""
    from dateline import events, pipeline

    resources = pipeline.load_resources(replace(settings, event_model="none"))  # no model is needed to train one
    return train_event_classifier(
        read_corpus(corpus or CORPUS_FILE),
        out or events.EVENT_MODEL_DIR,
        nlp=resources.nlp,
        acled_types=acled_sub_event_types(),
        seed=seed,
        heads=heads,
        progress=progress,
    )
