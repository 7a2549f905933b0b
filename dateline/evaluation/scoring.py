"""Scorers shared by every evaluation suite: counts → P/R/F1, span matching, label F1, geocoding, clusterings.

All functions are pure and take plain Python values, so each suite only has to turn its gold data and dateline's
output into spans, labels, distances or clusters. Empty inputs give 0.0 scores, never a ZeroDivisionError.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped,unused-ignore]

Span = tuple[int, int]
SpanMode = Literal["exact", "overlap"]
Cluster = frozenset[Hashable]

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference: the largest possible error, and the error given to a place that was not resolved
# (Gritta et al. 2018, "What's missing in geographical parsing?").
MAX_ERROR_KM = 20039.0
# 161 km = 100 miles, the usual "accuracy within" threshold of geoparsing papers.
ACC_KM = 161.0


# --- Precision, recall, F1 ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts they came from."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, float | int]:
        counts = {"tp": self.tp, "fp": self.fp, "fn": self.fn}
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, **counts}


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    return _ratio(2 * precision * recall, precision + recall)


def prf_from_counts(correct: int, predicted: int, gold: int) -> PRF:
    """P/R/F1 from the number of correct predictions, all predictions and all gold items."""
    if not 0 <= correct <= min(predicted, gold):
        raise ValueError(f"correct={correct} must lie between 0 and min(predicted={predicted}, gold={gold})")
    return PRF(tp=correct, fp=predicted - correct, fn=gold - correct)


# --- Spans ----------------------------------------------------------------------------------------------------


def spans_overlap(first: Span, second: Span) -> bool:
    """True when two half-open spans share at least one character."""
    return max(first[0], second[0]) < min(first[1], second[1])


def _overlap_length(first: Span, second: Span) -> int:
    return max(0, min(first[1], second[1]) - max(first[0], second[0]))


def match_spans(predicted: Sequence[Span], gold: Sequence[Span], mode: SpanMode = "exact") -> list[tuple[int, int]]:
    """One-to-one greedy matching of predicted to gold spans; returns (predicted index, gold index) pairs.

    "exact" pairs identical spans. "overlap" pairs spans sharing a character, taking the pairs with the longest
    shared stretch first (then the smallest start difference, then input order), so that each span is used once.
    """
    candidates: list[tuple[int, int, int, int]] = []
    for p_index, p_span in enumerate(predicted):
        for g_index, g_span in enumerate(gold):
            if mode == "exact":
                if p_span == g_span:
                    candidates.append((0, 0, p_index, g_index))
            elif spans_overlap(p_span, g_span):
                shared = _overlap_length(p_span, g_span)
                candidates.append((-shared, abs(p_span[0] - g_span[0]), p_index, g_index))
    candidates.sort()
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _shared, _shift, p_index, g_index in candidates:
        if p_index in used_predicted or g_index in used_gold:
            continue
        used_predicted.add(p_index)
        used_gold.add(g_index)
        pairs.append((p_index, g_index))
    return sorted(pairs)


def span_prf(predicted: Sequence[Span], gold: Sequence[Span], mode: SpanMode = "exact") -> PRF:
    """P/R/F1 of predicted spans against gold spans under one-to-one matching."""
    matched = len(match_spans(predicted, gold, mode))
    return prf_from_counts(matched, len(predicted), len(gold))


# --- Labels ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelScores:
    """Classification scores over a label set: accuracy, macro and support-weighted F1, per-label P/R/F1."""

    accuracy: float
    macro_f1: float
    weighted_f1: float
    per_label: dict[str, PRF]
    support: dict[str, int]
    confusion: dict[str, dict[str, int]]  # gold label → predicted label → count
    count: int

    def top_confusions(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """The most frequent (gold, predicted, count) errors, most frequent first."""
        errors = [
            (gold, predicted, count)
            for gold, row in self.confusion.items()
            for predicted, count in row.items()
            if gold != predicted
        ]
        return sorted(errors, key=lambda item: (-item[2], item[0], item[1]))[:limit]

    def to_json(self, confusions: int = 20) -> dict[str, Any]:
        return {
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "weighted_f1": self.weighted_f1,
            "count": self.count,
            "per_label": {
                label: {**prf.to_json(), "support": self.support[label]} for label, prf in self.per_label.items()
            },
            "top_confusions": [list(item) for item in self.top_confusions(confusions)],
            "confusion": self.confusion,
        }


def label_scores(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str] | None = None) -> LabelScores:
    """Score single-label predictions like scikit-learn's f1_score (average="macro" / "weighted").

    `labels` fixes the label set the F1 averages run over (default: every label seen in gold or predicted);
    items are all counted for accuracy and the confusion matrix. Weighted F1 weights each label by its gold support.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    label_set = sorted(set(labels) if labels is not None else set(gold) | set(predicted))
    pairs = Counter(zip(gold, predicted, strict=True))
    confusion: dict[str, dict[str, int]] = {}
    for (gold_label, predicted_label), count in sorted(pairs.items()):
        confusion.setdefault(gold_label, {})[predicted_label] = count
    gold_counts = Counter(gold)
    predicted_counts = Counter(predicted)
    per_label = {}
    for label in label_set:
        correct = pairs[(label, label)]
        per_label[label] = prf_from_counts(correct, predicted_counts[label], gold_counts[label])
    support = {label: gold_counts[label] for label in label_set}
    total_support = sum(support.values())
    return LabelScores(
        accuracy=_ratio(sum(pairs[(label, label)] for label in gold_counts), len(gold)),
        macro_f1=_ratio(sum(prf.f1 for prf in per_label.values()), len(per_label)),
        weighted_f1=_ratio(sum(prf.f1 * support[label] for label, prf in per_label.items()), total_support),
        per_label=per_label,
        support=support,
        confusion=confusion,
        count=len(gold),
    )


# --- Geocoding ------------------------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def accuracy_within(errors_km: Sequence[float], km: float = ACC_KM) -> float:
    """Share of errors at most `km` kilometres (Acc@161 by default)."""
    return _ratio(sum(1 for error in errors_km if error <= km), len(errors_km))


def auc_log_error(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, scaled to 0 (perfect) .. 1 (all antipodal); lower is better.

    Computed as in Gritta et al. 2018's released code: `np.trapz(log(1 + sorted errors)) / (n * log(20039))`,
    i.e. the trapezoid area with unit spacing; errors are clipped to [0, 20039] km.
    """
    if not errors_km:
        return 0.0
    logs = [math.log(1 + min(max(error, 0.0), MAX_ERROR_KM)) for error in sorted(errors_km)]
    area = sum((left + right) / 2 for left, right in itertools.pairwise(logs))
    return area / (len(logs) * math.log(MAX_ERROR_KM))


def geocoding_scores(errors_km: Sequence[float]) -> dict[str, float]:
    """The usual geocoding summary of a list of errors (km): Acc@161, AUC, mean and median error."""
    return {
        "acc_at_161": accuracy_within(errors_km),
        "auc": auc_log_error(errors_km),
        "mean_km": float(np.mean(errors_km)) if errors_km else 0.0,
        "median_km": float(np.median(errors_km)) if errors_km else 0.0,
        "count": float(len(errors_km)),
    }


# --- Clusterings ----------------------------------------------------------------------------------------------


def clusters_from_labels(assignment: Mapping[Hashable, Hashable]) -> list[Cluster]:
    """Turn {item: cluster id} into a list of clusters (sets of items), in order of first appearance."""
    groups: dict[Hashable, set[Hashable]] = {}
    for item, cluster_id in assignment.items():
        groups.setdefault(cluster_id, set()).add(item)
    return [frozenset(group) for group in groups.values()]


def _as_clusters(clusters: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    result = [frozenset(cluster) for cluster in clusters]
    seen: set[Hashable] = set()
    for cluster in result:
        if seen & cluster:
            raise ValueError(f"clusters overlap on {sorted(map(str, seen & cluster))}")
        seen |= cluster
    return [cluster for cluster in result if cluster]


def _muc_side(key: list[Cluster], response: list[Cluster]) -> tuple[int, int]:
    """MUC numerator and denominator of recall (swap the arguments for precision)."""
    where = {item: index for index, cluster in enumerate(response) for item in cluster}
    numerator = denominator = 0
    for cluster in key:
        parts = {where.get(item, ("alone", item)) for item in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> tuple[float, float, float]:
    """MUC link-based (precision, recall, F1) (Vilain et al. 1995); singletons carry no links."""
    key, response = _as_clusters(gold), _as_clusters(predicted)
    recall = _ratio(*_muc_side(key, response))
    precision = _ratio(*_muc_side(response, key))
    return precision, recall, f1_score(precision, recall)


def _overlaps(key: list[Cluster], response: list[Cluster]) -> list[Counter[int]]:
    """For each key cluster, how many of its items fall in each response cluster (by index); sparse, so fast."""
    where = {item: index for index, cluster in enumerate(response) for item in cluster}
    return [Counter(where[item] for item in cluster if item in where) for cluster in key]


def _b_cubed_side(key: list[Cluster], response: list[Cluster]) -> float:
    total = sum(len(cluster) for cluster in key)
    overlaps = _overlaps(key, response)
    score = sum(shared**2 / len(k) for k, row in zip(key, overlaps, strict=True) for shared in row.values())
    return _ratio(score, total)


def b_cubed(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) (Bagga & Baldwin 1998), averaged over mentions as in the CoNLL scorer."""
    key, response = _as_clusters(gold), _as_clusters(predicted)
    recall = _b_cubed_side(key, response)
    precision = _b_cubed_side(response, key)
    return precision, recall, f1_score(precision, recall)


def ceaf_e(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> tuple[float, float, float]:
    """Entity-based CEAF (precision, recall, F1) (Luo 2005) with φ4 similarity and an optimal one-to-one alignment."""
    key, response = _as_clusters(gold), _as_clusters(predicted)
    if not key or not response:
        return 0.0, 0.0, 0.0
    similarity = np.zeros((len(key), len(response)))
    for row, (cluster, shared_by_response) in enumerate(zip(key, _overlaps(key, response), strict=True)):
        for column, shared in shared_by_response.items():
            similarity[row, column] = 2 * shared / (len(cluster) + len(response[column]))
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, columns].sum())
    recall, precision = total / len(key), total / len(response)
    return precision, recall, f1_score(precision, recall)


def conll_f1(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> float:
    """CoNLL-2012 score: the mean of the MUC, B-cubed and CEAF-e F1."""
    key, response = _as_clusters(gold), _as_clusters(predicted)
    return (muc(key, response)[2] + b_cubed(key, response)[2] + ceaf_e(key, response)[2]) / 3


def adjusted_rand_index(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985) over the items present in both clusterings.

    1.0 for identical partitions, about 0 for chance. Both partitions being all-singletons or one cluster gives 1.0.
    """
    key, response = _as_clusters(gold), _as_clusters(predicted)
    common = set().union(*key) & set().union(*response) if key and response else set()
    key = [cluster & common for cluster in key if cluster & common]
    response = [cluster & common for cluster in response if cluster & common]
    n = len(common)
    if n < 2:
        return 1.0

    def pairs(count: int) -> float:
        return count * (count - 1) / 2

    index = sum(pairs(shared) for row in _overlaps(key, response) for shared in row.values())
    key_pairs = sum(pairs(len(k)) for k in key)
    response_pairs = sum(pairs(len(r)) for r in response)
    expected = key_pairs * response_pairs / pairs(n)
    maximum = (key_pairs + response_pairs) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def clustering_scores(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """Every clustering score at once: MUC, B-cubed, CEAF-e (P/R/F1 each), CoNLL F1 and ARI."""
    key, response = _as_clusters(gold), _as_clusters(predicted)
    scores: dict[str, float] = {}
    metrics: dict[str, Callable[[list[Cluster], list[Cluster]], tuple[float, float, float]]] = {
        "muc": muc,
        "b_cubed": b_cubed,
        "ceaf_e": ceaf_e,
    }
    for name, metric in metrics.items():
        precision, recall, f1 = metric(key, response)
        scores |= {f"{name}_precision": precision, f"{name}_recall": recall, f"{name}_f1": f1}
    scores["conll_f1"] = (scores["muc_f1"] + scores["b_cubed_f1"] + scores["ceaf_e_f1"]) / 3
    scores["ari"] = adjusted_rand_index(key, response)
    return scores


# --- Tables ---------------------------------------------------------------------------------------------------


def format_cell(value: object, digits: int = 3) -> str:
    """A table cell: floats with fixed decimals, None as a dash, anything else as str."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.{digits}f}"
    return str(value)


def format_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], digits: int = 3, title: str = "", left: int = 1
) -> str:
    """A fixed-width text table: the first `left` columns left-aligned, the rest right-aligned, a rule under headers."""
    cells = [[format_cell(value, digits) for value in row] for row in rows]
    for row in cells:
        if len(row) != len(headers):
            raise ValueError(f"row {row} has {len(row)} cells but there are {len(headers)} headers")
    widths = [max([len(header), *(len(row[i]) for row in cells)]) for i, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [value.ljust(widths[i]) if i < left else value.rjust(widths[i]) for i, value in enumerate(values)]
        return "  ".join(parts).rstrip()

    lines = [title] if title else []
    lines += [line(list(headers)), "  ".join("-" * width for width in widths)]
    lines += [line(row) for row in cells]
    return "\n".join(lines)
