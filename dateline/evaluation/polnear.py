"""PolNeAR (Newell et al. 2018): who said what in political news, scored against dateline's quotes.

Gold: brat standoff files `<split>/attributions/<article>_<annotator>.ann` (Source, Cue, Content spans linked by
`E` lines; discontinuous spans joined by ";", taken from the earliest to the latest fragment, as fragments are not
always in text order) over `<split>/text/<article>.txt`, for the splits the folder holds (`train`, `dev`, `test`,
directly or under `data/` as in the PolNeAR repository; every one present unless --split names one). One annotator
per article (the first .ann file by name), so doubly annotated articles are not counted twice.

Matching (headline, the issue's "overlapping spans"): a predicted quote and a gold Content (taken from its
earliest to its latest fragment) match when they share at least one character; pairs are made one to one, longest shared
stretch first (scoring.match_spans). The strict match, where the shared stretch must cover at least half of the
longer of the two (`MIN_OVERLAP`), is reported beside it under "strict".

Scores:
- direct: gold Contents containing a double quote mark against predicted quotes containing one (the same test on
  both sides, so a mixed quote counts as direct on both);
- all: every gold attribution with a Content against every predicted quote;
- speaker accuracy on matched quotes: correct when the predicted speaker span overlaps the gold Source, or, for a
  gold Source that is a pronoun (he, she, they, ...), when it overlaps the closest named antecedent: the last
  PERSON/ORG entity of the spaCy parse that ends before the gold Source (ABOUT.md's heuristic, its labels); or when
  the predicted speaker's resolved name (a pronoun speaker carries the name of its antecedent) shares a capitalised
  word with the gold Source or that antecedent ("Ted Cruz" for a gold "Cruz").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.scoring import PRF, Span, format_table, match_spans, prf_from_counts, spans_overlap
from dateline.records import Article, Quote
from dateline.settings import Settings

log = logging.getLogger(__name__)

SPLITS = ("train", "dev", "test")
# A match needs the shared stretch to cover at least this share of the longer span (ABOUT.md: "overlap >= 50%").
MIN_OVERLAP = 0.5
QUOTE_MARK = re.compile(r"[\"“”«»„]")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its", "who"})
NAMED_LABELS = frozenset({"PERSON", "ORG"})  # ABOUT.md: "the closest preceding PERSON/ORG name"
HEADLINE: dict[str, Direction] = {
    "direct.f1": "higher",
    "direct.speaker_accuracy": "higher",
    "all.recall": "higher",
    "all.f1": "higher",
}


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Span  # earliest fragment start to latest fragment end
    source: Span | None
    cue: Span | None

    def is_direct(self, text: str) -> bool:
        return bool(QUOTE_MARK.search(text[self.content[0] : self.content[1]]))


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _fragments(offsets: str, where: str) -> list[Span]:
    try:
        pairs = [tuple(int(number) for number in part.split()) for part in offsets.split(";")]
    except ValueError as error:
        raise ValueError(f"{where}: bad offsets {offsets!r}") from error
    if not pairs or any(len(pair) != 2 or pair[0] > pair[1] for pair in pairs):
        raise ValueError(f"{where}: bad offsets {offsets!r}")
    return [(pair[0], pair[1]) for pair in pairs]


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat file: each E line's Content, Source and Cue (first to last fragment)."""
    spans: dict[str, tuple[str, Span]] = {}
    links: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        cells = line.split("\t")
        if line.startswith("T") and len(cells) >= 2:
            kind, _, offsets = cells[1].partition(" ")
            fragments = _fragments(offsets, f"{path}:{number}")
            # Fragments are not always in text order ("1034 1066;955 1008"): the span runs from the first start
            # to the last end in the text.
            spans[cells[0]] = (kind, (min(start for start, _ in fragments), max(end for _, end in fragments)))
        elif line.startswith("E") and len(cells) >= 2:
            roles = dict(part.split(":", 1) for part in cells[1].split() if ":" in part)
            links.append((number, roles))
    attributions = []
    for number, roles in links:
        by_kind = {spans[ref][0]: spans[ref][1] for ref in roles.values() if ref in spans}
        missing = [ref for ref in roles.values() if ref not in spans]
        if missing:
            raise ValueError(f"{path}:{number}: unknown span ids {missing}")
        if "Content" in by_kind:
            attributions.append(GoldAttribution(by_kind["Content"], by_kind.get("Source"), by_kind.get("Cue")))
    return attributions


def _split_folders(path: Path) -> dict[str, Path]:
    """Each split's folder (one with text/ and attributions/), directly under `path` or under `path`/data."""
    roots = [path, path / "data"]
    found: dict[str, Path] = {}
    for split in SPLITS:
        folder = next((root / split for root in roots if (root / split / "attributions").is_dir()), None)
        if folder is not None and (folder / "text").is_dir():
            found[split] = folder
    return found


def _read_split(folder: Path) -> list[GoldArticle]:
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for name, ann in chosen.items():
        text_file = folder / "text" / f"{name}.txt"
        if not text_file.is_file():
            raise ValueError(f"{ann}: no text file {text_file.name} beside it")
        articles.append(GoldArticle(name, text_file.read_text(encoding="utf-8"), tuple(read_ann(ann))))
    return articles


def read_polnear(path: Path, selection: Selection = EVERYTHING) -> tuple[list[GoldArticle], list[str]]:
    """The articles of the selected splits with the first annotator's attributions, in file-name order; the splits."""
    folders = _split_folders(path)
    splits = selection.splits(list(folders), path, "<split>/text and <split>/attributions folders")
    articles = [article for split in splits for article in _read_split(folders[split])]
    if not articles:
        raise NoGoldDataError(f"{path}: nothing to score: no .ann files in {', '.join(splits)}")
    return selection.items(articles, lambda article: article.name, path), splits


# --- Scoring --------------------------------------------------------------------------------------------------


def overlap_ratio(first: Span, second: Span) -> float:
    """Shared characters over the length of the longer span (0.0 for no overlap)."""
    shared = max(0, min(first[1], second[1]) - max(first[0], second[0]))
    longest = max(first[1] - first[0], second[1] - second[0])
    return shared / longest if longest else 0.0


def match_quotes(
    predicted: Sequence[Span], gold: Sequence[Span], min_overlap: float = MIN_OVERLAP
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) sharing at least `min_overlap` of the longer span."""
    pairs = match_spans(predicted, gold, "overlap")
    return [(p, g) for p, g in pairs if overlap_ratio(predicted[p], gold[g]) >= min_overlap]


def named_antecedent(doc: Doc, source: Span) -> Span | None:
    """The closest PERSON/ORG entity ending before a pronoun Source (ABOUT.md's heuristic)."""
    best: Span | None = None
    for entity in doc.ents:
        if entity.label_ in NAMED_LABELS and entity.end_char <= source[0]:
            best = (entity.start_char, entity.end_char)
    return best


def _name_words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[A-Z][\w’'-]+", text) if word.casefold() not in PRONOUNS}


def speaker_correct(text: str, doc: Doc, quote: Quote, gold: GoldAttribution) -> bool:
    """True when the predicted speaker names the gold Source (see the module docstring)."""
    if quote.speaker is None or gold.source is None:
        return False
    predicted = (quote.speaker.start, quote.speaker.end)
    if spans_overlap(predicted, gold.source):
        return True
    named: Span | None = gold.source
    if text[gold.source[0] : gold.source[1]].strip().lower() in PRONOUNS:
        named = named_antecedent(doc, gold.source)
    if named is None:
        return False
    if spans_overlap(predicted, named):
        return True
    # A resolved speaker ("he" standing for Ted Cruz) is right when its name shares a capitalised word with the
    # gold Source or the Source's antecedent ("Cruz").
    return bool(_name_words(quote.speaker.name or "") & _name_words(text[named[0] : named[1]]))


def _no_counts() -> PRF:
    return PRF(0, 0, 0)


@dataclass
class _Tally:
    any_overlap: PRF = field(default_factory=_no_counts)  # headline
    half_overlap: PRF = field(default_factory=_no_counts)  # strict, secondary
    with_source: int = 0  # matched (any overlap) quotes whose gold attribution names a Source
    speaker_right: int = 0

    def to_json(self) -> dict[str, Any]:
        accuracy = self.speaker_right / self.with_source if self.with_source else 0.0
        end_to_end = prf_from_counts(self.speaker_right, self.any_overlap.tp + self.any_overlap.fp,
                                     self.any_overlap.tp + self.any_overlap.fn)  # fmt: skip
        return {
            **self.any_overlap.to_json(),
            "strict": self.half_overlap.to_json(),
            "speaker_accuracy": accuracy,
            "speaker_count": self.with_source,
            "end_to_end_f1": end_to_end.f1,
        }


def score_article(text: str, doc: Doc, quotes: Sequence[Quote], gold: Sequence[GoldAttribution], tally: _Tally) -> None:
    """Add one article's counts to `tally`."""
    predicted = [(quote.start, quote.end) for quote in quotes]
    gold_spans = [attribution.content for attribution in gold]
    pairs = match_spans(predicted, gold_spans, "overlap")
    tally.any_overlap += prf_from_counts(len(pairs), len(predicted), len(gold_spans))
    strict = match_quotes(predicted, gold_spans)
    tally.half_overlap += prf_from_counts(len(strict), len(predicted), len(gold_spans))
    for p, g in pairs:
        if gold[g].source is not None:
            tally.with_source += 1
            tally.speaker_right += speaker_correct(text, doc, quotes[p], gold[g])


def _predict(articles: Sequence[GoldArticle], settings: Settings) -> list[tuple[Doc, list[Quote]]]:
    """Run dateline on each gold text as it is (no cleaning: the gold offsets point into the raw text)."""
    from dateline import pipeline
    from dateline.nlp import parse_texts

    resources = pipeline.load_resources(settings)
    docs = parse_texts(resources.nlp, (article.text for article in articles), batch_size=settings.batch_size)
    results = []
    for article, doc in zip(articles, docs, strict=True):
        record = Article(id=article.name, text=article.text)
        extraction = pipeline.analyse(record, doc, resources)
        for error in extraction.errors:
            log.warning("%s: stage %s failed: %s", article.name, error.stage, error.message)
        results.append((doc, list(extraction.quotes)))
    return results


def score(articles: Sequence[GoldArticle], predictions: Sequence[tuple[Doc, list[Quote]]]) -> dict[str, Any]:
    """Direct-quote and all-attribution scores over the articles (see the module docstring)."""
    direct, everything = _Tally(), _Tally()
    for article, (doc, quotes) in zip(articles, predictions, strict=True):
        direct_gold = [g for g in article.attributions if g.is_direct(article.text)]
        direct_quotes = [q for q in quotes if QUOTE_MARK.search(q.text)]
        score_article(article.text, doc, direct_quotes, direct_gold, direct)
        score_article(article.text, doc, quotes, article.attributions, everything)
    return {"direct": direct.to_json(), "all": everything.to_json(), "articles": len(articles)}


def table(scores: dict[str, Any]) -> str:
    rows = []
    for name in ("direct", "all"):
        part = scores[name]
        strict = part["strict"]
        rows.append([name, part["precision"], part["recall"], part["f1"], strict["f1"], part["speaker_accuracy"],
                     part["speaker_count"], part["end_to_end_f1"], part["tp"] + part["fn"]])  # fmt: skip
    headers = ["quotes", "P", "R", "F1", "F1 strict", "speaker acc", "n speaker", "end-to-end F1", "gold"]
    title = f"polnear ({scores['articles']} articles, one-to-one any-overlap match; strict: >= 50% of the longer)"
    return format_table(headers, rows, title=title)


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score quote detection and speakers on the selected splits (every one present by default)."""
    articles, splits = read_polnear(path, selection)
    scores = score(articles, _predict(articles, settings))
    notes = [
        selection.describe(splits) + "; first annotator per article",
        "targets: direct F1 >= 0.95, direct speaker accuracy >= 0.90, all-attribution recall >= 0.60",
        "match (headline): one-to-one, any shared character; 'F1 strict': shared characters >= 50% of the longer span",
        "speaker accuracy is measured on the headline (any-overlap) matches",
        "speaker: overlaps the gold Source, or for a pronoun Source its closest preceding named entity",
    ]
    return SuiteResult("polnear", scores, table(scores), notes, HEADLINE)
