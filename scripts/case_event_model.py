"""CASE 2021 (25 ACLED labels, weighted F1) by dev half: the rules, the trained ACLED head alone, and both combined.

Usage: PYTHONPATH=$PWD .venv/bin/python scripts/case_event_model.py MODEL_DIR [CASE_DIR]
MODEL_DIR is a model trained with `dateline train events --heads eventness,plover,acled --out MODEL_DIR` (the
bundled model has no ACLED head). CASE_DIR defaults to ../shared/eval/case2021_task2, read at run time.
- rules: the label `dateline eval case2021` gives with rules alone (DATELINE_EVENT_MODEL=none);
- model alone: among the candidates the rules' triggers propose, the one with the highest P(event) x P(sub-type)
  gives the label (the model's own reading of the snippet: it needs candidate words to score);
- combined: the rules' main event retyped with the model's sub-type when the model gives it at least P.
Halves: a snippet is in the check half when int(sha1(id).hexdigest(), 16) % 2 == 1, else in the tune half.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from dateline import events
from dateline.evaluation import case2021
from dateline.jobs import extract_batch
from dateline.pipeline import load_resources
from dateline.records import RawDocument
from dateline.settings import Settings


def half(item_id: str) -> str:
    return "check" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2 == 1 else "tune"


def main(model_dir: Path, case_dir: Path) -> None:
    settings = Settings(event_model="none")
    resources = load_resources(settings)
    classifier = events.load_event_classifier(model_dir)
    if "acled" not in classifier.nlp.pipe_names:
        raise SystemExit(f"{model_dir} has no ACLED head: train it with --heads eventness,plover,acled")
    labels = case2021.load_case_labels()
    snippets, _splits = case2021.read_case(case_dir)
    raws = [RawDocument(origin=snippet.id, id=snippet.id, text=snippet.text) for snippet in snippets]
    extractions = extract_batch(raws, settings)
    predictions: dict[str, list[str]] = {"rules": [], "model alone": []}
    thresholds = (0.5, 0.7, 0.9)
    for threshold in thresholds:
        predictions[f"combined (P >= {threshold})"] = []
    for extraction in extractions:
        doc = resources.nlp(extraction.article.text)
        rules = case2021.predict_label(extraction, labels)
        main_id = extraction.article.main_event_id  # the story stage's main event, as `dateline eval` reads it
        scored = []
        for event in extraction.events:
            span = (
                doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
                if event.trigger
                else None
            )
            if span is not None:
                scored.append((event, classifier.score([(span.root.sent, span.root)])[0]))
        label_of = labels.label_by_sub_event
        alone = max((s for s in scored if s[1].acled), key=lambda s: s[1].event * s[1].acled_probability, default=None)
        predictions["rules"].append(rules)
        predictions["model alone"].append(
            label_of.get(" ".join(alone[1].acled.casefold().split()), case2021.FALLBACK_LABEL)
            if alone and alone[1].acled
            else case2021.FALLBACK_LABEL
        )
        main_score = next((score for event, score in scored if event.id == main_id), None)
        for threshold in thresholds:
            label = rules
            if main_score is not None and main_score.acled and main_score.acled_probability >= threshold:
                label = label_of.get(" ".join(main_score.acled.casefold().split()), rules)
            predictions[f"combined (P >= {threshold})"].append(label)
    for name, predicted in predictions.items():
        row = []
        for part in ("tune", "check", "all"):
            pairs = [
                (s.label, p) for s, p in zip(snippets, predicted, strict=True) if part == "all" or half(s.id) == part
            ]
            scores = case2021.score_labels([g for g, _ in pairs], [p for _, p in pairs], labels)
            row.append(f"{part} {scores['acled25'].weighted_f1:.3f}")
        print(f"{name:22} " + "  ".join(row))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "case2021_task2"
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else default)
