"""`dateline bench`: how fast the whole pipeline runs compared with the spaCy parse alone (the floor).

Reads: a generated corpus (dateline.bench.corpus). Writes: a BenchReport (throughputs, ratio, peak memory per worker,
speed-up from 1 to all workers, time for 1x and 10x a corpus, and where the time goes by stage).
Every run happens in a forked child process so that its peak memory (ru_maxrss of the child and of its workers) is its
own; the model is loaded once in the parent before the forks, as `dateline extract` does before its pool starts. The
ingest runs are forked from a launcher process forked before that load (IngestLauncher), so that, as in `dateline
ingest`, their writer starts before the model is loaded.
"""

from __future__ import annotations

import contextlib
import cProfile
import multiprocessing
import pstats
import resource
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from dateline import clean, jobs, pipeline
from dateline.bench.corpus import build_corpus
from dateline.bench.ingest import build_loaded_database, ingest_work
from dateline.jobs.writer import split_batch, store_batch
from dateline.records import Extraction, RawDocument
from dateline.settings import Settings
from dateline.store import Store

# The stage functions whose cumulative time the profile reports, by the name of the stage.
PROFILED_STAGES: dict[str, tuple[str, str]] = {
    "clean": ("dateline/clean/", "clean_with_notes"),
    "parse (spaCy)": ("dateline/nlp/", "parse_texts"),
    "times": ("dateline/times/", "find_times"),
    "places": ("dateline/places/", "find_places"),
    "actors": ("dateline/actors/", "find_actors"),
    "events": ("dateline/events/", "find_events"),
    "quotes": ("dateline/quotes/", "find_quotes"),
    # ingest only: storing a batch (its merge included), and the merge of its events alone
    "store + merge": ("dateline/jobs/writer.py", "store_batch"),
    "merge": ("dateline/resolve/", "plan_clusters"),
}


@dataclass(frozen=True)
class Run:
    """One timed run: how many articles and words, how long, and the peak resident memory of one worker."""

    articles: int
    words: int
    workers: int
    seconds: float
    peak_worker_mb: float
    # CPU seconds of the run's process and its local workers: steadier than wall time on a shared machine.
    cpu_seconds: float = 0.0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "articles_per_s": self.articles_per_s, "words_per_s": self.words_per_s}

    @classmethod
    def combined(cls, runs: Sequence[Run]) -> Run:
        """Runs over the parts of one corpus as one run over all of it: counts and times added, the highest peak."""
        return cls(
            articles=sum(run.articles for run in runs),
            words=sum(run.words for run in runs),
            workers=runs[0].workers,
            seconds=sum(run.seconds for run in runs),
            peak_worker_mb=max(run.peak_worker_mb for run in runs),
            cpu_seconds=sum(run.cpu_seconds for run in runs),
        )


def throughput_ratio(floor: Run, pipeline: Run) -> float:
    """Pipeline throughput over the floor's (words/s): 1.0 means dateline costs no more than the parse."""
    return pipeline.words_per_s / floor.words_per_s if floor.words_per_s else 0.0


@dataclass(frozen=True)
class BenchReport:
    floor: Run
    pipeline: Run
    pipeline_one_worker: Run
    scale_1x: Run
    scale_10x: Run
    stage_share: dict[str, float] = field(default_factory=dict)
    engine: str = "local"
    # The ratio in each round of the interleaved floor and pipeline runs (see run_bench): the spread of the figure.
    round_ratios: tuple[float, ...] = ()
    # `ingest` into a fresh database and into one holding about 200,000 events (dateline.bench.ingest), when measured.
    ingest: Run | None = None
    ingest_loaded: Run | None = None

    @property
    def ingest_ratio(self) -> float:
        """Ingest throughput over the floor's (words/s)."""
        return throughput_ratio(self.floor, self.ingest) if self.ingest else 0.0

    @property
    def loaded_slowdown(self) -> float:
        """Time per article of the ingest into the loaded database over that into a fresh one (1.0: no slower)."""
        if not self.ingest or not self.ingest_loaded or not self.ingest.articles_per_s:
            return 0.0
        return self.ingest.articles_per_s / self.ingest_loaded.articles_per_s if self.ingest_loaded.seconds else 0.0

    @property
    def ratio(self) -> float:
        """Pipeline throughput over the floor's (words/s) over the whole corpus (see throughput_ratio)."""
        return throughput_ratio(self.floor, self.pipeline)

    @property
    def cpu_ratio(self) -> float:
        """Floor CPU seconds per word over the pipeline's: the ratio as the processors see it, whatever else runs."""
        floor_cost = self.floor.cpu_seconds / self.floor.words if self.floor.words else 0.0
        pipeline_cost = self.pipeline.cpu_seconds / self.pipeline.words if self.pipeline.words else 0.0
        return floor_cost / pipeline_cost if pipeline_cost else 0.0

    @property
    def speedup(self) -> float:
        """Throughput with all workers over throughput with one."""
        one = self.pipeline_one_worker.articles_per_s
        return self.pipeline.articles_per_s / one if one else 0.0

    @property
    def scale_factor(self) -> float:
        """Time of the 10x corpus over time of the 1x one (10.0 is linear)."""
        return self.scale_10x.seconds / self.scale_1x.seconds if self.scale_1x.seconds else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "floor": self.floor.as_json(),
            "pipeline": self.pipeline.as_json(),
            "pipeline_one_worker": self.pipeline_one_worker.as_json(),
            "ratio_pipeline_to_floor": self.ratio,
            "cpu_ratio_pipeline_to_floor": self.cpu_ratio,
            "ratio_by_round": list(self.round_ratios),
            "speedup_1_to_all_workers": self.speedup,
            "scale_1x": self.scale_1x.as_json(),
            "scale_10x": self.scale_10x.as_json(),
            "scale_10x_over_1x_time": self.scale_factor,
            "stage_share_of_time": self.stage_share,
            **(
                {
                    "ingest": self.ingest.as_json(),
                    "ingest_loaded": self.ingest_loaded.as_json(),
                    "ratio_ingest_to_floor": self.ingest_ratio,
                    "ingest_loaded_over_fresh_time_per_article": self.loaded_slowdown,
                }
                if self.ingest and self.ingest_loaded
                else {}
            ),
        }

    def as_text(self) -> str:
        lines = [
            f"{'run':<22}{'articles':>9}{'workers':>8}{'seconds':>9}{'articles/s':>11}{'words/s':>9}{'peak MB':>9}",
        ]
        for name, run in (
            ("floor (spaCy only)", self.floor),
            ("pipeline", self.pipeline),
            ("pipeline, 1 worker", self.pipeline_one_worker),
            ("pipeline 1x", self.scale_1x),
            ("pipeline 10x", self.scale_10x),
            *((("ingest, fresh db", self.ingest),) if self.ingest else ()),
            *((("ingest, 200k-event db", self.ingest_loaded),) if self.ingest_loaded else ()),
        ):
            lines.append(
                f"{name:<22}{run.articles:>9}{run.workers:>8}{run.seconds:>9.1f}{run.articles_per_s:>11.2f}"
                f"{run.words_per_s:>9.0f}{run.peak_worker_mb:>9.0f}"
            )
        lines.append(f"pipeline engine: {self.engine} (the floor always runs on local worker processes)")
        cpu = f"; by CPU seconds per word: {self.cpu_ratio:.2f}" if self.pipeline.cpu_seconds else ""
        lines.append(f"pipeline / floor (words/s): {self.ratio:.2f}{cpu}")
        if len(self.round_ratios) > 1:
            by_round = ", ".join(f"{ratio:.2f}" for ratio in self.round_ratios)
            lines.append(f"pipeline / floor in each of {len(self.round_ratios)} interleaved rounds: {by_round}")
        if self.ingest and self.ingest_loaded:
            lines.append(
                f"ingest / floor (words/s): {self.ingest_ratio:.2f}; time per article into the loaded db / into a "
                f"fresh one: {self.loaded_slowdown:.2f}"
            )
        lines.append(f"speed-up 1 -> {self.pipeline.workers} workers: {self.speedup:.2f}x")
        lines.append(f"10x corpus time / 1x corpus time: {self.scale_factor:.2f}")
        if self.stage_share:
            shares = ", ".join(f"{name} {share:.0%}" for name, share in self.stage_share.items())
            lines.append(f"time by stage (cProfile, 1 process): {shares}")
        return "\n".join(lines)


def _peak_mb() -> float:
    """Peak resident memory of this process or of any worker it waited for, in MB (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


# A benchmark job: returns the articles and words it processed, the seconds its timed part took and the CPU seconds
# of its untimed part (left out of the run's CPU figure).
Job = Callable[[], tuple[int, int, float, float]]


def _timed(work: Callable[[], tuple[int, int]]) -> Job:
    """A job timed from start to end."""

    def job() -> tuple[int, int, float, float]:
        start = time.perf_counter()
        articles, words = work()
        return articles, words, time.perf_counter() - start, 0.0

    return job


def _cpu_seconds() -> float:
    """User + system CPU of this process and of the children it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _in_child(job: Job, workers: int) -> Run:
    """Run `job` in a forked process; the child's peak memory is the run's own."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child(out: Connection) -> None:
        cpu_start = _cpu_seconds()
        articles, words, seconds, untimed_cpu = job()
        out.send(Run(articles, words, workers, seconds, _peak_mb(), _cpu_seconds() - cpu_start - untimed_cpu))

    process = context.Process(target=child, args=(sender,))
    process.start()
    sender.close()
    run: Run = receiver.recv()
    process.join()
    return run


def _words(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


def _parse_only(texts: list[str]) -> int:
    """The floor's unit of work in a worker: parse the texts with dateline's spaCy pipeline and keep nothing."""
    settings = _FLOOR_SETTINGS or Settings()
    nlp = pipeline.load_resources(settings).nlp
    return sum(1 for _doc in nlp.pipe(texts, batch_size=settings.batch_size))


_FLOOR_SETTINGS: Settings | None = None


def _floor_job(texts: list[str], settings: Settings, workers: int) -> Job:
    def job() -> tuple[int, int]:
        global _FLOOR_SETTINGS
        _FLOOR_SETTINGS = settings
        batches = list(jobs.batched(texts, max(1, settings.batch_size)))
        if workers == 1:
            parsed = sum(_parse_only(batch) for batch in batches)
        else:
            # The pipeline's own worker start (model loaded, then frozen out of the cyclic collector's way), so
            # that the floor's workers run exactly as the pipeline's do.
            context = multiprocessing.get_context("fork")
            with context.Pool(processes=workers, initializer=jobs.start_worker, initargs=(settings,)) as pool:
                parsed = sum(pool.imap(_parse_only, batches))
        return parsed, _words(texts)

    return _timed(job)


def _count(extractions: Iterable[Extraction]) -> tuple[int, int]:
    articles = words = 0
    for extraction in extractions:
        articles += 1
        words += len(extraction.article.text.split())
    return articles, words


def _pipeline_job(corpus: list[RawDocument], settings: Settings, workers: int) -> Job:
    return _timed(lambda: _count(jobs.extract_stream(corpus, settings, workers=workers)))


def _peak_mb_of_worker() -> float:
    """Run on a Dask worker: its own peak resident memory, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_model(settings: Settings) -> None:
    """Run on every Dask worker before the timing: load the model (cached in the worker) and send nothing back."""
    pipeline.load_resources(settings)


def _dask_run(corpus: list[RawDocument], settings: Settings, workers: int, out: Connection) -> None:
    """In a spawned process: the pipeline on a LocalCluster of `workers` processes. Like the local engine, whose
    model is loaded before the fork, the timing starts once every worker has loaded the model."""
    from dateline.jobs.dask import dask_client, extract_batches_dask

    with dask_client(None, workers) as client:
        client.wait_for_workers(workers)
        client.run(_load_model, settings)
        start = time.perf_counter()
        batches = extract_batches_dask(jobs.batched(corpus, max(1, settings.batch_size)), settings, client)
        articles, words = _count(extraction for batch in batches for extraction in batch)
        seconds = time.perf_counter() - start
        peak = max(client.run(_peak_mb_of_worker).values())
    out.send(Run(articles, words, workers, seconds, peak))


def _measure_dask(corpus: list[RawDocument], settings: Settings, workers: int) -> Run:
    """Spawned, not forked: the Dask cluster's threads must not meet a fork (the caller may run Dask already)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_dask_run, args=(corpus, settings, workers, sender))
    process.start()
    sender.close()
    run: Run = receiver.recv()
    process.join()
    return run


def measure_pipeline(corpus: list[RawDocument], settings: Settings, workers: int, engine: str = "local") -> Run:
    """The whole pipeline on `corpus` with `workers` workers, on local worker processes or on a LocalCluster."""
    if engine == "dask":
        return _measure_dask(corpus, settings, workers)
    return _in_child(_pipeline_job(corpus, settings, workers), workers)


def clean_texts(corpus: Sequence[RawDocument], settings: Settings) -> list[str]:
    """The texts the parser sees: the cleaned articles (so the floor parses exactly what the pipeline parses)."""
    knowledge = clean.load_clean_knowledge()
    return [
        clean.clean_with_notes(raw, max_chars=settings.max_chars, knowledge=knowledge).article.text for raw in corpus
    ]


def measure_floor(corpus: list[RawDocument], settings: Settings, workers: int) -> Run:
    return _in_child(_floor_job(clean_texts(corpus, settings), settings, workers), workers)


def profile_stages(corpus: Sequence[RawDocument], settings: Settings) -> dict[str, float]:
    """Share of ingest's time spent in each stage, from cProfile on `corpus` in this process: extraction, then
    storing and merging the batch into a temporary database as the ingest's writer does."""
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-profile-") as folder:
        profiler.enable()
        extractions = jobs.extract_batch(list(corpus), settings)
        with Store(Path(folder) / "profile.duckdb") as store:
            store_batch(store, *split_batch(extractions, settings.batch_size))
        profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = max(sum(entry[2] for entry in raw.values()), 1e-9)  # tottime summed over functions = wall time profiled
    shares: dict[str, float] = {}
    for stage, (path_part, function) in PROFILED_STAGES.items():
        cumulative = sum(entry[3] for key, entry in raw.items() if path_part in key[0] and key[2] == function)
        shares[stage] = round(cumulative / total, 3)
    return shares


def measure_ingest(
    corpus: list[RawDocument],
    settings: Settings,
    workers: int,
    loaded: Path | None = None,
    launcher: IngestLauncher | None = None,
) -> Run:
    """`ingest` of `corpus` into a fresh database, or into a copy of `loaded` (dateline.bench.ingest), in a child of
    `launcher` (a process without the model), else in a child of this process."""
    if launcher is not None:
        return launcher.measure(corpus, settings, workers, loaded)
    words = _words(clean_texts(corpus, settings))
    return _in_child(ingest_work(corpus, settings, workers, loaded, words), workers)


class IngestLauncher:
    """A process forked before the bench loads the model, from which the ingest runs are forked: their writer process
    then starts as `dateline ingest`'s does, without the model (whose ~500 MB of pages a writer forked after the load
    counts in its resident memory, the "peak per worker"), and their workers inherit the model loaded after it.
    `with IngestLauncher() as launcher:`, then `measure_ingest(..., launcher=launcher)`."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_launch_ingests, args=(theirs,))  # not a daemon: it forks runs
        self._process.start()
        theirs.close()

    def __enter__(self) -> IngestLauncher:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        self.close()

    def measure(self, corpus: list[RawDocument], settings: Settings, workers: int, loaded: Path | None) -> Run:
        self._connection.send((corpus, settings, workers, loaded))
        run: Run = self._connection.recv()
        return run

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._connection.send(None)
        self._connection.close()
        self._process.join()


def _launch_ingests(connection: Connection) -> None:
    """The launcher's loop: one ingest run (measure_ingest in a child) per request, until None or the end."""
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        corpus, settings, workers, loaded = request
        connection.send(measure_ingest(corpus, settings, workers, loaded))


def run_bench(
    settings: Settings,
    articles: int = 2000,
    workers: int | None = None,
    scale_base: int = 200,
    one_worker_articles: int = 200,
    profile_articles: int = 20,
    engine: str = "local",
    rounds: int = 4,
    ingest_events: int = 0,
    loaded_db: Path | None = None,
) -> BenchReport:
    """Measure floor and pipeline on `articles` articles, the 1-worker speed on a sample, and 1x/10x scaling.
    With engine "dask" the pipeline runs (not the floor) go through a LocalCluster of the same number of workers.

    Floor and pipeline take turns over `rounds` parts of the corpus (pipeline first, then floor first, and so on),
    so that a slower spell of a shared machine weighs on both alike; their sums are the floor and pipeline runs.
    The 10x corpus is then timed as one run of its own. With `ingest_events`, each round also times `ingest` into
    a fresh database and into a database of that many events (dateline.bench.ingest; local engine), generated for
    this run, or kept at `loaded_db`: made there when missing, reused as it is when there (a run after a run)."""
    count = settings.worker_count if workers is None else max(1, workers)
    corpus = build_corpus(max(articles, scale_base * 10, one_worker_articles))
    main = corpus[:articles]
    with (
        tempfile.TemporaryDirectory(prefix="dateline-bench-loaded-") as folder,
        IngestLauncher() if ingest_events else contextlib.nullcontext() as launcher,
    ):
        pipeline.load_resources(settings)  # once, before every fork (but the launcher's)
        loaded = (loaded_db or Path(folder) / "loaded.duckdb") if ingest_events else None
        if loaded is not None and not loaded.exists():
            _in_child(_timed(lambda: (build_loaded_database(loaded, ingest_events), 0)), 1)  # no DuckDB here
        floor, full, round_ratios, ingests = _interleaved(main, settings, count, engine, rounds, loaded, launcher)
    ten_times = corpus[: scale_base * 10]
    whole_run = rounds <= 1 and len(ten_times) == len(main)
    return BenchReport(
        floor=floor,
        pipeline=full,
        pipeline_one_worker=measure_pipeline(corpus[:one_worker_articles], settings, 1, engine),
        scale_1x=measure_pipeline(corpus[:scale_base], settings, count, engine),
        scale_10x=full if whole_run else measure_pipeline(ten_times, settings, count, engine),
        stage_share=profile_stages(corpus[:profile_articles], settings) if profile_articles else {},
        engine=engine,
        round_ratios=round_ratios,
        ingest=Run.combined([fresh for fresh, _ in ingests]) if ingests else None,
        ingest_loaded=Run.combined([into for _, into in ingests]) if ingests else None,
    )


def _measure(
    kind: str,
    part: list[RawDocument],
    settings: Settings,
    workers: int,
    engine: str,
    loaded: Path | None,
    launcher: IngestLauncher | None,
) -> Run:
    if kind == "pipeline":
        return measure_pipeline(part, settings, workers, engine)
    if kind == "floor":
        return measure_floor(part, settings, workers)
    return measure_ingest(part, settings, workers, loaded if kind == "ingest loaded" else None, launcher)


def _interleaved(
    corpus: list[RawDocument],
    settings: Settings,
    workers: int,
    engine: str,
    rounds: int,
    loaded: Path | None,
    launcher: IngestLauncher | None = None,
) -> tuple[Run, Run, tuple[float, ...], list[tuple[Run, Run]]]:
    """Floor and pipeline (and, given a `loaded` database, ingest into a fresh one and into a copy of it) over the
    corpus in `rounds` parts, taking turns at going first: (floor, pipeline, the ratio in each round, the ingests)."""
    size = -(-len(corpus) // max(1, rounds))  # ceiling: every article in some part
    parts = [corpus[start : start + size] for start in range(0, len(corpus), size)]
    floors: list[Run] = []
    pipelines: list[Run] = []
    ingests: list[tuple[Run, Run]] = []
    for number, part in enumerate(parts):
        kinds = ["pipeline", "floor", *(["ingest", "ingest loaded"] if loaded is not None else [])]
        runs = {
            kind: _measure(kind, part, settings, workers, engine, loaded, launcher)
            for kind in (kinds if number % 2 == 0 else kinds[::-1])
        }
        pipelines.append(runs["pipeline"])
        floors.append(runs["floor"])
        if loaded is not None:
            ingests.append((runs["ingest"], runs["ingest loaded"]))
    ratios = tuple(throughput_ratio(floor, run) for floor, run in zip(floors, pipelines, strict=True))
    return Run.combined(floors), Run.combined(pipelines), ratios, ingests
