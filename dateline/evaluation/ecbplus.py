"""ECB+ (Cybulska & Vossen 2014), document-level sub-topic clustering on the validation split: each topic holds two
different real-world events of one kind (two earthquakes, two shootings), its sub-topics; the articles of a
sub-topic report the same event. Gold cluster = sub-topic; scores as in gvc_clustering (B-cubed, MUC, CEAF-e,
CoNLL F1, ARI, share of clusters mixing two sub-topics).

ECB+ texts have no publication date, so an article's date is the one its text gives (incidents.py's rule: the
earliest day a violent event is dated to, else the first day a time expression names); every article becomes one
article-level report of type ASSAULT (the corpus is mostly violent or disaster news) built like the GVC ones.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from pathlib import Path

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.gvc_clustering import Clusters, cluster_documents, cluster_scores, document_report
from dateline.evaluation.incidents import GoldIncident, predict_all
from dateline.evaluation.scoring import format_table
from dateline.resolve import load_config
from dateline.resolve.config import document_config
from dateline.settings import Settings

SPLIT = "val"
HEADLINE: dict[str, Direction] = {"dateline.conll_f1": "higher", "dateline.impure_share": "lower"}
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", "'s", "n't", ")", "'", "''"})


def read_documents(path: Path, limit: int | None = None) -> dict[str, str]:
    """Text of each document ("topic/subtopic/doc" -> text), rebuilt from the CoNLL tokens, in file order."""
    tokens: dict[str, list[str]] = {}
    with (path / SPLIT / "dataset.conll").open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            doc, _sentence, _token, word, *_ = line.rstrip("\n").split("\t")
            if doc not in tokens and limit is not None and len(tokens) >= limit:
                break
            tokens.setdefault(doc, []).append(word)
    return {doc: "".join(_joined(words)).strip() for doc, words in tokens.items()}


def _joined(words: list[str]) -> Iterator[str]:
    for word in words:
        yield word if word in _NO_SPACE_BEFORE else " " + word


def _subtopic(doc: str) -> str:
    return doc.split("/")[1]


def run(path: Path, settings: Settings, limit: int | None = None) -> SuiteResult:
    """Cluster the validation articles and score against the sub-topics (baseline: one cluster per topic)."""
    texts = read_documents(path, limit)
    incidents = [GoldIncident(doc, text, None, None, 0, 0, None, None, None, None) for doc, text in texts.items()]
    config = document_config(load_config())
    predictions = predict_all(incidents, settings)
    reports = [document_report(i.doc_id, None, i.text, p, config) for i, p in zip(incidents, predictions, strict=True)]
    subtopics: dict[str, set[Hashable]] = {}
    topics: dict[str, set[Hashable]] = {}
    for doc in texts:
        subtopics.setdefault(_subtopic(doc), set()).add(doc)
        topics.setdefault(doc.split("/")[0], set()).add(doc)
    gold: Clusters = [frozenset(group) for group in subtopics.values()]
    scores = {
        "dateline": cluster_scores(gold, cluster_documents(reports, config)),
        "baseline_topic": cluster_scores(gold, [frozenset(group) for group in topics.values()]),
        "baseline_singletons": cluster_scores(gold, [frozenset({doc}) for doc in texts]),
    }
    columns = ["conll_f1", "b3_f1", "ceaf_e_f1", "ari", "predicted_clusters", "gold_clusters", "impure_share"]
    rows = [[name, *(values[column] for column in columns)] for name, values in scores.items()]
    table = format_table(["system", *columns], rows, title=f"ecbplus ({SPLIT}, sub-topic document clustering)")
    notes = ["the topic baseline knows the corpus structure (topic ids); dateline does not use it"]
    return SuiteResult("ecbplus", scores, table, notes, HEADLINE)
