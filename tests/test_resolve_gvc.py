"""GVC document clustering suite on a small sample of the dev split (reads ../shared/eval through eval_dir)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.evaluation import ecbplus, gvc_clustering
from dateline.evaluation.data import NoGoldDataError, Selection
from dateline.settings import Settings


@pytest.mark.slow
def test_resolve_gvc_clustering_runs_on_a_sample(eval_dir: Path, resources: Any, settings: Settings) -> None:
    result = gvc_clustering.run(eval_dir / "gvc", settings, Selection(split="dev", limit=12))
    scores = result.scores["dateline"]
    assert 0.0 <= scores["conll_f1"] <= 1.0
    assert scores["predicted_clusters"] <= result.scores["baseline_singletons"]["predicted_clusters"]
    assert result.scores["baseline_singletons"]["b3_p"] == pytest.approx(1.0)
    assert "conll_f1" in result.table


ECB_LINES = [
    "#begin document (7/7ecb/1); part 0",
    "7/7ecb/1\t0\t0\tTroops\t-",
    "7/7ecb/1\t0\t1\tleft\t(ACT1)",
    "7/7ecb/1\t0\t2\t.\t-",
    "#end document",
    "7/7ecbplus/2\t0\t0\tRain\t-",
    "7/7ecbplus/2\t0\t1\tfell\t-",
]


def _write_ecb(folder: Path, split: str) -> Path:
    (folder / split).mkdir(parents=True)
    (folder / split / "dataset.conll").write_text("\n".join(ECB_LINES) + "\n", encoding="utf-8")
    return folder


def test_resolve_ecbplus_reads_documents_from_conll_tokens(tmp_path: Path) -> None:
    _write_ecb(tmp_path, "val")
    assert ecbplus.read_documents(tmp_path, "val") == {"7/7ecb/1": "Troops left.", "7/7ecbplus/2": "Rain fell"}
    texts, splits = ecbplus.read_ecbplus(tmp_path, Selection(limit=1))
    assert texts == {"7/7ecb/1": "Troops left."} and splits == ["val"]


def test_resolve_ecbplus_reads_a_test_split_and_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(NoGoldDataError, match="nothing to score"):
        ecbplus.read_ecbplus(tmp_path)
    texts, splits = ecbplus.read_ecbplus(_write_ecb(tmp_path, "test"))
    assert splits == ["test"] and len(texts) == 2


def test_resolve_ecbplus_clusters_a_test_split_through_ingest(
    tmp_path: Path, resources: Any, settings: Settings
) -> None:
    result = ecbplus.run(_write_ecb(tmp_path, "test"), settings)
    assert result.scores["dateline"]["gold_clusters"] == 2
    assert result.scores["dateline"]["predicted_clusters"] >= 1
