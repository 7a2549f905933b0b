"""ECB+ (Cybulska & Vossen 2014), document-level sub-topic clustering: each topic holds two different real-world
events of one kind (two earthquakes, two shootings), its sub-topics; the articles of a sub-topic report the same
event. Gold cluster = sub-topic; scores as in gvc_clustering (B-cubed, MUC, CEAF-e, CoNLL F1, ARI, share of
clusters mixing two sub-topics).

Gold: `<split>/dataset.conll` for the splits the folder holds (`train`, `val`, `test`, as the parsed release of
Zhukova et al. 2022 lays them out; every one present unless --split names one). The texts are rebuilt from the
CoNLL tokens; they have no publication date. Each article goes through `dateline ingest` as gvc_clustering says:
its cluster is the one its main event joins.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from pathlib import Path

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.gvc_clustering import Clusters, cluster_scores, clustering_table, ingested_clusters
from dateline.evaluation.main_events import GoldIncident, extract_incidents
from dateline.settings import Settings

SPLITS = ("train", "val", "dev", "test")
GOLD_FILE = "dataset.conll"
HEADLINE: dict[str, Direction] = {"dateline.conll_f1": "higher", "dateline.impure_share": "lower"}
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", "'s", "n't", ")", "'", "''"})


def read_documents(path: Path, split: str) -> dict[str, str]:
    """Text of each document of one split ("topic/subtopic/doc" -> text), rebuilt from the CoNLL tokens."""
    tokens: dict[str, list[str]] = {}
    conll = path / split / GOLD_FILE
    with conll.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4:
                raise ValueError(f"{conll}:{number}: expected doc, sentence, token number, token, ...")
            tokens.setdefault(cells[0], []).append(cells[3])
    return {doc: "".join(_joined(words)).strip() for doc, words in tokens.items()}


def _joined(words: list[str]) -> Iterator[str]:
    for word in words:
        yield word if word in _NO_SPACE_BEFORE else " " + word


def _subtopic(doc: str) -> str:
    return doc.split("/")[1]


def read_ecbplus(path: Path, selection: Selection = EVERYTHING) -> tuple[dict[str, str], list[str]]:
    """The documents of the selected splits and of the chosen half, in file order; and the splits."""
    present = [split for split in SPLITS if (path / split / GOLD_FILE).is_file()]
    splits = selection.splits(present, path, f"<split>/{GOLD_FILE} (train, val, test)")
    texts: dict[str, str] = {}
    for split in splits:
        texts |= read_documents(path, split)
    if not texts:
        raise NoGoldDataError(f"{path}: nothing to score: no documents in {', '.join(splits)}")
    kept = selection.items(list(texts), lambda doc: doc, path)
    return {doc: texts[doc] for doc in kept}, splits


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Cluster the articles and score against the sub-topics (baselines: one cluster per topic; all alone)."""
    texts, splits = read_ecbplus(path, selection)
    incidents = [GoldIncident(doc, text, None, None, 0, 0, None, None, None, None) for doc, text in texts.items()]
    extractions = extract_incidents(incidents, settings)
    subtopics: dict[str, set[Hashable]] = {}
    topics: dict[str, set[Hashable]] = {}
    for doc in texts:
        subtopics.setdefault(_subtopic(doc), set()).add(doc)
        topics.setdefault(doc.split("/")[0], set()).add(doc)
    gold: Clusters = [frozenset(group) for group in subtopics.values()]
    scores = {
        "dateline": cluster_scores(gold, ingested_clusters(extractions, settings)),
        "baseline_topic": cluster_scores(gold, [frozenset(group) for group in topics.values()]),
        "baseline_singletons": cluster_scores(gold, [frozenset({doc}) for doc in texts]),
    }
    table = clustering_table(f"ecbplus ({', '.join(splits)}, sub-topic document clustering)", scores)
    notes = [
        selection.describe(splits),
        "dateline = the clusters `dateline ingest` puts each article's main event in (articles without one alone)",
        "the topic baseline knows the corpus structure (topic ids); dateline does not use it",
    ]
    return SuiteResult("ecbplus", scores, table, notes, HEADLINE)
