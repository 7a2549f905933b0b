"""GVC document clustering suite on a small sample of the dev split (reads ../shared/eval through eval_dir)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.evaluation import gvc_clustering
from dateline.settings import Settings


@pytest.mark.slow
def test_resolve_gvc_clustering_runs_on_a_sample(eval_dir: Path, resources: Any, settings: Settings) -> None:
    result = gvc_clustering.run(eval_dir / "gvc", settings, limit=12)
    scores = result.scores["dateline"]
    assert 0.0 <= scores["conll_f1"] <= 1.0
    assert scores["predicted_clusters"] <= result.scores["baseline_singletons"]["predicted_clusters"]
    assert result.scores["baseline_singletons"]["b3_p"] == pytest.approx(1.0)
    assert "conll_f1" in result.table


def test_resolve_ecbplus_reads_documents_from_conll_tokens(tmp_path: Path) -> None:
    from dateline.evaluation.ecbplus import read_documents

    lines = [
        "#begin document (7/7ecb/1); part 0",
        "7/7ecb/1\t0\t0\tTroops\t-",
        "7/7ecb/1\t0\t1\tleft\t(ACT1)",
        "7/7ecb/1\t0\t2\t.\t-",
        "#end document",
        "7/7ecbplus/2\t0\t0\tRain\t-",
        "7/7ecbplus/2\t0\t1\tfell\t-",
    ]
    (tmp_path / "val").mkdir()
    (tmp_path / "val" / "dataset.conll").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_documents(tmp_path) == {"7/7ecb/1": "Troops left.", "7/7ecbplus/2": "Rain fell"}
    assert read_documents(tmp_path, limit=1) == {"7/7ecb/1": "Troops left."}
