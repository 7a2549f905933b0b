"""Pure resolution logic: pair scoring, blocking and incremental clustering on hand-made reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from dateline.resolve import Report, attach, comparable, link, load_config
from dateline.resolve.cluster import BlockIndex
from dateline.resolve.config import parse_config
from dateline.resolve.score import LazyWords, comparable_link, haversine_km, text_vector

CONFIG = load_config()
MOSUL = (36.335, 43.119)
RAMADI = (33.4206, 43.3058)


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def report(
    id_: str,
    *,
    type_: str = "ASSAULT",
    first: str | None = "2016-07-03",
    last: str | None = None,
    where: tuple[float, float] | None = MOSUL,
    country: str | None = "IQ",
    text: str = "A car bomb exploded at a crowded market in the city, killing dozens of shoppers",
    article: str | None = None,
    actors: frozenset[str] = frozenset(),
    killed: int | None = None,
    factual: bool = True,
    evidence: tuple[int, int] = (0, 10),
) -> Report:
    return Report(
        id=id_,
        article_id=article or "a" + id_,
        type=type_,
        family=CONFIG.family_of[type_],
        first_day=_day(first) if first else None,
        last_day=_day(last or first) if first else None,
        lat=where[0] if where else None,
        lon=where[1] if where else None,
        country=country,
        actor_ids=actors,
        killed=killed,
        words=text_vector(text, CONFIG.stopwords),
        factual=factual,
        evidence=evidence,
    )


def partition(reports: list[Report]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for attachment in attach(reports, [], CONFIG):
        groups.setdefault(attachment.cluster, set()).add(attachment.report_id)
    # Cluster keys name the first report taken; compare memberships only.
    return {frozenset(group) for group in groups.values()}


def test_resolve_same_bombing_two_outlets_merge() -> None:
    first = report("1", killed=40, text="A car bomb tore through a crowded market in Mosul, killing 40 people")
    second = report("2", killed=42, text="At least 42 people died when a car bomb hit a busy market in Mosul")
    assert comparable(first, second, CONFIG)
    assert link(first, second, CONFIG).score >= CONFIG.threshold
    assert partition([first, second]) == {frozenset({"1", "2"})}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"first": "2017-07-03"}, "a year apart"),
        ({"where": RAMADI}, "different city"),
        ({"country": "SY"}, "different country"),
        ({"type_": "PROTEST"}, "different type family"),
        ({"factual": False}, "negated or hypothetical report"),
        ({"article": "a1", "evidence": (5, 20)}, "same words of one article"),
    ],
)
def test_resolve_look_alikes_not_comparable(change: dict[str, object], why: str) -> None:
    first = report("1")
    second = report("2", **change)  # type: ignore[arg-type]
    assert not comparable(first, second, CONFIG), why


@pytest.mark.parametrize(
    "change",
    [{"first": "2017-07-03"}, {"country": "SY"}, {"factual": False}, {"where": RAMADI}],
)
def test_resolve_attach_turns_away_what_comparable_turns_away(change: dict[str, object]) -> None:
    # attach's inline tests (dates, factual, country: before the pair is scored) agree with `comparable`, whichever
    # of the two reports is the new one
    first, second = report("1"), report("2", **change)  # type: ignore[arg-type]
    for new, stored in ((second, first), (first, second)):
        attachments = attach([new], [(stored, "c" + stored.id)], CONFIG)
        assert [(a.cluster, a.linked_to) for a in attachments] == [("+" + new.id, None)]
    assert attach([report("2")], [(first, "c1")], CONFIG)[0].linked_to == "1"


def test_resolve_recap_sentence_in_same_article_can_merge() -> None:
    first = report("1", article="a1", evidence=(0, 80))
    second = report("2", article="a1", evidence=(400, 470))
    assert partition([first, second]) == {frozenset({"1", "2"})}


def test_resolve_undated_report_meets_only_same_type_same_place() -> None:
    dated = report("1", type_="COERCE", where=RAMADI, text="Militants captured Ramadi after days of fighting")
    undated = report("2", type_="COERCE", first=None, where=RAMADI, text="The capture of Ramadi by militants")
    elsewhere = report("3", type_="COERCE", first=None, where=MOSUL, text="The capture of Ramadi by militants")
    assert comparable(dated, undated, CONFIG)
    assert not comparable(dated, elsewhere, CONFIG)
    assert link(dated, undated, CONFIG).parts["date"] is None


def test_resolve_link_parts_explain_the_score() -> None:
    found = link(report("1", killed=10), report("2", killed=20), CONFIG)
    assert found.parts["casualties"] == pytest.approx(0.5)
    assert found.parts["actors"] is None
    assert set(found.parts) == {"type", "date", "place", "actors", "casualties", "text"}


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "123 456", "🙂🙂"])
def test_resolve_hostile_evidence_text(text: str) -> None:
    assert text_vector(text, CONFIG.stopwords) == {}
    found = link(report("1", text=text), report("2", text=text), CONFIG)
    assert found.parts["text"] is None


def test_resolve_partition_does_not_depend_on_arrival_order() -> None:
    rng = random.Random(7)
    reports = [
        report(
            str(number),
            first=(dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(40))).isoformat(),
            where=(MOSUL, RAMADI)[number % 2],
            text=("market bomb shoppers killed", "checkpoint attack soldiers killed")[number % 3 % 2],
        )
        for number in range(60)
    ]
    shuffled = reports[:]
    rng.shuffle(shuffled)
    assert partition(reports) == partition(shuffled)


def test_resolve_incremental_attaches_to_existing_cluster() -> None:
    existing = [(report("1"), "c1")]
    attachments = attach([report("2")], existing, CONFIG)
    assert [(a.report_id, a.cluster, a.linked_to) for a in attachments] == [("2", "c1", "1")]


def test_resolve_haversine_known_distance() -> None:
    assert haversine_km(*MOSUL, *RAMADI) == pytest.approx(325, abs=10)


def test_resolve_config_rejects_unknown_type() -> None:
    raw = {
        "families": {"force": ["ASSAULT", "BOMBING"]},
        "type_same_family": 0.5,
        "date_slack_days": 1,
        "near_km": 1,
        "far_km": 2,
        "block_km": 3,
        "same_admin1": 0.5,
        "same_country": 0.2,
        "weights": {"type": 1},
        "threshold": 0.5,
        "stopwords": [],
    }
    with pytest.raises(ValueError, match="BOMBING"):
        parse_config(raw)


def test_resolve_cluster_scores_perfect_and_impure() -> None:
    from dateline.evaluation.gvc_clustering import cluster_scores

    gold: list[frozenset[object]] = [frozenset({"a", "b"}), frozenset({"c"})]
    perfect = cluster_scores(gold, gold)
    assert perfect["conll_f1"] == pytest.approx(1.0)
    assert perfect["impure_share"] == 0
    merged = cluster_scores(gold, [frozenset({"a", "b", "c"})])
    assert merged["impure_clusters"] == 1
    assert merged["cluster_count_error"] == -1


def test_resolve_document_config_overrides() -> None:
    from dateline.resolve.config import document_config

    document = document_config(CONFIG)
    assert document.date_slack_days == int(CONFIG.document["date_slack_days"])
    assert document.family_of == CONFIG.family_of


def test_resolve_comparable_link_same_link_or_none_below_the_floor() -> None:
    """The short cut the clusterer takes gives the full link whenever the pair can reach the floor, and None when the
    pair is not comparable or its score is below the floor."""
    rng = random.Random(3)
    words = ["bomb", "market", "shelling", "convoy", "village", "soldiers", "killed", "wounded", "rocket", "checkpoint"]
    places = [MOSUL, RAMADI, (36.4, 43.2), None]
    outcomes: set[str] = set()
    for number in range(300):
        pair = [
            report(
                f"{number}-{side}",
                type_=rng.choice(["ASSAULT", "COERCE"]),
                first=f"2016-07-{rng.randint(1, 6):02d}",
                where=rng.choice(places),
                killed=rng.choice([None, 5, 40]),
                actors=frozenset(rng.sample(["Q1", "Q2", "Q3"], rng.randint(0, 2))),
                text=" ".join(rng.sample(words, 4)),
            )
            for side in "ab"
        ]
        floor = rng.choice([0.3, CONFIG.threshold, 0.8])
        found = comparable_link(pair[0], pair[1], CONFIG, floor)
        if not comparable(pair[0], pair[1], CONFIG) or link(pair[0], pair[1], CONFIG).score < floor:
            assert found is None
            outcomes.add("none")
        else:
            assert found == link(pair[0], pair[1], CONFIG)
            outcomes.add("link")
    assert outcomes == {"none", "link"}


def test_resolve_lazy_words_without_a_shared_word_text_part_zero() -> None:
    first = report("1", text="Shelling hit the northern villages overnight")
    second = report("2", text="Protesters marched through the capital demanding wages")
    lazy_first = dataclasses.replace(first, words=LazyWords("Shelling hit the northern villages", CONFIG.stopwords))
    lazy_second = dataclasses.replace(second, words=LazyWords("Protesters marched demanding wages", CONFIG.stopwords))
    assert link(lazy_first, lazy_second, CONFIG).parts["text"] == 0.0
    assert link(first, second, CONFIG).parts["text"] == 0.0


def test_resolve_place_cell_keeps_its_last_reports_only() -> None:
    """A place cell, like a week's block, offers a new report only its `per_block` last reports (undated ones by id):
    the work per report stays bounded however many undated reports a town gathers."""
    config = dataclasses.replace(CONFIG, max_candidates_per_block=2)
    text = "Gunmen stormed the police station in the old town and burned it down"
    stored = [(report(f"u{number}", first=None, text=text), f"cu{number}") for number in (1, 2, 3)]
    new = report("n1", first="2016-07-03", text=text)
    (attachment,) = attach([new], [], config, near=stored)
    assert attachment.linked_to in {"u2", "u3"}
    (unbounded,) = attach([new], [], CONFIG, near=stored)
    assert unbounded.linked_to == "u1"


def test_resolve_year_precise_report_is_blocked_by_place_and_year_not_by_week() -> None:
    """A report dated by its year alone sits in no week's block (there it would meet every report of its year): a
    report of its type in its place cell meets it, and so does a report of its family dated as loosely that year."""
    text = "Gunmen stormed the police station in the old town and burned it down"
    year = report("y1", first="2016-01-01", last="2016-12-31", text=text)
    assert BlockIndex.blocks_of(year, CONFIG) == []
    assert ("force", 2016) in BlockIndex.wide_blocks_of(year, CONFIG)
    assert BlockIndex.blocks_of(report("m1", first="2016-07-01", last="2016-07-31"), CONFIG)  # a month: by weeks
    index = BlockIndex(CONFIG.date_slack_days, CONFIG.max_candidates_per_block, CONFIG.block_max_days)
    unplaced = report("y2", first="2016-01-01", last="2016-12-31", where=None, text=text)
    index.load([(year, "cy1"), (unplaced, "cy2")])
    assert [found.id for found in index.candidates(report("d1", text=text))] == ["y1"]  # its cell
    assert list(index.candidates(report("d2", where=RAMADI, text=text))) == []  # the same week, another cell
    assert list(index.candidates(report("d3", where=None, text=text))) == []
    loose = report("y3", type_="COERCE", first="2016-01-01", last="2016-12-31", where=None, text=text)
    assert {found.id for found in index.candidates(loose)} == {"y1", "y2"}  # its family, that year
    assert {
        found.id for found in index.candidates(report("y4", first="2019-01-01", last="2019-12-31", where=None))
    } == set()


def test_resolve_year_precise_reports_still_merge() -> None:
    text = "Gunmen stormed the police station in the old town and burned it down"
    stored = [(report("y1", first="2016-01-01", last="2016-12-31", text=text), "cy1")]
    (here,) = attach([report("d1", text=text)], stored, CONFIG)
    assert here.linked_to == "y1"
    stored_unplaced = [(report("y2", first="2016-01-01", last="2016-12-31", where=None, text=text), "cy2")]
    (loose,) = attach(
        [report("y3", first="2016-01-01", last="2016-12-31", where=None, text=text)], stored_unplaced, CONFIG
    )
    assert loose.linked_to == "y2"
