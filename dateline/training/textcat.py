"""Train the event classifier (dateline/events/classifier.py) from the labelled corpus: seeded and reproducible.

1. Parse every corpus sentence with the pipeline's own spaCy model (so the features are those the events stage
   will read) and turn each candidate trigger into its feature words (`events.candidate_features`).
2. Split by origin (a template and all its fillings go to the same side, so held-out figures are not flattered by
   near-copies): `HELD_OUT_SHARE` of the origins, chosen by a hash of origin and seed, are held out.
3. Train the three heads (eventness on every example; PLOVER type on events; ACLED sub-type on events, NONE where
   ACLED has no category) with spaCy's bag-of-features text classifier, `EPOCHS` passes in seeded order, and score
   the held-out part: those are the figures reported.
4. Train the same way on every example (a template held out above would otherwise be a word the shipped model never
   saw) and save that model with its label table and the training report.

Same corpus + seed + spaCy version -> the same weights, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example as SpacyExample
from thinc.api import Adam, fix_random_seed

from dateline import events
from dateline.records import PLOVER_TYPES
from dateline.training.corpus import Example

log = logging.getLogger(__name__)

EPOCHS = 12
BATCH_SIZE = 32
LEARN_RATE = 0.002
HELD_OUT_SHARE = 0.2
# Hash-table rows of each head's weights: a power of two; weights take rows x labels x 4 bytes.
REPORT_FILE = "training.json"
# The bundled model has only the event-ness head: type heads lost to the rules on the development data (docs/events.md).
DEFAULT_HEADS: tuple[str, ...] = ("eventness",)
TABLE_ROWS = {"eventness": 2**16, "plover": 2**15, "acled": 2**15}


@dataclass(frozen=True)
class Featurised:
    example: Example
    words: list[str]


@dataclass
class TrainReport:
    """What `dateline train events` prints: sizes, time and the held-out figures."""

    examples: int
    train_examples: int
    held_out_examples: int
    seed: int
    seconds_parse: float = 0.0
    seconds_train: float = 0.0
    model_bytes: int = 0
    scores: dict[str, float] = field(default_factory=dict)
    label_counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def as_text(self) -> str:
        figures = ", ".join(f"{name} {value:.3f}" for name, value in self.scores.items())
        return (
            f"{self.examples} examples ({self.train_examples} trained on, {self.held_out_examples} held out by "
            f"template), seed {self.seed}\n"
            f"parse {self.seconds_parse:.1f} s, training {self.seconds_train:.1f} s, "
            f"model {self.model_bytes / 1e6:.1f} MB\n"
            f"held out: {figures}"
        )


def head_labels(acled_types: Iterable[str], heads: Sequence[str] = DEFAULT_HEADS) -> dict[str, tuple[str, ...]]:
    """The labels of each head to train (without the head-name prefix the model gives them)."""
    unknown = [head for head in heads if head not in events.CLASSIFIER_HEADS]
    if unknown or "eventness" not in heads:
        raise ValueError(f"heads must include eventness and be among {', '.join(events.CLASSIFIER_HEADS)}")
    every = {
        "eventness": (events.EVENT, events.NOT_EVENT),
        "plover": PLOVER_TYPES,
        "acled": (*sorted(acled_types), events.NO_ACLED),
    }
    return {head: every[head] for head in events.CLASSIFIER_HEADS if head in heads}


def _head_cats(head: str, example: Example, labels: Sequence[str]) -> dict[str, float] | None:
    """The one-hot label of an example for one head, or None when the head does not learn from it."""
    if head == "eventness":
        truth = events.EVENT if example.event else events.NOT_EVENT
    elif not example.event:
        return None
    elif head == "plover":
        truth = example.plover or ""
    else:
        truth = example.acled or events.NO_ACLED
    return {f"{head}:{label}": float(label == truth) for label in labels}


def featurise(examples: Sequence[Example], nlp: Language, batch_size: int = 64) -> list[Featurised]:
    """Parse each sentence once and read the features of its trigger (the root of the marked span)."""
    texts = sorted({example.text for example in examples})
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True))
    found: list[Featurised] = []
    for example in examples:
        doc = docs[example.text]
        span = doc.char_span(*example.trigger, alignment_mode="expand")
        if span is None or len(span) == 0:
            raise ValueError(f"{example.origin}: the trigger {example.trigger_text!r} is not on token boundaries")
        trigger = span.root
        found.append(Featurised(example, events.candidate_features(trigger.sent, trigger)))
    return found


def held_out(origin: str, seed: int) -> bool:
    """Whether an origin (a template or a hand-written sentence) is in the held-out part."""
    digest = int(hashlib.sha1(f"{seed}:{origin}".encode()).hexdigest(), 16)
    return digest % 1000 < HELD_OUT_SHARE * 1000


def _blank_model(labels_by_head: dict[str, tuple[str, ...]]) -> Language:
    nlp = spacy.blank("en")
    for head, labels in labels_by_head.items():
        model = {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 1,
            "no_output_layer": False,
            "length": TABLE_ROWS[head],
        }
        pipe = nlp.add_pipe("textcat", name=head, config={"model": model, "threshold": 0.0})
        for label in labels:
            pipe.add_label(f"{head}:{label}")  # type: ignore[attr-defined]
    return nlp


def _spacy_examples(nlp: Language, items: Sequence[Featurised], head: str, labels: Sequence[str]) -> list[SpacyExample]:
    found = []
    for item in items:
        cats = _head_cats(head, item.example, labels)
        if cats is None:
            continue
        doc = Doc(nlp.vocab, words=item.words)
        reference = doc.copy()
        reference.cats = cats
        found.append(SpacyExample(doc, reference))
    return found


def train_heads(
    nlp: Language,
    train: Sequence[Featurised],
    labels_by_head: dict[str, tuple[str, ...]],
    *,
    seed: int,
    epochs: int = EPOCHS,
) -> None:
    """Train each head on the examples it learns from, in a seeded order."""
    fix_random_seed(seed)
    optimizer = Adam(LEARN_RATE)
    for head, labels in labels_by_head.items():
        pipe = nlp.get_pipe(head)
        data = _spacy_examples(nlp, train, head, labels)
        pipe.initialize(lambda data=data: data, nlp=nlp)  # type: ignore[attr-defined]
        order = random.Random(seed)
        for epoch in range(epochs):
            order.shuffle(data)
            losses: dict[str, float] = {}
            for start in range(0, len(data), BATCH_SIZE):
                pipe.update(data[start : start + BATCH_SIZE], sgd=optimizer, losses=losses)  # type: ignore[attr-defined]
            log.info("%s epoch %d loss %.3f", head, epoch + 1, losses.get(head, 0.0))


def evaluate(classifier: events.EventClassifier, items: Sequence[Featurised]) -> dict[str, float]:
    """Held-out figures: event-ness accuracy, precision and recall of EVENT; PLOVER and ACLED accuracy on events
    when the model has those heads."""
    docs = [Doc(classifier.nlp.vocab, words=item.words) for item in items]
    scores = [events.read_scores(doc) for doc in classifier.nlp.pipe(docs)]
    pairs = list(zip(items, scores, strict=True))
    said = [(item.example.event, score.event >= 0.5) for item, score in pairs]
    true_positive = sum(1 for gold, guess in said if gold and guess)
    on_events = [(item.example, score) for item, score in pairs if item.example.event]
    figures = {
        "eventness_accuracy": _share(gold == guess for gold, guess in said),
        "event_precision": round(true_positive / max(1, sum(1 for _, guess in said if guess)), 4),
        "event_recall": round(true_positive / max(1, sum(1 for gold, _ in said if gold)), 4),
    }
    if "plover" in classifier.nlp.pipe_names:
        figures["plover_accuracy"] = _share(example.plover == score.plover for example, score in on_events)
    if "acled" in classifier.nlp.pipe_names:
        figures["acled_accuracy"] = _share(example.acled == score.acled for example, score in on_events)
    return figures


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / max(1, len(values)), 4)


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def train_event_classifier(
    examples: Sequence[Example],
    out: Path,
    *,
    nlp: Language,
    acled_types: Iterable[str],
    seed: int = 0,
    epochs: int = EPOCHS,
    heads: Sequence[str] = DEFAULT_HEADS,
    progress: Callable[[str], Any] | None = None,
) -> TrainReport:
    """Featurise, split, train, score and save (module docstring); return the report also saved in `out`."""
    say = progress or log.info
    started = time.perf_counter()
    items = featurise(examples, nlp)
    parsed = time.perf_counter()
    say(f"parsed {len(examples)} examples in {parsed - started:.1f} s")
    train = [item for item in items if not held_out(item.example.origin, seed)]
    test = [item for item in items if held_out(item.example.origin, seed)]
    labels_by_head = head_labels(acled_types, heads)
    split_model = _blank_model(labels_by_head)
    train_heads(split_model, train, labels_by_head, seed=seed, epochs=epochs)
    held_out_scores = evaluate(events.EventClassifier(nlp=split_model, path=out), test)
    say(f"held-out figures (model trained on {len(train)} examples): {held_out_scores}")
    model = _blank_model(labels_by_head)  # the shipped model learns from every example
    train_heads(model, items, labels_by_head, seed=seed, epochs=epochs)
    trained = time.perf_counter()
    say(f"trained on {len(train)} examples, then on all {len(items)}, in {trained - parsed:.1f} s")
    out.mkdir(parents=True, exist_ok=True)
    model.to_disk(out)
    report = TrainReport(
        examples=len(items),
        train_examples=len(train),
        held_out_examples=len(test),
        seed=seed,
        seconds_parse=round(parsed - started, 1),
        seconds_train=round(trained - parsed, 1),
        scores=held_out_scores,
        label_counts=dict(Counter("event" if item.example.event else "not_event" for item in items)),
    )
    report.model_bytes = _folder_bytes(out)
    (out / REPORT_FILE).write_text(json.dumps(report.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return report
