"""Gun Violence Corpus, document clustering: group the articles by the incident they report, as `dateline ingest`
does, and compare the groups with the gold incidents (B-cubed, MUC, CEAF-e, CoNLL F1, ARI, error in the number of
incidents, share of predicted clusters that mix two gold incidents).

What is scored is the product's own cross-article resolution: the articles are extracted, stored in a scratch
database and resolved batch by batch, as `dateline ingest` does; an article's cluster is the cluster of its main
event (`article.main_event_id`, read back from the store). An article with no main event stands alone.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from dateline import jobs, resolve
from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, Selection
from dateline.evaluation.gvc import DOCS_FILE, read_gvc
from dateline.evaluation.main_events import extract_incidents
from dateline.evaluation.scoring import adjusted_rand_index, b_cubed, ceaf_e, conll_f1, format_table, muc
from dateline.records import Extraction
from dateline.settings import Settings
from dateline.store import Store

Clusters = list[frozenset[Hashable]]
HEADLINE: dict[str, Direction] = {"conll_f1": "higher", "impure_share": "lower", "ari": "higher"}


def cluster_scores(gold: Clusters, predicted: Clusters) -> dict[str, float | int]:
    """Clustering scores of `predicted` against `gold` (both partitions of the same items)."""
    where = {item: index for index, cluster in enumerate(gold) for item in cluster}
    impure = sum(1 for cluster in predicted if len({where[item] for item in cluster}) > 1)
    scores: dict[str, float | int] = {
        "conll_f1": conll_f1(gold, predicted),
        "ari": adjusted_rand_index(gold, predicted),
    }
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        precision, recall, f1 = metric(gold, predicted)
        scores |= {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}
    return scores | {
        "gold_clusters": len(gold),
        "predicted_clusters": len(predicted),
        "cluster_count_error": len(predicted) - len(gold),
        "impure_clusters": impure,
        "impure_share": impure / len(predicted) if predicted else 0.0,
    }


def ingested_clusters(extractions: Sequence[Extraction], settings: Settings) -> Clusters:
    """The articles grouped by the cluster their main event joins when they are ingested in this order."""
    groups: dict[str, set[Hashable]] = {}
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "eval.duckdb") as store:
        for batch in jobs.batched([e for e in extractions if e.article.text], max(1, settings.batch_size)):
            written = store.write_batch(batch)
            resolve.resolve_new_events(store, written.new_event_ids)
        for extraction in extractions:
            article_id = extraction.article.id
            stored = store.read_extraction(article_id) if extraction.article.text else None
            main_id = stored.article.main_event_id if stored is not None else None
            cluster = next((e.cluster_id for e in stored.events if e.id == main_id), None) if stored else None
            groups.setdefault(cluster or f"alone:{article_id}", set()).add(article_id)
    return [frozenset(group) for group in groups.values()]


def gold_clusters(path: Path, doc_ids: Sequence[str]) -> Clusters:
    """The gold incidents of the given documents, as clusters of doc ids."""
    wanted = set(doc_ids)
    groups: dict[str, set[Hashable]] = {}
    with (path / DOCS_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["doc_id"] in wanted:
                groups.setdefault(str(doc["gvc_event_id"]), set()).add(doc["doc_id"])
    return [frozenset(group) for group in groups.values()]


def clustering_table(title: str, by_system: dict[str, dict[str, Any]]) -> str:
    columns = ["conll_f1", "muc_f1", "b3_f1", "ceaf_e_f1", "ari", "predicted_clusters", "gold_clusters", "impure_share"]
    rows = [[name, *(scores[column] for column in columns)] for name, scores in by_system.items()]
    return format_table(["system", *columns], rows, title=title)


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Cluster the articles of the selected splits and score the partition (baselines: every article alone; one
    cluster per publication day)."""
    incidents, splits = read_gvc(path, selection)
    extractions = extract_incidents(incidents, settings)
    gold = gold_clusters(path, [g.doc_id for g in incidents])
    singletons: Clusters = [frozenset({g.doc_id}) for g in incidents]
    by_day: dict[str, set[Hashable]] = {}
    for g in incidents:
        by_day.setdefault(g.published or g.doc_id, set()).add(g.doc_id)
    scores = {
        "dateline": cluster_scores(gold, ingested_clusters(extractions, settings)),
        "baseline_singletons": cluster_scores(gold, singletons),
        "baseline_same_day": cluster_scores(gold, [frozenset(group) for group in by_day.values()]),
    }
    notes = [
        selection.describe(splits),
        "dateline = the clusters `dateline ingest` puts each article's main event in (articles without one alone)",
        "targets: CoNLL F1 >= 0.85, clusters mixing two incidents <= 5%",
    ]
    headline = {f"dateline.{name}": direction for name, direction in HEADLINE.items()}
    table = clustering_table(f"gvc_clustering ({', '.join(splits)}, one cluster per article)", scores)
    return SuiteResult("gvc_clustering", scores, table, notes, headline)
