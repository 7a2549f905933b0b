"""Candidates of a batch read from the store: light reports (block columns only) for the stored reports that cannot
pass the cheap tests of a pair with any new report, whole ones for the others; the plan is the same as with every
candidate read whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dateline.resolve as resolve
from dateline.bench.synthetic import synthetic_extraction
from dateline.resolve import ReportCache, load_config, plan_clusters, storage
from dateline.resolve.score import Report
from dateline.store import ClusterPlan, Store, rows

CONFIG = load_config()
AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _report(
    id_: str,
    first: str | None,
    *,
    last: str | None = None,
    type_: str = "ASSAULT",
    country: str | None = "IQ",
    where: tuple[float, float] | None = (36.335, 43.119),
    factual: bool = True,
) -> Report:
    day = dt.date.fromisoformat
    return Report(
        id=id_,
        article_id="a" + id_,
        type=type_,
        family=CONFIG.family_of[type_],
        first_day=day(first).toordinal() if first else None,
        last_day=day(last or first).toordinal() if first else None,
        lat=where[0] if where else None,
        lon=where[1] if where else None,
        country=country,
        factual=factual,
    )


def test_resolve_may_meet_follows_the_cheap_tests_of_a_pair() -> None:
    new = [_report("n1", "2021-03-10"), _report("n2", "2021-05-01", country=None, type_="PROTEST")]
    may_meet = resolve._may_meet(new, CONFIG)
    assert may_meet(_report("s1", "2021-03-11"))  # a day apart: within the slack
    assert may_meet(_report("s2", "2021-03-01", last="2021-03-31"))  # a month that holds the day
    assert may_meet(_report("s3", "2021-03-10", country=None))  # no country: any new report's
    assert may_meet(_report("s4", "2021-05-01", type_="PROTEST", country="SY"))  # the new report has no country
    assert not may_meet(_report("s5", "2021-03-10", country="SY"))  # another country
    assert not may_meet(_report("s6", "2021-03-20"))  # ten days apart
    assert not may_meet(_report("s7", "2021-03-10", factual=False))
    assert not may_meet(_report("s8", "2021-03-10", type_="PROTEST"))  # another family on that day


def test_resolve_may_meet_undated_new_report_meets_its_cells() -> None:
    may_meet = resolve._may_meet([_report("n1", None)], CONFIG)
    assert may_meet(_report("s1", "2019-01-01"))  # same type, same cell: an undated report meets it
    assert not may_meet(_report("s2", "2019-01-01", where=(33.42, 43.31)))  # another cell
    assert not may_meet(_report("s3", "2019-01-01", type_="COERCE"))  # cells are by type


@pytest.fixture()
def loaded(tmp_path: Path) -> Path:
    path = tmp_path / "loaded.duckdb"
    with Store(path) as store:
        batch = [
            synthetic_extraction(number, seed=7, events_per_article=4, month=("2021-03", "2021-04")[number % 2])
            for number in range(80)
        ]
        result = store.write_batch(batch)
        store.assign_singleton_clusters(result.new_event_ids)
    return path


def _plan(path: Path, monkeypatch: pytest.MonkeyPatch, *, whole: bool) -> tuple[ClusterPlan, int]:
    made_light: list[int] = []
    light_reports = storage.light_reports

    def counted(columns: dict[str, list[object]], config: object) -> list[Report]:
        found = light_reports(columns, config)  # type: ignore[arg-type]
        made_light.append(len(found))
        return found

    monkeypatch.setattr(resolve, "light_reports", counted)
    if whole:
        monkeypatch.setattr(resolve, "_may_meet", lambda new_reports, config: lambda stored: True)
    new = [synthetic_extraction(number, seed=8, events_per_article=4, month="2021-03") for number in range(12)]
    event_rows = [row for extraction in new for row in rows.extraction_rows(extraction, AT)["events"]]
    parts = [event_rows[: len(event_rows) // 2], event_rows[len(event_rows) // 2 :]]
    with Store(path) as store:
        plan = plan_clusters(store, parts, cache=ReportCache())
    monkeypatch.undo()
    return plan, sum(made_light)


def test_resolve_light_candidates_plan_as_whole_ones(loaded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    light_plan, members = _plan(loaded, monkeypatch, whole=False)
    whole_plan, _ = _plan(loaded, monkeypatch, whole=True)
    assert members > 0
    assert light_plan == whole_plan
    assert light_plan.links and light_plan.renamed  # the batch did join stored clusters: real work compared


def test_resolve_light_reports_are_not_scored(loaded: Path) -> None:
    new = [synthetic_extraction(number, seed=8, events_per_article=4, month="2021-03") for number in range(6)]
    event_rows = [row for extraction in new for row in rows.extraction_rows(extraction, AT)["events"]]
    cache = ReportCache()
    new_reports = [cache.report(row, CONFIG) for row in event_rows]
    with Store(loaded) as store:
        blocked, near = resolve._candidates(store, new_reports, CONFIG, cache)
    may_meet = resolve._may_meet(new_reports, CONFIG)
    light = [report for report, _ in blocked if report.light]
    assert light  # April's reports and other countries' cannot meet March's batch
    assert not any(may_meet(report) for report in light)
    assert all(not report.light and report.article_id for report, _ in blocked if may_meet(report))
    assert all(not report.light for report, _ in near)


def test_resolve_year_precise_reports_read_by_year_not_by_week(loaded: Path) -> None:
    """The store offers a report blocked by weeks only reports blocked by weeks, and a year-precise report only the
    wide reports of its family and years (and, placed, those of its cells)."""
    with Store(loaded) as store:
        day = _report("n1", "2021-03-10", where=None)
        blocked, near = resolve._candidates(store, [day], CONFIG, ReportCache())
        assert blocked and not near
        assert all(found.last_day - found.first_day < CONFIG.block_max_days for found, _ in blocked)  # type: ignore[operator]
        year = _report("n2", "2021-01-01", last="2021-12-31", where=None)
        blocked, near = resolve._candidates(store, [year], CONFIG, ReportCache())
        assert blocked and not near
        assert all(found.last_day - found.first_day >= CONFIG.block_max_days for found, _ in blocked)  # type: ignore[operator]
