"""TempEval-3 task A: time expressions (extent, type, normalised value) on TimeML documents (TimeBank + AQUAINT).

Gold: the .tml files under the folder, in TempEval-3's published layout (`TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml`,
`te3-platinum/*.tml`, or a folder of .tml files itself); each folder of .tml files is a corpus, and a split: every
one present is scored unless --split names one (a corpus, or a folder above corpora: `TBAQ-cleaned`).
For each document the creation time (the TIMEX3 with
functionInDocument="CREATION_TIME") becomes the article's date, the text of <TEXT> with its inline tags stripped
becomes the article's text, and the TIMEX3 elements inside <TEXT> become gold spans in that text.
dateline's `times.find_times` runs on each article; scores as in TempEval-3 (UzZaman et al. 2013):
strict extent F1 (same span), relaxed extent F1 (overlapping spans, one-to-one), value F1 (a relaxed match with the
same value is correct: P = correct / system, R = correct / gold), type accuracy over the relaxed matches.
"""

from __future__ import annotations

import logging
import re
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, PARTS, NoGoldDataError, Selection, part_of
from dateline.evaluation.scoring import PRF, format_table, match_spans, prf_from_counts
from dateline.records import Article, TimeExpr
from dateline.settings import Settings

log = logging.getLogger(__name__)

# HeidelTime's value F1 in TempEval-3 task A (UzZaman et al. 2013, Table 3), the best of the task, for the notes.
HEIDELTIME_VALUE_F1 = 0.7761
HEADLINE: dict[str, Direction] = {
    "overall.strict.f1": "higher",
    "overall.relaxed.f1": "higher",
    "overall.value.f1": "higher",
    "overall.type_accuracy": "higher",
}
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")

# Finds the times of each article; None marks an article the finder failed on (scored as finding nothing).
TimeFinder = Callable[[Sequence[Article]], list[list[TimeExpr] | None]]
TimexSpan = tuple[int, int, dict[str, str]]  # start, end, attributes


@dataclass(frozen=True, slots=True)
class GoldTime:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    id: str
    corpus: str
    published: str | None  # ISO date from the creation time
    text: str
    times: tuple[GoldTime, ...]


# --- Reading TimeML -------------------------------------------------------------------------------------------


def _walk(element: ElementTree.Element, pieces: list[str], spans: list[TimexSpan], offset: int) -> int:
    """Append the plain text of `element`'s content to `pieces`, recording TIMEX3 spans; returns the new offset."""
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _walk(child, pieces, spans, offset)
        if child.tag == "TIMEX3" and offset > start:  # an empty TIMEX3 has no extent to find
            spans.append((start, offset, dict(child.attrib)))
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml(path: Path, corpus: str) -> TimeMLDocument:
    """Read one .tml file: creation date, plain text of <TEXT>, and the TIMEX3 spans inside it."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise ValueError(f"{path}: not well-formed TimeML: {error}") from error
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    creation = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    published = (creation.get("value") or "")[:10] if creation is not None else None
    pieces: list[str] = []
    spans: list[TimexSpan] = []
    _walk(body, pieces, spans, 0)
    text = "".join(pieces)
    gold = tuple(
        GoldTime(start, end, text[start:end], attributes.get("type", ""), attributes.get("value", ""))
        for start, end, attributes in spans
    )
    return TimeMLDocument(path.stem, corpus, published or None, text, gold)


def _interleave(groups: Sequence[Sequence[Path]]) -> Iterator[Path]:
    """One file from each corpus in turn, so that --limit samples every corpus."""
    for row in zip_longest(*groups):
        yield from (path for path in row if path is not None)


def find_corpora(path: Path) -> dict[str, list[Path]]:
    """The .tml files under `path`, by corpus (the folder holding them), in name order."""
    corpora: dict[str, list[Path]] = {}
    for file in sorted(path.rglob("*.tml")):
        corpora.setdefault(file.parent.name, []).append(file)
    return corpora


def _chosen(corpora: dict[str, list[Path]], path: Path, selection: Selection) -> list[str]:
    """The corpora to score: all, the one --split names, or those under the folder it names (TBAQ-cleaned)."""
    if selection.split is not None and selection.split not in corpora:
        under = [name for name, files in corpora.items() if selection.split in files[0].relative_to(path).parts[:-1]]
        if under:
            return under
    return selection.splits(list(corpora), path, ".tml files (TBAQ-cleaned/TimeBank, te3-platinum, ...)")


def read_corpus(path: Path, selection: Selection = EVERYTHING) -> tuple[list[TimeMLDocument], list[str]]:
    """Read the .tml files of the selected corpora under `path` and of the chosen half; and the corpora."""
    corpora = find_corpora(path)
    chosen = _chosen(corpora, path, selection)
    kept = [[file for file in corpora[name] if selection.keep(file.stem)] for name in chosen]
    files = list(_interleave(kept))[: selection.limit]
    if not files:
        raise NoGoldDataError(f"{path}: nothing to score in {', '.join(chosen)}" + (
            f" in the {selection.part} half" if selection.part else ""))  # fmt: skip
    return [read_timeml(file, file.parent.name) for file in files], chosen


# --- Scoring --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeCounts:
    """What TempEval-3 task A counts, summed over documents."""

    system: int = 0
    gold: int = 0
    strict: int = 0  # exact-span matches
    relaxed: int = 0  # overlap matches
    value: int = 0  # relaxed matches with the gold value
    type: int = 0  # relaxed matches with the gold type
    day_gold: int = 0  # relaxed matches whose gold is a DATE with a day value (YYYY-MM-DD)
    day_value: int = 0  # ... and whose value is right

    def __add__(self, other: TimeCounts) -> TimeCounts:
        return TimeCounts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))

    def prf(self, correct: int) -> PRF:
        return prf_from_counts(correct, self.system, self.gold)

    def to_json(self) -> dict[str, Any]:
        return {
            "strict": self.prf(self.strict).to_json(),
            "relaxed": self.prf(self.relaxed).to_json(),
            "value": self.prf(self.value).to_json(),
            "type_accuracy": _ratio(self.type, self.relaxed),
            "day_value_accuracy": _ratio(self.day_value, self.day_gold),
            "counts": dict(zip(TimeCounts.__slots__, _fields(self), strict=True)),
        }


def _fields(counts: TimeCounts) -> tuple[int, ...]:
    return tuple(getattr(counts, name) for name in TimeCounts.__slots__)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def count_document(system: Sequence[TimeExpr], gold: Sequence[GoldTime]) -> TimeCounts:
    """Count strict, relaxed, value and type matches of one document's system times against its gold times."""
    system_spans = [(t.start, t.end) for t in system]
    gold_spans = [(g.start, g.end) for g in gold]
    relaxed = match_spans(system_spans, gold_spans, "overlap")
    day_pairs = [(s, g) for s, g in relaxed if gold[g].type == "DATE" and DAY_VALUE.match(gold[g].value)]
    return TimeCounts(
        system=len(system),
        gold=len(gold),
        strict=len(match_spans(system_spans, gold_spans, "exact")),
        relaxed=len(relaxed),
        value=sum(1 for s, g in relaxed if system[s].value == gold[g].value),
        type=sum(1 for s, g in relaxed if system[s].type == gold[g].type),
        day_gold=len(day_pairs),
        day_value=sum(1 for s, g in day_pairs if system[s].value == gold[g].value),
    )


def count_by_gold_type(system: Sequence[TimeExpr], gold: Sequence[GoldTime]) -> Counter[tuple[str, str]]:
    """Per gold TIMEX3 type: counts of gold times, of those found (overlap) and of those with the gold value."""
    relaxed = match_spans([(t.start, t.end) for t in system], [(g.start, g.end) for g in gold], "overlap")
    counts: Counter[tuple[str, str]] = Counter((g.type, "gold") for g in gold)
    for s, g in relaxed:
        counts[(gold[g].type, "found")] += 1
        counts[(gold[g].type, "value")] += system[s].value == gold[g].value
    return counts


def _by_type_json(counts: Counter[tuple[str, str]]) -> dict[str, dict[str, float]]:
    kinds = sorted({kind for kind, _ in counts})
    return {
        kind: {
            "gold": counts[(kind, "gold")],
            "relaxed_recall": _ratio(counts[(kind, "found")], counts[(kind, "gold")]),
            "value_recall": _ratio(counts[(kind, "value")], counts[(kind, "gold")]),
        }
        for kind in kinds
    }


# --- Running --------------------------------------------------------------------------------------------------


def dateline_time_finder(settings: Settings) -> TimeFinder:
    """Run dateline's times stage (with the real spaCy pipeline) on articles; None where it raised."""
    from dateline import nlp, times
    from dateline.pipeline import load_resources

    resources = load_resources(settings)

    def find(articles: Sequence[Article]) -> list[list[TimeExpr] | None]:
        docs = nlp.parse_texts(resources.nlp, (article.text for article in articles), batch_size=settings.batch_size)
        found: list[list[TimeExpr] | None] = []
        for article, doc in zip(articles, docs, strict=True):
            try:
                found.append(times.find_times(article, doc, knowledge=resources.times))
            except Exception:  # one failing document is scored as finding nothing, and counted
                log.warning("find_times failed on %s", article.id, exc_info=True)
                found.append(None)
        return found

    return find


TABLE_HEADERS = ("tempeval3 corpus", "gold", "system", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "value F1",
                 "type acc")  # fmt: skip


def _table(by_corpus: dict[str, TimeCounts]) -> str:
    rows = []
    for corpus, counts in by_corpus.items():
        strict, relaxed, value = counts.prf(counts.strict), counts.prf(counts.relaxed), counts.prf(counts.value)
        type_accuracy = _ratio(counts.type, counts.relaxed)
        rows.append([corpus, counts.gold, counts.system, strict.f1, relaxed.precision, relaxed.recall, relaxed.f1])
        rows[-1] += [value.f1, type_accuracy]
    return format_table(TABLE_HEADERS, rows)


def _type_table(by_type: dict[str, dict[str, float]]) -> str:
    rows = [[kind, int(row["gold"]), row["relaxed_recall"], row["value_recall"]] for kind, row in by_type.items()]
    return format_table(["gold TIMEX3 type", "gold", "relaxed R", "value R"], rows)


def _part_counts(documents: Sequence[TimeMLDocument], found: Sequence[list[TimeExpr] | None]) -> dict[str, Any]:
    """The overall scores of each half (tune, check) of the documents, when both were scored."""
    counts = {part: TimeCounts() for part in PARTS}
    for document, system in zip(documents, found, strict=True):
        counts[part_of(document.id)] += count_document(system or [], document.times)
    if any(not part.gold for part in counts.values()):
        return {}
    return {part: {"overall": part_counts.to_json()} for part, part_counts in counts.items()}


def run(
    path: Path, settings: Settings, selection: Selection = EVERYTHING, *, finder: TimeFinder | None = None
) -> SuiteResult:
    """Score time expressions found by dateline (or by `finder`) on the TimeML files under `path`."""
    documents, chosen = read_corpus(path, selection)
    articles = [Article(id=d.id, text=d.text, published=d.published, origin=d.id) for d in documents]
    find = finder or dateline_time_finder(settings)
    started = time.perf_counter()
    found = find(articles)
    seconds = time.perf_counter() - started
    by_corpus = {corpus: TimeCounts() for corpus in chosen}
    by_type: Counter[tuple[str, str]] = Counter()
    for document, system in zip(documents, found, strict=True):
        by_corpus[document.corpus] += count_document(system or [], document.times)
        by_type += count_by_gold_type(system or [], document.times)
    by_corpus = {corpus: counts for corpus, counts in by_corpus.items() if counts.gold or counts.system}
    by_corpus["overall"] = sum(by_corpus.values(), TimeCounts())
    scores: dict[str, Any] = {corpus: counts.to_json() for corpus, counts in by_corpus.items()}
    scores["by_gold_type"] = _by_type_json(by_type)
    failed = [document.id for document, system in zip(documents, found, strict=True) if system is None]
    scores |= {"documents": len(documents), "failed_documents": failed, "seconds": round(seconds, 2)}
    parts = _part_counts(documents, found)
    if parts:
        scores["parts"] = parts
    notes = [
        selection.describe(chosen),
        f"HeidelTime's value F1 in TempEval-3 task A was {HEIDELTIME_VALUE_F1:.3f} (best of the task, on the "
        "20-document te3-platinum test set); compare only scores measured on that set.",
        "Value F1 counts a relaxed (overlap) match with exactly the gold TIMEX3 value as correct.",
    ]
    if failed:
        notes.append(f"find_times raised on {len(failed)} documents (scored as finding nothing): {', '.join(failed)}")
    table = _table(by_corpus) + "\n\n" + _type_table(scores["by_gold_type"])
    return SuiteResult("tempeval3", scores, table, notes, headline=dict(HEADLINE))
