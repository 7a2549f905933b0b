"""CoNLL-2003 English NER: a floor check on entity recognition, with and without dateline's entity ruler.

Gold: the splits the folder holds, as the data set is published: `train.txt`, `valid.txt`, `test.txt` (or the
original `eng.train`, `eng.testa`, `eng.testb`); every one present is scored unless --split names one (train, valid,
test). IOB1 or IOB2 tags, one `token POS chunk NER` line per token, a blank line between sentences, `-DOCSTART-`
lines skipped. The sentences have no ids, so there are no tune/check halves (--part). Each sentence's text is
rebuilt by joining its tokens with single spaces, so every gold entity is a character span; spaCy parses that
text and its entities are mapped to CoNLL types (GPE/LOC/FAC → LOC, ORG → ORG, PERSON → PER,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE → MISC; dates, numbers and money are dropped).
Scores are entity-level exact match (same characters, same type), overall and per type, as conlleval computes them.
Three configurations: the bare model, the model with the actor ruler, and the pipeline as dateline runs it (actor
and place patterns). Never tune on the test split.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.scoring import PRF, format_table, prf_from_counts
from dateline.settings import Settings

log = logging.getLogger(__name__)

TYPES = ("LOC", "ORG", "PER", "MISC")
LABEL_MAP: dict[str, str] = {
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "PERSON": "PER",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
CONFIGURATIONS = ("model", "model+actor_ruler", "dateline")
# Split name -> its file names, as the data set's copies name them (first found wins).
SPLIT_FILES = {
    "train": ("train.txt", "eng.train"),
    "valid": ("valid.txt", "eng.testa"),
    "test": ("test.txt", "eng.testb"),
}
HEADLINE: dict[str, Direction] = {
    "dateline.overall.f1": "higher",
    "model+actor_ruler.overall.f1": "higher",
}
# Sentences per spaCy batch: CoNLL sentences are short, so bigger batches than for articles are cheap.
BATCH_SIZE = 256

TypedSpan = tuple[int, int, str]  # start, end, CoNLL type


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    entities: tuple[TypedSpan, ...]


def _entities_from_tags(tokens: Sequence[str], tags: Sequence[str]) -> list[TypedSpan]:
    """IOB2 tags over space-joined tokens → character spans; an I- tag after a different type starts a new entity."""
    spans: list[TypedSpan] = []
    offset = 0
    current: list[Any] | None = None
    for token, tag in zip(tokens, tags, strict=True):
        start, end = offset, offset + len(token)
        offset = end + 1
        kind = tag[2:] if tag != "O" else None
        if kind is not None and (tag.startswith("I-") and current is not None and current[2] == kind):
            current[1] = end
            continue
        if current is not None:
            spans.append((current[0], current[1], current[2]))
            current = None
        if kind is not None:
            current = [start, end, kind]
    if current is not None:
        spans.append((current[0], current[1], current[2]))
    return spans


def read_conll(path: Path, limit: int | None = None) -> list[Sentence]:
    """Read a CoNLL-2003 file into sentences with gold entity spans; raises ValueError naming file:line."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append(Sentence(" ".join(tokens), tuple(_entities_from_tags(tokens, tags))))
            tokens.clear()
            tags.clear()

    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(sentences) >= limit:
                break
            cells = line.split()
            if not cells or cells[0] == "-DOCSTART-":
                flush()
                continue
            if len(cells) != 4 or not (cells[3] == "O" or cells[3][:2] in {"B-", "I-"}):
                raise ValueError(f"{path}:{number}: expected `token POS chunk NER`, got {line.rstrip()!r}")
            tokens.append(cells[0])
            tags.append(cells[3])
    flush()
    return sentences[:limit] if limit is not None else sentences


def predict(nlp: Language, texts: Iterable[str]) -> list[list[TypedSpan]]:
    """spaCy entities of each text, mapped to CoNLL types (unmapped labels dropped)."""
    keep = [name for name in nlp.pipe_names if name in {"tok2vec", "entity_ruler", "ner"}]
    disabled = [name for name in nlp.pipe_names if name not in keep]
    found: list[list[TypedSpan]] = []
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            found.append(
                [(ent.start_char, ent.end_char, LABEL_MAP[ent.label_]) for ent in doc.ents if ent.label_ in LABEL_MAP]
            )
    return found


def score(gold: Sequence[Sequence[TypedSpan]], predicted: Sequence[Sequence[TypedSpan]]) -> dict[str, PRF]:
    """Exact-match entity P/R/F1 overall and per type."""
    counts: dict[str, PRF] = {}
    for kind in (*TYPES, "overall"):
        correct = predicted_count = gold_count = 0
        for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
            wanted = {span for span in gold_spans if kind in {"overall", span[2]}}
            found = {span for span in predicted_spans if kind in {"overall", span[2]}}
            correct += len(wanted & found)
            predicted_count += len(found)
            gold_count += len(wanted)
        counts[kind] = prf_from_counts(correct, predicted_count, gold_count)
    return counts


def _pipelines(settings: Settings) -> dict[str, Language]:
    from dateline import actors, nlp, pipeline

    resources = pipeline.load_resources(settings)
    return {
        "model": nlp.load_nlp(settings.spacy_model, []),
        "model+actor_ruler": nlp.load_nlp(settings.spacy_model, actors.entity_patterns(resources.actors)),
        "dateline": resources.nlp,
    }


def split_files(path: Path, selection: Selection) -> tuple[dict[str, Path], list[str]]:
    """The file of each selected split present in `path`."""
    present = {
        split: next(path / name for name in names if (path / name).is_file())
        for split, names in SPLIT_FILES.items()
        if any((path / name).is_file() for name in names)
    }
    splits = selection.splits(list(present), path, "train.txt, valid.txt or test.txt (or eng.train/testa/testb)")
    return {split: present[split] for split in splits}, splits


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score recognition on the selected splits (every one present by default) for the three configurations."""
    selection.without_ids("conll2003")
    files, splits = split_files(path, selection)
    sentences = [sentence for file in files.values() for sentence in read_conll(file)][: selection.limit]
    if not sentences:
        raise NoGoldDataError(f"{path}: nothing to score: no sentences in {', '.join(splits)}")
    gold = [sentence.entities for sentence in sentences]
    texts = [sentence.text for sentence in sentences]
    scores: dict[str, Any] = {"splits": splits, "sentences": len(sentences), "gold_entities": sum(map(len, gold))}
    rows: list[list[object]] = []
    for name, language in _pipelines(settings).items():
        started = time.perf_counter()
        results = score(gold, predict(language, texts))
        log.info("conll2003 %s scored in %.1fs", name, time.perf_counter() - started)
        scores[name] = {kind: prf.to_json() for kind, prf in results.items()}
        rows += [
            [name, kind, prf.precision, prf.recall, prf.f1, prf.tp, prf.fp, prf.fn] for kind, prf in results.items()
        ]
    title = f"CoNLL-2003 {', '.join(splits)} (exact match)"
    table = format_table(["configuration", "type", "P", "R", "F1", "tp", "fp", "fn"], rows, title=title)
    notes = [
        selection.describe(splits),
        "OntoNotes labels mapped to CoNLL types; expect ~10 F1 lost to the label-scheme mismatch (MISC especially).",
        "The corpus is 1996 Reuters news, sport-heavy and partly upper-case: a floor check, not a conflict-news score.",
    ]
    return SuiteResult(suite="conll2003", scores=scores, table=table, notes=notes, headline=HEADLINE)
