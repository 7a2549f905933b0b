"""Gun Violence Corpus, document clustering: group the dev articles by the incident they report and compare the
groups with the gold incidents (B-cubed, MUC, CEAF-e, CoNLL F1, ARI, error in the number of incidents, share of
predicted clusters that mix two gold incidents).

Each article becomes one article-level report for the resolver's scorer (dateline.resolve): the main incident that
incidents.py builds (its date, place and killed/injured figures, every article being about a shooting, type ASSAULT)
plus the words of the title and lead. Article-level, because the events stage finds many small events per article
and the gold here is one incident per article. The clustering is the ingest-time one (dateline.resolve.attach) with
the `document` overrides of knowledge/resolve.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.gvc import DOCS_FILE, SPLIT, read_gvc
from dateline.evaluation.incidents import Prediction, predict_all
from dateline.evaluation.scoring import adjusted_rand_index, b_cubed, ceaf_e, conll_f1, format_table, muc
from dateline.resolve import Report, ResolveConfig, attach, load_config
from dateline.resolve.config import document_config
from dateline.resolve.score import text_vector
from dateline.settings import Settings

Clusters = list[frozenset[Hashable]]
LEAD_CHARS = 600
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


def _day(iso: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def document_report(doc_id: str, title: str | None, text: str, found: Prediction, config: ResolveConfig) -> Report:
    """One article as one report: its main incident's date, place and figures, and the words of its title and lead."""
    day = _day(found.date)
    return Report(
        id=doc_id,
        article_id=doc_id,
        type="ASSAULT",
        family=config.family_of["ASSAULT"],
        first_day=day,
        last_day=day,
        lat=found.lat,
        lon=found.lon,
        killed=found.killed if not found.failed else None,
        injured=found.injured if not found.failed else None,
        words=text_vector(f"{title or ''} {text[:LEAD_CHARS]}", config.stopwords),
    )


def cluster_documents(reports: Sequence[Report], config: ResolveConfig) -> Clusters:
    """The partition the resolver makes of the article-level reports."""
    groups: dict[str, set[Hashable]] = {}
    for attachment in attach(reports, [], config):
        groups.setdefault(attachment.cluster, set()).add(attachment.report_id)
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


def _table(by_system: dict[str, dict[str, Any]]) -> str:
    columns = ["conll_f1", "muc_f1", "b3_f1", "ceaf_e_f1", "ari", "predicted_clusters", "gold_clusters", "impure_share"]
    rows = [[name, *(scores[column] for column in columns)] for name, scores in by_system.items()]
    return format_table(["system", *columns], rows, title="gvc_clustering (dev, one report per article)")


def run(path: Path, settings: Settings, limit: int | None = None) -> SuiteResult:
    """Cluster the dev articles and score the partition (baselines: every article alone; one per publication day)."""
    incidents = read_gvc(path, SPLIT, limit)
    config = document_config(load_config())
    predictions = predict_all(incidents, settings)
    reports = [
        document_report(g.doc_id, g.title, g.text, p, config) for g, p in zip(incidents, predictions, strict=True)
    ]
    gold = gold_clusters(path, [g.doc_id for g in incidents])
    singletons: Clusters = [frozenset({g.doc_id}) for g in incidents]
    by_day: dict[str, set[Hashable]] = {}
    for g in incidents:
        by_day.setdefault(g.published or g.doc_id, set()).add(g.doc_id)
    scores = {
        "dateline": cluster_scores(gold, cluster_documents(reports, config)),
        "baseline_singletons": cluster_scores(gold, singletons),
        "baseline_same_day": cluster_scores(gold, [frozenset(group) for group in by_day.values()]),
    }
    notes = [f"split {SPLIT}; targets: CoNLL F1 >= 0.85, clusters mixing two incidents <= 5%"]
    headline = {f"dateline.{name}": direction for name, direction in HEADLINE.items()}
    return SuiteResult("gvc_clustering", scores, _table(scores), notes, headline)
