"""Run every evaluation suite that exists on the gold data that exists; write eval/last_scores.json and the report.

    .venv/bin/python eval/run_all.py --data ../shared/eval --write docs/EVALUATION.md [--suites a,b] [--limit N]

A suite whose module is missing is recorded as "not built", one that raises as "failed" (the others still run). A
suite whose data folder is missing or holds nothing to score keeps its entry from the previous last_scores.json (or
is listed as "no data" when it has none), so a run on a partial data folder never replaces measured numbers with
"no data". Without the data folder itself nothing is run or written: exit status 2 and a message that says how to
get the data (eval/README.md). With --suites, the other suites keep their previous entries (or are listed as "not
run"), so the report always covers every suite. `make eval` scores the dev split of the folders that also hold
training data (SUITE_SPLITS); every suite reports its tune and check halves where its items have ids. Exit status 1
when a suite that ran failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dateline.evaluation import DATABASE_SUITES, SUITES, run_suite, suite_folder, suite_is_built
from dateline.evaluation.data import NoGoldDataError, Selection
from dateline.evaluation.report import (
    EvaluationRecord,
    SuiteEntry,
    corpus_sha,
    package_versions,
    read_record,
    write_record,
    write_report,
)
from dateline.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCORES = REPO / "eval" / "last_scores.json"
# The split `make eval` scores where a folder also holds training data (the others: every split present).
SUITE_SPLITS = {"gvc": "dev", "gvc_clustering": "dev", "polnear": "dev"}
NO_DATA = """no evaluation data at {data}: `make eval` needs the gold data sets, one folder per suite (case2021_task2,
gvc, gvdb, wikievents, ...), in their published layouts. eval/README.md ("Getting the data") says where each comes
from; put them under ../shared/eval or point EVAL_DATA (or --data) at their folder. Nothing was run or written."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    except OSError:
        return None
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
    return (done.stdout.strip() + ("+uncommitted changes" if dirty.strip() else "")) if done.returncode == 0 else None


def command_for(suite: str, folder: str, limit: int | None) -> str:
    """The command that reproduces one suite's numbers."""
    split = f" --split {SUITE_SPLITS[suite]}" if suite in SUITE_SPLITS else ""
    return f".venv/bin/dateline eval {suite} {folder}{split} --out scores.json" + (f" --limit {limit}" if limit else "")


def entry_without_running(suite: str, data: Path, limit: int | None) -> SuiteEntry:
    """The entry of a suite that was not run: why it cannot run, or "not run" (not selected with --suites)."""
    folder = suite_folder(suite, data)
    shown = folder.relative_to(REPO).as_posix() if folder.is_relative_to(REPO) else str(folder)  # bundled gold
    base: dict[str, Any] = {"suite": suite, "folder": shown, "command": command_for(suite, shown, limit)}
    if not suite_is_built(suite):
        return SuiteEntry(status="not built", **base)
    if not folder.is_dir():
        return SuiteEntry(status="no data", **base)
    return SuiteEntry(status="not run", **base)


def run_one(suite: str, data: Path, limit: int | None) -> SuiteEntry:
    """Run one suite, or say why it could not run."""
    entry = entry_without_running(suite, data, limit)
    if entry.status != "not run":
        return entry
    folder = suite_folder(suite, data)
    started, measured = time.perf_counter(), _now()
    selection = Selection(split=SUITE_SPLITS.get(suite), limit=limit)
    try:
        result = run_suite(suite, folder, load_settings(), selection)
    except NoGoldDataError as error:
        print(f"{suite}: {error}", file=sys.stderr)
        return dataclasses.replace(entry, status="no data", error=str(error), measured=measured)
    except Exception as error:  # noqa: BLE001 - one broken suite must not hide the others' scores
        traceback.print_exc()
        error_text = f"{type(error).__name__}: {error}"
        return dataclasses.replace(entry, status="failed", error=error_text, measured=measured)
    seconds = round(time.perf_counter() - started, 1)
    sha = corpus_sha(folder)
    return SuiteEntry.from_result(
        result,
        folder=entry.folder,
        command=entry.command,
        seconds=seconds,
        limit=limit,
        corpus_sha=sha,
        measured=measured,
    )


def _kept(entry: SuiteEntry, previous: SuiteEntry | None) -> SuiteEntry:
    """A suite that found no data keeps its previous measured entry (a partial data folder never erases numbers)."""
    if entry.status == "no data" and previous is not None and previous.status == "ok":
        print(
            f"{entry.suite}: no data at {entry.folder}; keeping the scores measured {previous.measured}",
            file=sys.stderr,
        )
        return previous
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder with one sub-folder of gold data per suite")
    parser.add_argument("--write", type=Path, help="write the Markdown report here (e.g. docs/EVALUATION.md)")
    parser.add_argument("--scores", type=Path, default=DEFAULT_SCORES, help="JSON record [eval/last_scores.json]")
    parser.add_argument("--suites", help="comma-separated suites to run [all]")
    parser.add_argument("--limit", type=int, help="score only the first N items of each suite (quick checks)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    # The suites of gold folders; `reviewed` scores a database's reviews instead (dateline eval reviewed --db DB).
    GOLD_SUITES = [suite for suite in SUITES if suite not in DATABASE_SUITES]
    selected = args.suites.split(",") if args.suites else list(GOLD_SUITES)
    unknown = sorted(set(selected) - set(GOLD_SUITES))
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(GOLD_SUITES)}")
    if not args.data.is_dir():
        print(NO_DATA.format(data=args.data), file=sys.stderr)
        return 2
    previous = read_record(args.scores)
    before = dict(previous.suites) if previous is not None else {}
    entries = dict(before) if args.suites else {}
    for suite in GOLD_SUITES:
        if suite not in entries or entries[suite].status in ("not built", "no data", "not run"):
            entries[suite] = _kept(entry_without_running(suite, args.data, args.limit), before.get(suite))
    for suite in selected:
        print(f"== {suite}", file=sys.stderr, flush=True)
        entry = _kept(run_one(suite, args.data, args.limit), before.get(suite))
        entries[suite] = entry
        print(entry.table or entry.status, f"({entry.seconds} s)" if entry.seconds is not None else "", sep="\n")
    if all(entries[suite].status in ("no data", "not built") for suite in selected):
        print(NO_DATA.format(data=args.data), file=sys.stderr)
        return 2
    record = EvaluationRecord(
        generated=_now(),
        data=str(args.data),
        commit=_commit(),
        python=platform.python_version(),
        cpus=os.cpu_count() or 1,
        versions=package_versions(),
        suites={suite: entries[suite] for suite in GOLD_SUITES if suite in entries},
    )
    write_record(args.scores, record)
    print(f"scores → {args.scores}", file=sys.stderr)
    if args.write:
        write_report(args.write, record)
        print(f"report → {args.write}", file=sys.stderr)
    return 1 if any(entries[suite].status == "failed" for suite in selected) else 0


if __name__ == "__main__":
    sys.exit(main())
