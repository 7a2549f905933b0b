"""`dateline eval SUITE DIR` on folders in each data set's published layout (tiny folders written here): every
split present by default, --split to pick one, --part for the tune/check halves, exit 2 when there is nothing to
score."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.evaluation import case2021, conll2003, geovirus, lgl, polnear, tempeval3
from dateline.evaluation.data import NoGoldDataError, Selection, part_of
from dateline.records import Article, TimeExpr
from dateline.settings import Settings

# --- the halves and the splits --------------------------------------------------------------------------------


@pytest.mark.parametrize(("item_id", "part"), [("a", "tune"), ("1", "check"), ("2", "tune"), ("d1", "check")])
def test_evaluation_layouts_part_follows_the_parity_of_the_sha1(item_id: str, part: str) -> None:
    # sha1("a") ends in 8, sha1("1") in b, sha1("2") in 0, sha1("d1") in f: even is tune, odd is check.
    assert part_of(item_id) == part


def test_evaluation_layouts_selection_of_splits_and_items(tmp_path: Path) -> None:
    assert Selection().splits(["train", "dev"], tmp_path, "files") == ["train", "dev"]
    assert Selection(split="dev").splits(["train", "dev"], tmp_path, "files") == ["dev"]
    with pytest.raises(NoGoldDataError, match=r"no split 'test' \(splits here: train, dev\)"):
        Selection(split="test").splits(["train", "dev"], tmp_path, "files")
    with pytest.raises(NoGoldDataError, match="nothing to score: no files"):
        Selection().splits([], tmp_path, "files")
    assert Selection(part="check").items(["a", "1", "d1"], str, tmp_path) == ["1", "d1"]
    assert Selection(part="tune", limit=1).items(["a", "1", "2"], str, tmp_path) == ["a"]
    with pytest.raises(NoGoldDataError, match="nothing to score in the check half"):
        Selection(part="check").items(["a", "2"], str, tmp_path)
    with pytest.raises(NoGoldDataError, match="no tune/check halves"):
        Selection(part="tune").without_ids("conll2003")


# --- the command ----------------------------------------------------------------------------------------------


def _eval(*args: str) -> Any:
    return CliRunner().invoke(app, ["eval", *args])


@pytest.mark.parametrize("suite", ["gvc", "gvdb", "wikievents", "rams", "tempeval3", "conll2003", "polnear", "ecbplus"])
def test_evaluation_layouts_empty_folder_exits_2(tmp_path: Path, suite: str) -> None:
    result = _eval(suite, str(tmp_path))
    assert result.exit_code == 2
    assert "nothing to score" in result.output


def test_evaluation_layouts_missing_split_and_bad_part_exit_2(tmp_path: Path) -> None:
    _write_snippets(tmp_path / "snippets.tsv")
    missing = _eval("case2021", str(tmp_path), "--split", "test")
    assert missing.exit_code == 2 and "no split 'test' (splits here: snippets)" in missing.output
    assert _eval("case2021", str(tmp_path), "--part", "middle").exit_code == 2


# --- case2021: the task's own file names ----------------------------------------------------------------------

SNIPPETS = [("11", "Jets bombed a depot.", "AIR_STRIKE"), ("12", "Police held two men.", "ARREST")]


def _write_snippets(path: Path, rows: Sequence[tuple[str, str, str]] = SNIPPETS) -> Path:
    lines = ["id\tEventSnippet\tSubType", *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluation_layouts_case2021_reads_the_published_test_file(tmp_path: Path) -> None:
    _write_snippets(tmp_path / "test_set_final_release_with_labels.tsv")
    (tmp_path / "notes.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")  # another table: not snippets
    snippets, splits = case2021.read_case(tmp_path)
    assert splits == ["test_set_final_release_with_labels"] and [s.id for s in snippets] == ["11", "12"]
    (only,), _ = case2021.read_case(tmp_path, Selection(part="check"))  # sha1("11") is odd, sha1("12") even
    assert only.id == "11"


def test_evaluation_layouts_case2021_reports_both_halves(tmp_path: Path) -> None:
    def predict(texts: Sequence[str]) -> list[case2021.Prediction]:
        return [case2021.Prediction("AIR_STRIKE") for _ in texts]

    result = case2021.run(_write_snippets(tmp_path / "snippets.tsv").parent, Settings(), predictor=predict)
    parts = result.scores["parts"]
    assert parts["check"]["acled25"]["accuracy"] == 1.0  # snippet 11, right
    assert parts["tune"]["acled25"]["accuracy"] == 0.0  # snippet 12, wrong
    assert "check weighted F1" in result.table


# --- tempeval3: the platinum test folder ----------------------------------------------------------------------

PLATINUM = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>The ferry left port <TIMEX3 tid="t1" type="DATE" value="2013-03-21">on Thursday</TIMEX3>.</TEXT>
</TimeML>
"""


def _find_thursday(articles: Sequence[Article]) -> list[list[TimeExpr] | None]:
    found: list[list[TimeExpr] | None] = []
    for article in articles:
        start = article.text.find("Thursday")
        found.append([TimeExpr("Thursday", start, start + 8, "2013-03-21")] if start >= 0 else [])
    return found


def _write_tempeval(root: Path) -> Path:
    for folder, name in [("te3-platinum", "platinum1"), ("TBAQ-cleaned/TimeBank", "bank1")]:
        (root / folder).mkdir(parents=True)
        (root / folder / f"{name}.tml").write_text(PLATINUM, encoding="utf-8")
    return root


def test_evaluation_layouts_tempeval3_scores_te3_platinum(tmp_path: Path) -> None:
    result = tempeval3.run(
        _write_tempeval(tmp_path), Settings(), Selection(split="te3-platinum"), finder=_find_thursday
    )
    assert set(result.scores) >= {"te3-platinum", "overall"} and "TimeBank" not in result.scores
    assert result.scores["overall"]["value"]["f1"] == 1.0
    platinum_only = tmp_path / "te3-platinum"
    assert tempeval3.read_corpus(platinum_only)[1] == ["te3-platinum"]  # the folder itself holds the .tml files


def test_evaluation_layouts_tempeval3_split_names_a_folder_above_corpora(tmp_path: Path) -> None:
    documents, chosen = tempeval3.read_corpus(_write_tempeval(tmp_path), Selection(split="TBAQ-cleaned"))
    assert chosen == ["TimeBank"] and [d.id for d in documents] == ["bank1"]
    _, everything = tempeval3.read_corpus(tmp_path)
    assert sorted(everything) == ["TimeBank", "te3-platinum"]


# --- conll2003: test.txt, eng.testb -----------------------------------------------------------------------------

CONLL = "-DOCSTART- -X- -X- O\n\nRebels NNS B-NP O\nleft VBD B-VP O\nKassala NNP B-NP I-LOC\n. . O O\n"


@pytest.mark.parametrize("name", ["test.txt", "eng.testb"])
def test_evaluation_layouts_conll2003_reads_the_test_split(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(CONLL, encoding="utf-8")
    files, splits = conll2003.split_files(tmp_path, Selection())
    assert splits == ["test"]
    (sentence,) = conll2003.read_conll(files["test"])
    assert sentence.text == "Rebels left Kassala ." and sentence.entities == ((12, 19, "LOC"),)  # IOB1 start


def test_evaluation_layouts_conll2003_runs_on_test_txt(tmp_path: Path, resources: Any) -> None:
    (tmp_path / "test.txt").write_text(CONLL, encoding="utf-8")
    result = conll2003.run(tmp_path, Settings())
    assert result.scores["splits"] == ["test"] and result.scores["gold_entities"] == 1
    with pytest.raises(NoGoldDataError, match="no tune/check halves"):
        conll2003.run(tmp_path, Settings(), Selection(part="check"))


# --- polnear, lgl, geovirus -----------------------------------------------------------------------------------


def test_evaluation_layouts_polnear_reads_a_test_split_under_data(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "test"
    for name in ("text", "attributions"):
        (folder / name).mkdir(parents=True)
    (folder / "text" / "story.txt").write_text('The mayor said "we will rebuild."', encoding="utf-8")
    (folder / "attributions" / "story_a1.ann").write_text(
        'T1\tSource 0 9\tThe mayor\nT2\tContent 15 33\t"we will rebuild."\nE1\tContent:T2 Source:T1\n',
        encoding="utf-8",
    )
    articles, splits = polnear.read_polnear(tmp_path)
    assert splits == ["test"] and [a.name for a in articles] == ["story"]
    with pytest.raises(NoGoldDataError, match="no split 'dev'"):
        polnear.read_polnear(tmp_path, Selection(split="dev"))


def test_evaluation_layouts_lgl_and_geovirus_halves(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(
        '<articles><article docid="a"><text>Rain in Lima.</text></article>'
        '<article docid="1"><text>Snow in Oslo.</text></article></articles>',
        encoding="utf-8",
    )
    (tmp_path / "GeoVirus.xml").write_text(
        "<articles><article><source>2</source><text>Flu in Cusco.</text></article></articles>", encoding="utf-8"
    )
    assert [a.id for a in lgl.read_lgl(tmp_path, Selection(part="check"))[0]] == ["1"]
    assert [a.id for a in geovirus.read_geovirus(tmp_path, Selection(part="tune"))[0]] == ["2"]
    with pytest.raises(NoGoldDataError, match=r"no lgl\.xml"):
        lgl.read_lgl(tmp_path / "nothing")
