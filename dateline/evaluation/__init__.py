"""Evaluation suites: score dateline against the gold data in ../shared/eval.

Each suite is a module with `run(path, settings, limit=None) -> SuiteResult`. The table below names them; a suite
module is imported only when it runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.settings import Settings

SUITES: dict[str, str] = {
    "case2021": "dateline.evaluation.case2021",
    "tempeval3": "dateline.evaluation.tempeval3",
    "conll2003": "dateline.evaluation.conll2003",
    "lgl": "dateline.evaluation.lgl",
    "geovirus": "dateline.evaluation.geovirus",
    "gvc": "dateline.evaluation.gvc",
    "gvdb": "dateline.evaluation.gvdb",
    "polnear": "dateline.evaluation.polnear",
    "ecbplus": "dateline.evaluation.ecbplus",
}


@dataclass
class SuiteResult:
    """A suite's scores (JSON-ready) and the same as a printable table."""

    suite: str
    scores: dict[str, Any]
    table: str
    notes: list[str] = field(default_factory=list)


def run_suite(name: str, path: Path, settings: Settings, limit: int | None = None) -> SuiteResult:
    """Run one suite by name on its gold data folder."""
    module = importlib.import_module(SUITES[name])
    result: SuiteResult = module.run(path, settings, limit=limit)
    return result
