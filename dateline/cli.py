"""The `dateline` command line: thin commands that build Settings, call one library function and report.

Only this module prints. Exit codes: 0 when every item succeeded, 1 when some failed, 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from dateline.settings import Settings, load_settings

if TYPE_CHECKING:
    from dateline.jobs.ingest import IngestSummary

app = typer.Typer(
    name="dateline",
    help="Turn news reports about armed conflict into a sourced, queryable record of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML settings file; overrides only the keys it sets.")
]
DbOption = Annotated[
    str | None, typer.Option("--db", help="DuckDB database file (default: dateline.duckdb, or the db setting).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print no progress or summary on stderr.")]
ActorsOption = Annotated[
    Path | None, typer.Option("--actors", help="Extra actor knowledge-base file (YAML) extending the bundled one.")
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=0, help="Worker processes (default: the workers setting; 0 = all cores).")
]
EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="local (worker processes on this machine) or dask (a Dask cluster); default: the engine setting.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="With --engine dask: address of an existing scheduler (default: a LocalCluster)."),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .html, .htm, .jsonl, .csv, .warc, .warc.gz, .rss, .atom, .xml), directories, "
        "or - for JSON Lines on stdin."
    ),
]
TextColumnOption = Annotated[str, typer.Option("--text-column", help="Column of CSV files holding the article text.")]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date (YYYY-MM-DD) of the articles whose input gives none (.txt files, JSON Lines without "
        "a date): events the text does not date are dated by it.",
    ),
]


def _settings(config: Path | None, **overrides: Any) -> Settings:
    """Settings from defaults, config file, environment and flags; a bad file is a usage error, not a traceback."""
    try:
        settings = load_settings(config).with_overrides(**overrides)
        if settings.actors_file:
            from dateline.actors import load_actor_kb

            load_actor_kb(settings.actors_file)  # cached: checked now so a bad file fails before any work starts
    except (OSError, ValueError) as error:
        raise typer.BadParameter(str(error)) from error
    return settings


def _say(quiet: bool, message: str) -> None:
    if not quiet:
        typer.echo(message, err=True)


@contextmanager
def _progress(quiet: bool, description: str, total: int | None = None) -> Iterator[Callable[[int], Any]]:
    """A progress bar with the known total (dateline/progress.py), a readable rate and the time taken, on a terminal;
    nothing when stderr is not one or --quiet is given."""
    if quiet or not sys.stderr.isatty():
        yield lambda _count: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    from dateline.progress import rate_text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(rate_text(task.speed))

    count = MofNCompleteColumn() if total is not None else TextColumn("{task.completed} articles")
    columns = (TextColumn("{task.description}"), BarColumn(), count, TimeElapsedColumn(), RateColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.advance(task, done)


def _report_errors(quiet: bool, errors: list[Any]) -> None:
    for error in errors:
        _say(quiet, f"error: {error.origin}: [{error.stage}] {error.message}")


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debugging detail.")] = False) -> None:
    """dateline: who did what to whom, when, where, with what human cost, and who said so."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s")


@app.command()
def extract(
    paths: PathsArgument,
    config: ConfigOption = None,
    actors: ActorsOption = None,
    quiet: QuietOption = False,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    partitions: Annotated[
        Path | None,
        typer.Option(
            "--partitions",
            help="With --engine dask: write the records as Parquet partitions into this directory instead of stdout "
            "(a re-run skips the articles already there); load them with `dateline ingest --partitions DIR`.",
        ),
    ] = None,
    text_column: TextColumnOption = "text",
    published: PublishedOption = None,
) -> None:
    """Read articles and print one JSON object per article (JSON Lines) on stdout, in input order. Stores nothing."""
    _check_text_column(text_column)
    _check_published(published, partitions)
    _extract(paths, config, actors, quiet, workers, engine, scheduler, partitions, text_column, published)


def _check_text_column(name: str) -> None:
    if not name.strip():
        raise typer.BadParameter("--text-column is empty")


def _check_published(published: str | None, partitions: Path | None) -> None:
    from datetime import date

    if published is None:
        return
    try:
        valid = len(published) == len("YYYY-MM-DD") and date.fromisoformat(published) is not None
    except ValueError:
        valid = False
    if not valid:
        raise typer.BadParameter(f"--published {published!r} is not a date YYYY-MM-DD")
    if partitions is not None:
        raise typer.BadParameter("--published does not work with --partitions yet")


def _extract(
    paths: list[str],
    config: Path | None,
    actors: Path | None,
    quiet: bool,
    workers: int | None,
    engine: str | None,
    scheduler: str | None,
    partitions: Path | None,
    text_column: str,
    published: str | None = None,
) -> None:
    from dateline import readers
    from dateline.records import to_json

    settings = _settings(
        config, actors_file=str(actors) if actors else None, workers=workers, engine=engine, scheduler=scheduler
    )
    _check_engine(settings, scheduler, partitions)
    if partitions is not None:
        _extract_partitions(paths, settings, partitions, quiet, text_column)
    from dateline.progress import known_total, origin_fields

    count = failed = 0
    with _progress(quiet, "extracting", known_total(paths)) as advance:
        articles = readers.read_paths(paths, text_column=text_column, max_chars=settings.max_chars, published=published)
        for extraction in _extractions(articles, settings, advance):
            line = {**to_json(extraction), "origin": origin_fields(extraction.article.origin)}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
            if extraction.errors:
                failed += 1
                _report_errors(quiet, list(extraction.errors))
    _say(quiet, f"{count} articles, {failed} with errors")
    raise typer.Exit(1 if failed else 0)


def _check_engine(settings: Settings, scheduler: str | None, partitions: Path | None) -> None:
    if settings.engine == "local" and (scheduler or partitions):
        raise typer.BadParameter("--scheduler and --partitions need --engine dask")


@contextmanager
def _dask_usage_errors() -> Iterator[None]:
    """Dask missing, or partitions that cannot be used, are usage errors (exit 2) with dateline's message."""
    from dateline.jobs.dask import DaskMissingError  # importable without Dask: it imports Dask when used
    from dateline.jobs.partitions import PartitionError

    try:
        yield
    except (DaskMissingError, PartitionError) as error:
        raise typer.BadParameter(str(error)) from error


def _extractions(raws: Iterator[Any], settings: Settings, advance: Callable[[int], Any]) -> Iterator[Any]:
    """The extractions of `raws` in input order, from local worker processes or from a Dask cluster."""
    from dateline import jobs

    if settings.engine == "local":
        yield from jobs.extract_stream(raws, settings, on_progress=advance)
        return
    from dateline.jobs.dask import extract_stream_dask

    with _dask_usage_errors():
        for extraction in extract_stream_dask(raws, settings, scheduler=settings.scheduler or None):
            advance(1)
            yield extraction


def _extract_partitions(paths: list[str], settings: Settings, directory: Path, quiet: bool, text_column: str) -> None:
    """Extract on a Dask cluster into Parquet partitions (one per batch), skipping articles already there; exit."""
    from dateline.jobs.dask import extract_to_partitions

    with _dask_usage_errors():
        count, failed, skipped = extract_to_partitions(paths, settings, directory, text_column=text_column)
    _say(quiet, f"{count} articles, {failed} with errors, {skipped} already in partitions → {directory}")
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt, .html, .htm, .jsonl, .csv, .warc, .warc.gz, .rss, .atom, .xml), directories, "
            "or - for JSON Lines on stdin. None with --partitions: load that directory's partitions.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    actors: ActorsOption = None,
    quiet: QuietOption = False,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    partitions: Annotated[
        Path | None,
        typer.Option(
            "--partitions",
            help="With PATHs and --engine dask: keep the Parquet partitions in this directory (a re-run loads "
            "them and resumes). Without PATHs: load the partitions in this directory (written here or elsewhere).",
        ),
    ] = None,
    text_column: TextColumnOption = "text",
    published: PublishedOption = None,
) -> None:
    """Extract articles and store them; re-ingesting an article adds nothing; resolves events across articles."""
    settings = _settings(
        config,
        db=db,
        actors_file=str(actors) if actors else None,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
    )
    if not paths and partitions is None:
        raise typer.BadParameter("give the PATHs to ingest, or --partitions DIR to load partitions")
    if paths:
        _check_engine(settings, scheduler, partitions)
    _check_text_column(text_column)
    _check_published(published, partitions)
    summary = _run_ingest(paths or [], settings, quiet, "ingesting", partitions, text_column, published)
    raise typer.Exit(0 if summary.ok else 1)


def _run_ingest(
    paths: list[str],
    settings: Settings,
    quiet: bool,
    description: str,
    partitions: Path | None = None,
    text_column: str = "text",
    published: str | None = None,
) -> IngestSummary:
    """Ingest with a progress bar (or load partitions when no paths are given), report the errors and a one-line
    summary on stderr. A database that cannot be written (another ingest holds it, a foreign file) is said plainly
    at once, before the model and the pipeline are even imported."""
    _check_writable(settings.db)
    from dateline.jobs.ingest import PartitionsNeededError, ingest_partitions, ingest_paths
    from dateline.progress import known_total
    from dateline.store import StoreError

    try:
        with _progress(quiet, description, known_total(paths) if paths else None) as advance, _dask_usage_errors():
            if paths:
                summary = ingest_paths(
                    paths,
                    settings,
                    on_progress=advance,
                    partitions=partitions,
                    text_column=text_column,
                    published=published,
                )
            else:
                summary = ingest_partitions(partitions or Path("."), settings, on_progress=advance)
    except StoreError as error:
        _stop(str(error))
    except PartitionsNeededError as error:
        raise typer.BadParameter(str(error)) from error
    _report_errors(quiet, summary.errors)
    _say(
        quiet,
        f"{summary.read} read, {summary.stored} stored, {summary.already_stored} already stored, "
        f"{summary.failed} failed, {summary.partial} stored with errors; "
        f"{summary.events} events, {summary.quotes} quotes → {settings.db}",
    )
    return summary


def _check_writable(db: str) -> None:
    """Exit with a one-line error when the database cannot be opened for writing, unless a `dateline serve` holds
    it (the ingest then sends its batches to that server)."""
    from dateline.jobs.served import find_server
    from dateline.store import Store, StoreError, StoreLockedError

    try:
        with Store(db):
            pass
    except StoreLockedError as error:
        if find_server(db) is None:
            _stop(str(error))
    except StoreError as error:
        _stop(str(error))


def _stop(message: str) -> NoReturn:
    """A plain one-line error and exit status 2 (the command could not start; no usage banner: the usage was fine)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def export(
    table: Annotated[str, typer.Option("--table", help="events, quotes, articles, actors, clusters or errors.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl, csv, parquet; for events and clusters also acled, plover, geojson, parquet-month (a folder).",
        ),
    ],
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output file (default: stdout; parquet needs a file).")
    ] = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="acled, plover and geojson: every event, not only the asserted ones no review rejected.",
        ),
    ] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Export a table of the database (formats and columns: docs/storage.md); events as reviewed."""
    from dateline.export import ExportError, export_table

    settings = _settings(config, db=db)
    try:
        count = export_table(settings.db, table, fmt, out, stream=sys.stdout, everything=everything)
    except ExportError as error:
        raise typer.BadParameter(str(error)) from error
    _say(quiet, f"{count} rows → {out if out is not None else 'stdout'}")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option("--host", help="Address to bind (default: 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default: 8000).")] = None,
    get: Annotated[
        str | None, typer.Option("--get", help="Answer one request in-process (e.g. /api/events), print it, exit.")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DATELINE_TOKEN",
            help="Require this token (16 characters or more) on every request: Bearer header, or log in once in the "
            "browser; needed for reviews and to bind beyond 127.0.0.1.",
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None, typer.Option("--cors-origin", help="Allow cross-origin GETs from this origin (repeatable).")
    ] = None,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Open the database read-only: no reviews, no ingest through the server.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the web UI; meanwhile `ingest` into the same file goes through it."""
    from dateline.web.app import MissingTokenError, check_bind
    from dateline.web.auth import WeakTokenError, check_token

    settings = _settings(config, db=db, host=host, port=port)
    if not Path(settings.db).exists():
        raise typer.BadParameter(f"no database at {settings.db}: run `dateline ingest` first")
    try:
        check_bind(settings.host, token)
        if token:
            check_token(token)
    except (MissingTokenError, WeakTokenError) as error:
        raise typer.BadParameter(str(error)) from error
    announce = None if get is not None else settings.port
    web_app = _app_when_free(settings, token, cors_origin or [], read_only, announce)
    if get is not None:
        from fastapi.testclient import TestClient

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = TestClient(web_app).get(get, headers=headers)
        typer.echo(response.text)
        raise typer.Exit(0 if response.status_code == 200 else 1)
    import uvicorn

    typer.echo(f"dateline serving {settings.db} on http://{settings.host}:{settings.port}", err=True)
    # No access log: request lines would carry whatever a client put in its URL.
    uvicorn.run(web_app, host=settings.host, port=settings.port, log_level="warning", access_log=False)


def _app_when_free(
    settings: Settings, token: str | None, cors_origins: list[str], read_only: bool, announce: int | None
) -> Any:
    """The app, once the database file is free: an ingest may hold it (say so once, then wait for it)."""
    from dateline.store import StoreError
    from dateline.web.app import create_app_when_free

    def say_waiting() -> None:
        typer.echo(
            f"waiting for {settings.db}: another process is writing to it (an ingest?); "
            "serving starts when it is done (Ctrl-C to give up)",
            err=True,
        )

    try:
        return create_app_when_free(
            settings, say_waiting, token=token, cors_origins=cors_origins, read_only=read_only, announce_port=announce
        )
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except StoreError as error:
        raise typer.BadParameter(str(error)) from error


@app.command()
def demo(
    db: DbOption = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Ingest and summarise, but do not serve.")] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest the bundled demo corpus (dateline/demo/articles), print a summary, then serve the UI."""
    from dateline.jobs import ingest as ingest_job

    settings = _settings(config, db=db)
    summary = _run_ingest([str(ingest_job.DEMO_CORPUS)], settings, quiet, "demo corpus")
    if no_serve:
        raise typer.Exit(0 if summary.ok else 1)
    serve(db=settings.db, host=None, port=None, get=None, token=None, cors_origin=None, read_only=False, config=config)


@app.command(name="eval")
def evaluate(
    suite: Annotated[str, typer.Argument(help="Evaluation suite: case2021, tempeval3, ... (see docs/EVALUATION.md).")],
    path: Annotated[
        Path | None,
        typer.Argument(help="The gold data folder, in the data set's published layout (../shared/eval/gvc)."),
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="With the suite reviewed: the database whose reviews are the gold.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the scores as JSON to this file.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N items (quick checks).")] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="Score only this split of the folder (dev, test, ...); default: every one."),
    ] = None,
    part: Annotated[
        str | None,
        typer.Option("--part", help="Score only the tune or the check half of the items (by the hash of their ids)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Score dateline against gold data; prints a table, optionally writes JSON. Exit 2: nothing to score."""
    from dateline.evaluation import SUITES, run_suite
    from dateline.evaluation.data import PARTS, NoGoldDataError, Selection

    if suite not in SUITES:
        raise typer.BadParameter(f"unknown suite {suite!r}; choose from {', '.join(sorted(SUITES))}")
    if suite == "reviewed":  # scores a database's reviews, not a gold folder
        _eval_reviewed(Path(_settings(config, db=db).db) if path is None else path, out)
        return
    if part is not None and part not in PARTS:
        raise typer.BadParameter(f"unknown part {part!r}; choose {' or '.join(PARTS)}")
    if path is None or not path.exists():
        raise typer.BadParameter(f"{path} does not exist" if path else "give the suite's gold data folder")
    selection = Selection(split=split, part=part, limit=limit)
    try:
        result = run_suite(suite, path, _settings(config), selection)
    except NoGoldDataError as error:
        typer.echo(f"dateline eval {suite}: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(result.table)
    for note in result.notes:
        typer.echo(f"note: {note}")
    if out is not None:
        out.write_text(json.dumps(result.scores, indent=2, sort_keys=True) + "\n")


def _eval_reviewed(db: Path, out: Path | None) -> None:
    """`dateline eval reviewed --db DB`: the machine's events scored against the reviews (evaluation/reviewed.py)."""
    from dateline.evaluation.reviewed import score_database
    from dateline.store import StoreError

    if not db.exists():
        raise typer.BadParameter(f"no database at {db}")
    try:
        result = score_database(db)
    except StoreError as error:
        raise typer.BadParameter(str(error)) from error
    typer.echo(result.table)
    for note in result.notes:
        typer.echo(f"note: {note}")
    if out is not None:
        out.write_text(json.dumps(result.scores, indent=2, sort_keys=True) + "\n")


@app.command()
def bench(
    articles: Annotated[
        int, typer.Option("--articles", min=1, help="Articles in the main corpus (about 700 words each).")
    ] = 2000,
    scale_base: Annotated[
        int, typer.Option("--scale-base", min=1, help="Articles of the 1x corpus; the 10x one has ten times as many.")
    ] = 200,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    rounds: Annotated[
        int, typer.Option("--rounds", min=1, help="Parts of the corpus over which floor and pipeline take turns.")
    ] = 4,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    ingest_events: Annotated[
        int,
        typer.Option(
            "--ingest-events",
            min=0,
            help="Also time `ingest` in each round, into a fresh database and into one of this many generated events "
            "(0: no ingest runs).",
        ),
    ] = 200_000,
    loaded_db: Annotated[
        Path | None,
        typer.Option(
            "--loaded-db",
            help="Keep the generated database of --ingest-events events at this path, or reuse the one there (made "
            "by an earlier run with the same --ingest-events).",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Measure throughput: the spaCy parse alone (floor) against the whole pipeline and the ingest, memory,
    speed-up, scaling."""
    from dateline.bench.throughput import run_bench

    settings = _settings(config, workers=workers, engine=engine)
    if settings.engine == "dask":
        with _dask_usage_errors():
            from dateline.jobs.dask import require_dask

            require_dask()
    report = run_bench(
        settings,
        articles=articles,
        scale_base=scale_base,
        one_worker_articles=min(articles, 200),
        profile_articles=min(articles, 20),
        engine=settings.engine,
        rounds=rounds,
        ingest_events=ingest_events if settings.engine == "local" else 0,
        loaded_db=loaded_db,
    )
    typer.echo(json.dumps(report.as_json(), indent=2) if as_json else report.as_text())


train_app = typer.Typer(help="Build dateline's training corpus and train its models (seeded, reproducible).")
app.add_typer(train_app, name="train")
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the expansion or training; same seed, same output.")]


@train_app.command("corpus")
def train_corpus(
    out: Annotated[Path | None, typer.Option("--out", help="Corpus file (default: the bundled one).")] = None,
    seed: SeedOption = 0,
) -> None:
    """Expand the event templates and hand-written sentences (dateline/knowledge/training/) into the corpus."""
    from dateline import training

    written = training.expand_event_corpus(out, seed=seed)
    typer.echo(
        f"{written.examples} examples ({written.events} events, {written.not_events} not events) -> {written.path}"
    )


@train_app.command("events")
def train_events(
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Corpus file (default: the bundled one).")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Model folder (default: the bundled one).")] = None,
    seed: SeedOption = 0,
    heads: Annotated[
        str, typer.Option("--heads", help="Comma-separated heads: eventness (always), plover, acled.")
    ] = "eventness",
    config: ConfigOption = None,
) -> None:
    """Train the event classifier from the corpus; print its size, time and held-out figures."""
    from dateline import training

    try:
        report = training.train_events(
            _settings(config), corpus=corpus, out=out, seed=seed, heads=heads.split(","), progress=typer.echo
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    typer.echo(report.as_text())


if __name__ == "__main__":
    app()
