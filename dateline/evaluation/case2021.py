"""CASE 2021 task 2: the ACLED sub-event type of short news snippets, predicted from dateline's extracted events.

Gold: TSV files with the columns id, EventSnippet, SubType, one label code per snippet: `snippets.tsv` (the dev
sample) or the task's own files (`test_set_final_release_with_labels.tsv`); each file is a split, named by its stem,
and every one present is scored unless --split names one. dateline has no classifier: each snippet goes through the
real extractor and `predict_label` reads the label off the record it prints (its main event first).
Scores: accuracy, macro F1 and support-weighted F1 for (1) the 25 ACLED labels (subtask 1: snippets with the 5
non-ACLED labels are dropped), (2) all 30 labels, (3) the 6 ACLED event types the 25 labels collapse to.
"""

from __future__ import annotations

import csv
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, PARTS, NoGoldDataError, Selection, halves
from dateline.evaluation.scoring import LabelScores, format_table, label_scores
from dateline.records import PLOVER_TYPES, Extraction, RawDocument
from dateline.settings import Settings

log = logging.getLogger(__name__)

LABELS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "case2021_labels.tsv"
HEADER = ["id", "EventSnippet", "SubType"]
# What a snippet gets when no usable event was extracted: ACLED's catch-all strategic development "Other", the label
# that claims the least about what happened (and the rarest gold label, so the fallback cannot inflate scores).
FALLBACK_LABEL = "OTHER"
# Best published weighted F1 (Haneczok et al. 2021) on the full test set, for the table notes.
PUBLISHED_WEIGHTED_F1 = {"acled25": 0.839, "all30": 0.771}

HEADLINE: dict[str, Direction] = {
    "acled25.weighted_f1": "higher",
    "acled25.macro_f1": "higher",
    "all30.weighted_f1": "higher",
    "event_type6.weighted_f1": "higher",
}


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str
    fallback: bool = False  # True when no event gave a label and FALLBACK_LABEL stood in
    errors: tuple[str, ...] = ()  # "stage: error type" for each stage that failed on the snippet


Predictor = Callable[[Sequence[str]], list[Prediction]]


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    label: str


@dataclass(frozen=True)
class CaseLabels:
    """The task's label codes: which are ACLED types, and their ACLED names."""

    label_by_sub_event: dict[str, str]  # normalised ACLED sub-event type → label code
    event_type_by_label: dict[str, str]  # label code → ACLED event type (ACLED labels only)
    all_labels: tuple[str, ...]
    label_by_plover: dict[str, str] = field(default_factory=dict)  # PLOVER type → label, for events without ACLED

    @property
    def acled_labels(self) -> tuple[str, ...]:
        return tuple(label for label in self.all_labels if label in self.event_type_by_label)


def _normalise(name: str) -> str:
    return " ".join(name.casefold().split())


def _plover_types(path: Path, number: int, cell: str) -> list[str]:
    types = cell.split()
    unknown = sorted(set(types) - set(PLOVER_TYPES))
    if unknown:
        raise ValueError(f"{path}:{number}: not PLOVER types: {', '.join(unknown)}")
    return types


@cache
def load_case_labels(path: Path = LABELS_FILE) -> CaseLabels:
    """Read the label table (label, ACLED event type, ACLED sub-event type, PLOVER types); raise with file:line."""
    label_by_sub_event: dict[str, str] = {}
    event_type_by_label: dict[str, str] = {}
    label_by_plover: dict[str, str] = {}
    labels: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(number, line) for number, line in enumerate(lines, 1) if line and not line.startswith("#")]
    for number, line in rows[1:]:
        cells = line.split("\t")
        if len(cells) != 4 or not cells[0] or bool(cells[1]) != bool(cells[2]) or cells[0] in labels:
            raise ValueError(f"{path}:{number}: expected a new label and both or neither ACLED names, got {line!r}")
        label, event_type, sub_event_type, plover = cells
        labels.append(label)
        if sub_event_type:
            label_by_sub_event[_normalise(sub_event_type)] = label
            event_type_by_label[label] = event_type
        for plover_type in _plover_types(path, number, plover):
            if plover_type in label_by_plover:
                raise ValueError(f"{path}:{number}: PLOVER type {plover_type} already stands for another label")
            label_by_plover[plover_type] = label
    if not labels:
        raise ValueError(f"{path}: no labels")
    return CaseLabels(label_by_sub_event, event_type_by_label, tuple(labels), label_by_plover)


def read_snippets(path: Path, limit: int | None = None) -> list[Snippet]:
    """Read a snippets file (header id, EventSnippet, SubType); raise with file:line on a malformed row."""
    snippets: list[Snippet] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != HEADER:
            raise ValueError(f"{path}:1: expected the header id, EventSnippet, SubType, got {header}")
        for row in reader:
            if limit is not None and len(snippets) >= limit:
                break
            if len(row) != 3 or not row[1].strip() or not row[2].strip():
                raise ValueError(f"{path}:{reader.line_num}: expected id, snippet and label, got {row}")
            snippets.append(Snippet(id=row[0], text=row[1], label=row[2].strip()))
    return snippets


def _is_snippets_file(path: Path) -> bool:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.readline().rstrip("\r\n").split("\t") == HEADER


def read_case(path: Path, selection: Selection = EVERYTHING) -> tuple[list[Snippet], list[str]]:
    """The snippets of the selected splits (TSV files with the task's header, by stem) and chosen half; the splits."""
    files = {file.stem: file for file in sorted(path.glob("*.tsv")) if _is_snippets_file(file)}
    splits = selection.splits(list(files), path, ".tsv file with the header id, EventSnippet, SubType")
    snippets = [snippet for split in splits for snippet in read_snippets(files[split])]
    return selection.items(snippets, lambda snippet: snippet.id, path), splits


def predict_label(extraction: Extraction, labels: CaseLabels | None = None) -> str:
    """The snippet's label read off its events, in this order (ties go to the event found first):

    1. the label of the snippet's main event (`article.main_event_id`, chosen by the story stage), else of the most
       confident non-negated event with an ACLED type;
    2. else the most confident non-negated event whose PLOVER type stands for a label (DIPLO for talks, demands,
       accusations, sanctions...: see plover_types in the label table);
    3. else FALLBACK_LABEL.
    """
    return event_label(extraction, labels) or FALLBACK_LABEL


def event_label(extraction: Extraction, labels: CaseLabels | None = None) -> str | None:
    """Steps 1 and 2 of `predict_label`: the label the events give, or None when they give none."""
    labels = labels or load_case_labels()
    ranked = sorted(
        ((event.confidence, -index, event) for index, event in enumerate(extraction.events)),
        key=lambda item: item[:2],
        reverse=True,
    )
    events = [event for _confidence, _order, event in ranked if not event.factuality.negated]
    main_id = extraction.article.main_event_id  # 1. the text's main event, as the record names it
    main = next((event for event in extraction.events if event.id == main_id), None) if main_id else None
    if main is not None and main.acled is not None:
        label = labels.label_by_sub_event.get(_normalise(main.acled.sub_event_type))
        if label is not None:
            return label
    for event in events:  # 1. (any other event with an ACLED type)
        if event.acled is None:
            continue
        label = labels.label_by_sub_event.get(_normalise(event.acled.sub_event_type))
        if label is not None:
            return label
        log.warning("ACLED sub-event type %r has no CASE 2021 label", event.acled.sub_event_type)
    for event in events:  # 2.
        if event.acled is None and event.type in labels.label_by_plover:
            return labels.label_by_plover[event.type]
    return None


def extractor_predictor(settings: Settings) -> Predictor:
    """A predictor that runs the real dateline extractor on each text and reads the label off its events."""
    from dateline.jobs import extract_batch

    def predict(texts: Sequence[str]) -> list[Prediction]:
        raws = [RawDocument(origin=f"case2021:{index}", text=text) for index, text in enumerate(texts)]
        predictions = []
        for extraction in extract_batch(raws, settings):
            label = event_label(extraction)
            errors = tuple(f"{error.stage}: {error.error_type}" for error in extraction.errors)
            predictions.append(Prediction(label or FALLBACK_LABEL, fallback=label is None, errors=errors))
        return predictions

    return predict


def score_labels(gold: Sequence[str], predicted: Sequence[str], labels: CaseLabels) -> dict[str, LabelScores]:
    """Scores in the three settings: 25 ACLED labels (subtask 1), all labels, and the 6 ACLED event types."""
    acled = set(labels.acled_labels)
    kept = [(g, p) for g, p in zip(gold, predicted, strict=True) if g in acled]
    kept_gold = [g for g, _ in kept]
    kept_predicted = [p for _, p in kept]
    coarse = labels.event_type_by_label
    return {
        "acled25": label_scores(kept_gold, kept_predicted, labels=labels.acled_labels),
        "all30": label_scores(gold, predicted, labels=labels.all_labels),
        "event_type6": label_scores(
            [coarse[g] for g in kept_gold],
            [coarse.get(p, "(none)") for p in kept_predicted],
            labels=sorted(set(coarse.values())),
        ),
    }


SETTING_NAMES = {
    "acled25": "25 ACLED sub-event types (subtask 1)",
    "all30": "all 30 labels (subtask 3)",
    "event_type6": "6 ACLED event types",
}


def _table(scores: dict[str, LabelScores], parts: dict[str, Any]) -> str:
    rows = [
        [SETTING_NAMES[name], result.count, result.accuracy, result.macro_f1, result.weighted_f1]
        for name, result in scores.items()
    ]
    headers = ["case2021 setting", "n", "accuracy", "macro F1", "weighted F1"]
    if parts:
        headers += [f"{part} weighted F1" for part in parts]
        for row, name in zip(rows, scores, strict=True):
            row += [parts[part][name]["weighted_f1"] for part in parts]
    return format_table(headers, rows)


def _part_scores(snippets: Sequence[Snippet], predicted: Sequence[str], labels: CaseLabels) -> dict[str, Any]:
    """The three settings' summary scores on each half (tune, check), when both halves were scored."""
    parts: dict[str, Any] = {}
    indexes = halves(snippets, lambda snippet: snippet.id)
    if any(not indexes[part] for part in PARTS):
        return parts
    for part in PARTS:
        gold = [snippets[index].label for index in indexes[part]]
        results = score_labels(gold, [predicted[index] for index in indexes[part]], labels)
        parts[part] = {
            name: {key: result.to_json()[key] for key in ("accuracy", "macro_f1", "weighted_f1", "count")}
            for name, result in results.items()
        }
    return parts


def run(
    path: Path, settings: Settings, selection: Selection = EVERYTHING, *, predictor: Predictor | None = None
) -> SuiteResult:
    """Score label predictions (the real extractor unless `predictor` is given) on the snippets under `path`."""
    labels = load_case_labels()
    snippets, splits = read_case(path, selection)
    unknown = sorted({snippet.label for snippet in snippets} - set(labels.all_labels))
    if unknown:
        raise NoGoldDataError(f"{path}: labels not in {LABELS_FILE.name}: {', '.join(unknown)}")
    predict = predictor or extractor_predictor(settings)
    started = time.perf_counter()
    predictions = predict([snippet.text for snippet in snippets])
    seconds = time.perf_counter() - started
    predicted = [prediction.label for prediction in predictions]
    errors = Counter(error for prediction in predictions for error in prediction.errors)
    gold = [snippet.label for snippet in snippets]
    results = score_labels(gold, predicted, labels)
    scores: dict[str, Any] = {name: result.to_json() for name, result in results.items()}
    scores |= {
        "count": len(snippets),
        "fallback_predictions": sum(1 for prediction in predictions if prediction.fallback),
        "snippets_with_errors": sum(1 for prediction in predictions if prediction.errors),
        "errors": dict(errors),
        "seconds": round(seconds, 2),
    }
    parts = _part_scores(snippets, predicted, labels)
    if parts:
        scores["parts"] = parts
    notes = [
        selection.describe(splits),
        f"Best published weighted F1 (CASE 2021, full test set): {PUBLISHED_WEIGHTED_F1['acled25']:.3f} "
        f"(25 types), {PUBLISHED_WEIGHTED_F1['all30']:.3f} (30 types); the dev folder holds a 305-snippet sample.",
        f"{scores['fallback_predictions']} of {len(snippets)} snippets got the fallback label {FALLBACK_LABEL} "
        "(no non-negated event with an ACLED type or a diplomatic PLOVER type).",
        "dateline never predicts ATTRIB, ORG_CRIME or the disasters (no ACLED or PLOVER type for them); DIPLO comes "
        "from events with a PLOVER type of talks, demands, accusations or sanctions and no ACLED type.",
    ]
    if errors:
        listed = ", ".join(f"{error} ×{count}" for error, count in errors.most_common())
        notes.append(f"Extraction failed on {scores['snippets_with_errors']} snippets: {listed}.")
    return SuiteResult("case2021", scores, _table(results, parts), notes, headline=dict(HEADLINE))
