"""Evaluation suites: score what dateline outputs against gold data written by other people (../shared/eval).

Each suite is a module with `run(path, settings, selection=Selection()) -> SuiteResult`: it reads a folder in its
data set's published layout, runs the product (the pipeline, as `dateline extract` or `dateline ingest` would) and
scores only what the product outputs. `Selection` (data.py) picks splits, a tune/check half and the first N items.
The table below names the suites; a suite module is imported only when it runs. `SUITE_FOLDERS` names each suite's
folder under the evaluation data folder; `BUNDLED_FOLDERS` the suites whose gold ships with dateline.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dateline.evaluation.data import NoGoldDataError, Selection
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings

SUITES: dict[str, str] = {
    "case2021": "dateline.evaluation.case2021",
    "tempeval3": "dateline.evaluation.tempeval3",
    "conll2003": "dateline.evaluation.conll2003",
    "lgl": "dateline.evaluation.lgl",
    "geovirus": "dateline.evaluation.geovirus",
    "gvc": "dateline.evaluation.gvc",
    "gvc_clustering": "dateline.evaluation.gvc_clustering",
    "gvdb": "dateline.evaluation.gvdb",
    "polnear": "dateline.evaluation.polnear",
    "ecbplus": "dateline.evaluation.ecbplus",
    "wikievents": "dateline.evaluation.wikievents",
    "rams": "dateline.evaluation.rams",
    "demo": "dateline.evaluation.demo",
    "conflict_places": "dateline.evaluation.conflict_places",
    "reviewed": "dateline.evaluation.reviewed",
}
# Suites that score a database's reviews, not a gold folder: `dateline eval reviewed --db DB`; not part of make eval.
DATABASE_SUITES = frozenset({"reviewed"})

SUITE_FOLDERS: dict[str, str] = {
    "case2021": "case2021_task2",
    "tempeval3": "tempeval3",
    "conll2003": "conll2003",
    "lgl": "lgl",
    "geovirus": "geovirus",
    "gvc": "gvc",
    "gvc_clustering": "gvc",
    "gvdb": "gvdb",
    "polnear": "polnear",
    "ecbplus": "ecbplus",
    "wikievents": "wikievents",
    "rams": "rams",
}
# Suites whose gold data is part of dateline (the demo corpus and its hand-written expected.yaml).
# conflict_places: sentences written for dateline (eval/conflict_places/ of the repository, not of the package).
BUNDLED_FOLDERS: dict[str, Path] = {
    "demo": Path(__file__).resolve().parent.parent / "demo",
    "conflict_places": Path(__file__).resolve().parents[2] / "eval" / "conflict_places",
}

Direction = Literal["higher", "lower"]


@dataclass
class SuiteResult:
    """A suite's scores (JSON-ready) and the same as a printable table.

    `headline` names the suite's most telling numbers as dotted paths into `scores` (e.g. "acled25.weighted_f1")
    with the direction that is better; docs/EVALUATION.md summarises them and eval/gate.py pins floors on them.
    """

    suite: str
    scores: dict[str, Any]
    table: str
    notes: list[str] = field(default_factory=list)
    headline: dict[str, Direction] = field(default_factory=dict)


def suite_is_built(name: str) -> bool:
    """True when the suite's module exists (other suites are listed as "not built")."""
    return importlib.util.find_spec(SUITES[name]) is not None


def score_at(scores: dict[str, Any], path: str) -> float | None:
    """The number at a dotted path in a suite's scores ("overall.value.f1"), or None when it is not there."""
    value: Any = scores
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def extract(raws: Iterable[RawDocument | ItemError], settings: Settings) -> Iterator[Extraction]:
    """`dateline extract` on the gold items, in this process: the records the suites score. One process, so that the
    numbers never depend on the worker count and no worker is forked after DuckDB has started its threads."""
    from dateline import jobs

    return jobs.extract_stream(raws, settings, workers=1)


def suite_folder(name: str, data: Path) -> Path:
    """The gold data folder of a suite: its bundled folder, or its folder under the evaluation data folder."""
    return BUNDLED_FOLDERS.get(name) or data / SUITE_FOLDERS[name]


def run_suite(name: str, path: Path, settings: Settings, selection: Selection | None = None) -> SuiteResult:
    """Run one suite by name on a gold data folder (raises NoGoldDataError when it holds nothing to score)."""
    if not path.is_dir():
        raise NoGoldDataError(f"{path}: not a folder")
    module = importlib.import_module(SUITES[name])
    result: SuiteResult = module.run(path, settings, selection or Selection())
    return result
