"""The benchmark: a deterministic varied corpus, honest arithmetic on the runs, and real (tiny) timed runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.bench import corpus as bench_corpus
from dateline.bench import throughput as bench
from dateline.records import RawDocument
from dateline.settings import Settings


def _run(articles: int = 10, words: int = 7000, workers: int = 2, seconds: float = 2.0, mb: float = 500.0) -> bench.Run:
    return bench.Run(articles=articles, words=words, workers=workers, seconds=seconds, peak_worker_mb=mb)


def test_bench_cpu_ratio_compares_cpu_seconds_per_word() -> None:
    floor = bench.Run(articles=10, words=7000, workers=2, seconds=2.0, peak_worker_mb=500.0, cpu_seconds=3.5)
    whole = bench.Run(articles=10, words=7000, workers=2, seconds=9.0, peak_worker_mb=500.0, cpu_seconds=7.0)
    report = bench.BenchReport(floor=floor, pipeline=whole, pipeline_one_worker=whole, scale_1x=whole, scale_10x=whole)
    assert report.cpu_ratio == pytest.approx(0.5)
    assert report.as_json()["cpu_ratio_pipeline_to_floor"] == pytest.approx(0.5)
    assert "by CPU seconds per word: 0.50" in report.as_text()


def test_bench_cpu_ratio_absent_without_cpu_figures() -> None:
    report = bench.BenchReport(
        floor=_run(), pipeline=_run(), pipeline_one_worker=_run(), scale_1x=_run(), scale_10x=_run()
    )
    assert report.cpu_ratio == 0.0
    assert "CPU seconds" not in report.as_text()


def test_bench_corpus_same_seed_same_articles() -> None:
    assert bench_corpus.build_corpus(5) == bench_corpus.build_corpus(5)
    assert bench_corpus.build_corpus(3, seed=7) != bench_corpus.build_corpus(3, seed=8)


def test_bench_corpus_articles_about_700_words_all_different() -> None:
    corpus = bench_corpus.build_corpus(30)
    sizes = [len((raw.text or "").split()) for raw in corpus]
    assert len(corpus) == 30
    assert all(700 <= size <= 1100 for size in sizes)
    assert len({raw.text for raw in corpus}) == 30
    assert len({raw.id for raw in corpus}) == 30


@pytest.mark.parametrize("count", [0, 1])
def test_bench_corpus_small_counts(count: int) -> None:
    assert len(bench_corpus.build_corpus(count)) == count


def test_bench_swap_places_loaded_from_knowledge() -> None:
    places = bench_corpus.load_swap_places()
    assert "Mosul" in places
    assert "name" not in places


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("# comment\ncity\nMosul\n", ":2: expected the header"),
        ("name\nMosul\tIraq\n", ":2: one place name"),
        ("name\n", "no place names"),
    ],
)
def test_bench_swap_places_bad_file_names_the_line(
    content: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "places.tsv"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr(bench_corpus, "PLACES_FILE", bad)
    bench_corpus.load_swap_places.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            bench_corpus.load_swap_places()
    finally:
        bench_corpus.load_swap_places.cache_clear()


def test_bench_report_arithmetic() -> None:
    report = bench.BenchReport(
        floor=_run(words=8000, seconds=1.0),
        pipeline=_run(words=8000, seconds=2.0, articles=10),
        pipeline_one_worker=_run(articles=10, seconds=3.0, workers=1),
        scale_1x=_run(articles=10, seconds=2.0),
        scale_10x=_run(articles=100, seconds=21.0),
        stage_share={"parse (spaCy)": 0.5},
    )
    assert report.ratio == pytest.approx(0.5)
    assert report.speedup == pytest.approx(1.5)
    assert report.scale_factor == pytest.approx(10.5)
    data = report.as_json()
    assert data["pipeline"]["articles_per_s"] == pytest.approx(5.0)
    assert data["ratio_pipeline_to_floor"] == pytest.approx(0.5)
    assert "pipeline / floor (words/s): 0.50" in report.as_text()
    assert "parse (spaCy) 50%" in report.as_text()


def test_bench_report_zero_times_do_not_divide_by_zero() -> None:
    zero = _run(seconds=0.0)
    report = bench.BenchReport(zero, zero, zero, zero, zero)
    assert (report.ratio, report.speedup, report.scale_factor) == (0.0, 0.0, 0.0)


SHORT = (
    "Militants attacked an army post near Tikrit on Monday, killing three soldiers, officials said.",
    "Two rockets struck a base outside Baghdad on Thursday; no one was hurt, the army said.",
)


def _short_corpus() -> list[RawDocument]:
    return [RawDocument(origin=f"t:{i}", text=text, published="2020-01-09") for i, text in enumerate(SHORT)]


@pytest.mark.parametrize("workers", [1, 2])
def test_bench_measured_runs_count_everything(resources: object, workers: int) -> None:
    settings = Settings(batch_size=1)
    words = sum(len(text.split()) for text in SHORT)
    for run in (
        bench.measure_floor(_short_corpus(), settings, workers),
        bench.measure_pipeline(_short_corpus(), settings, workers),
    ):
        assert (run.articles, run.words, run.workers) == (2, words, workers)
        assert run.seconds > 0
        assert 50 < run.peak_worker_mb < 1536


def test_bench_profile_shares_name_every_stage(resources: object) -> None:
    shares = bench.profile_stages(_short_corpus(), Settings())
    assert set(shares) == set(bench.PROFILED_STAGES)
    assert shares["parse (spaCy)"] > 0
    assert all(0 <= share <= 1 for share in shares.values())


def test_bench_report_names_the_engine() -> None:
    run = _run()
    report = bench.BenchReport(run, run, run, run, run, engine="dask")
    assert report.as_json()["engine"] == "dask"
    assert "pipeline engine: dask" in report.as_text()


@pytest.mark.slow  # a spawned process starts a LocalCluster whose worker loads the model: ~10 s
def test_bench_dask_engine_run_counts_everything(resources: object) -> None:
    pytest.importorskip("dask.distributed")
    run = bench.measure_pipeline(_short_corpus(), Settings(batch_size=1), 1, engine="dask")
    assert (run.articles, run.words, run.workers) == (2, sum(len(text.split()) for text in SHORT), 1)
    assert 0 < run.seconds < 60  # the timing starts after the cluster is up and the model loaded


def test_bench_combined_run_adds_counts_and_times_and_keeps_the_highest_peak() -> None:
    parts = [_run(articles=3, words=2000, seconds=1.5, mb=400.0), _run(articles=4, words=3000, seconds=2.5, mb=450.0)]
    whole = bench.Run.combined(parts)
    assert (whole.articles, whole.words, whole.workers) == (7, 5000, 2)
    assert whole.seconds == pytest.approx(4.0)
    assert whole.peak_worker_mb == 450.0


def test_bench_report_prints_the_ratio_of_each_round() -> None:
    run = _run()
    report = bench.BenchReport(run, run, run, run, run, round_ratios=(0.81, 0.86))
    assert report.as_json()["ratio_by_round"] == [0.81, 0.86]
    assert "in each of 2 interleaved rounds: 0.81, 0.86" in report.as_text()


@pytest.mark.parametrize("rounds", [1, 2, 5])
def test_bench_interleaved_rounds_cover_every_article_once(resources: object, rounds: int) -> None:
    corpus = _short_corpus()
    floor, whole, ratios, ingests = bench._interleaved(corpus, Settings(batch_size=1), 1, "local", rounds, None)
    words = sum(len(text.split()) for text in SHORT)
    assert (floor.articles, floor.words) == (whole.articles, whole.words) == (2, words)
    assert len(ratios) == min(rounds, len(corpus))
    assert all(ratio > 0 for ratio in ratios)
    assert ingests == []  # no loaded database given: no ingest runs


def test_bench_loaded_database_holds_the_events_each_in_a_cluster(tmp_path: Path) -> None:
    from dateline.bench.ingest import build_loaded_database
    from dateline.store import Store

    assert build_loaded_database(tmp_path / "loaded.duckdb", events=60) == 60
    with Store(tmp_path / "loaded.duckdb", read_only=True) as store:
        assert store.unclustered_event_ids() == []
        assert store.count_rows("events") == store.count_rows("clusters") == 60
        months = {row["date_start"].strftime("%Y-%m") for row in store.iter_rows("events") if row["date_start"]}
    assert len(months) == 6  # six articles, each in a month of its own


def test_bench_ingest_runs_count_every_article_fresh_and_loaded(resources: object, tmp_path: Path) -> None:
    from dateline.bench.ingest import build_loaded_database

    build_loaded_database(tmp_path / "loaded.duckdb", events=20)
    settings = Settings(batch_size=1)
    words = sum(len(text.split()) for text in SHORT)
    fresh = bench.measure_ingest(_short_corpus(), settings, 1)
    into_loaded = bench.measure_ingest(_short_corpus(), settings, 1, tmp_path / "loaded.duckdb")
    for run in (fresh, into_loaded):
        assert (run.articles, run.words) == (2, words)
        assert run.seconds > 0
    report = bench.BenchReport(fresh, fresh, fresh, fresh, fresh, ingest=fresh, ingest_loaded=into_loaded)
    assert report.as_json()["ingest_loaded"]["articles"] == 2
    assert "ingest / floor (words/s): 1.00" in report.as_text()


def test_bench_ingest_runs_through_the_launcher_count_every_article(resources: object, tmp_path: Path) -> None:
    # The launcher forks each ingest run from a process of its own (made before the bench loads the model).
    from dateline.bench.ingest import build_loaded_database

    build_loaded_database(tmp_path / "loaded.duckdb", events=20)
    settings = Settings(batch_size=1)
    words = sum(len(text.split()) for text in SHORT)
    with bench.IngestLauncher() as launcher:
        runs = [
            bench.measure_ingest(_short_corpus(), settings, 1, loaded, launcher)
            for loaded in (None, tmp_path / "loaded.duckdb")
        ]
    for run in runs:
        assert (run.articles, run.words, run.workers) == (2, words, 1)
        assert run.cpu_seconds > 0
        assert run.seconds > 0
