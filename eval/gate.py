"""The evaluation gate: compare eval/last_scores.json with the floors pinned in eval/baseline.json.

    .venv/bin/python eval/gate.py                      # exit 1 when a pinned number got worse by more than the margin
    .venv/bin/python eval/gate.py --update             # pin the current headline numbers (never lower ones)
    .venv/bin/python eval/gate.py --update --allow-regression   # pin them even where they are lower

Each suite's headline numbers (SuiteResult.headline) are pinned with the direction that is better; a number fails
when it is worse than its pin by more than the margin (0.01: the suites are deterministic, but the pins should not
break on a one-item change in a 300-item suite). The gate also fails when a pinned suite was not measured, failed,
was run with --limit, or was measured on different data (corpus sha256) than it was pinned on.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.evaluation import score_at
from dateline.evaluation.report import EvaluationRecord, SuiteEntry, read_record
from dateline.evaluation.scoring import format_table

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCORES = REPO / "eval" / "last_scores.json"
DEFAULT_BASELINE = REPO / "eval" / "baseline.json"
MARGIN = 0.01


@dataclass(frozen=True)
class Finding:
    suite: str
    metric: str
    pinned: float | None
    now: float | None
    ok: bool
    reason: str


def _worse(now: float, pinned: float, better: str, margin: float) -> bool:
    return now < pinned - margin if better == "higher" else now > pinned + margin


def _unusable(entry: SuiteEntry | None, pinned_sha: str | None) -> str | None:
    """Why a suite's scores cannot be compared with its pins, or None when they can."""
    if entry is None:
        return "not measured"
    if entry.status != "ok":
        return entry.status + (f": {entry.error}" if entry.error else "")
    if entry.limit is not None:
        return f"measured with --limit {entry.limit}"
    if pinned_sha and entry.corpus_sha != pinned_sha:
        return "different gold data than when pinned (corpus sha256)"
    return None


def check(record: EvaluationRecord, baseline: dict[str, Any]) -> list[Finding]:
    """Compare every pinned number with the record."""
    margin = float(baseline.get("margin", MARGIN))
    findings = []
    for suite, pins in baseline.get("suites", {}).items():
        entry = record.suites.get(suite)
        problem = _unusable(entry, pins.get("corpus_sha"))
        for metric, pin in pins.get("metrics", {}).items():
            pinned, better = float(pin["pinned"]), pin["better"]
            if problem or entry is None:
                findings.append(Finding(suite, metric, pinned, None, False, problem or "not measured"))
                continue
            now = score_at(entry.scores, metric)
            if now is None:
                findings.append(Finding(suite, metric, pinned, None, False, "missing from the scores"))
            elif _worse(now, pinned, better, margin):
                findings.append(Finding(suite, metric, pinned, now, False, f"worse than pinned ({better} is better)"))
            else:
                findings.append(Finding(suite, metric, pinned, now, True, "ok"))
    return findings


def update(
    record: EvaluationRecord, baseline: dict[str, Any], allow_regression: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """Pin the record's headline numbers; returns the new baseline and the pins that went down (refused unless allowed).

    Suites that were not measured cleanly keep their old pins.
    """
    suites: dict[str, Any] = {name: dict(pins) for name, pins in baseline.get("suites", {}).items()}
    lowered = []
    for suite, entry in record.suites.items():
        if _unusable(entry, None) or not entry.headline:
            continue
        old = suites.get(suite, {}).get("metrics", {})
        metrics = {}
        for metric, better in entry.headline.items():
            now = score_at(entry.scores, metric)
            if now is None:
                continue
            now = round(now, 4)
            previous = old.get(metric)
            if previous is not None and previous["better"] == better and _worse(now, previous["pinned"], better, 0.0):
                lowered.append(f"{suite} {metric}: {previous['pinned']} → {now}")
                if not allow_regression:
                    now = previous["pinned"]
            metrics[metric] = {"pinned": now, "better": better}
        suites[suite] = {"corpus_sha": entry.corpus_sha, "metrics": metrics}
    return {"margin": float(baseline.get("margin", MARGIN)), "suites": suites}, lowered


def _table(findings: list[Finding]) -> str:
    rows = [[f.suite, f.metric, f.pinned, f.now, "ok" if f.ok else f"FAIL: {f.reason}"] for f in findings]
    return format_table(["suite", "metric", "pinned", "now", "status"], rows, digits=4, left=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scores", type=Path, default=DEFAULT_SCORES, help="[eval/last_scores.json]")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="[eval/baseline.json]")
    parser.add_argument("--update", action="store_true", help="pin the current headline numbers")
    parser.add_argument("--allow-regression", action="store_true", help="with --update: also lower pins")
    args = parser.parse_args(argv)
    record = read_record(args.scores)
    if record is None:
        print(f"no scores at {args.scores}: run `make eval` first", file=sys.stderr)
        return 2
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.exists() else {}
    if args.update:
        new_baseline, lowered = update(record, baseline, args.allow_regression)
        for change in lowered:
            print(f"{'lowered' if args.allow_regression else 'refused to lower'}: {change}", file=sys.stderr)
        args.baseline.write_text(json.dumps(new_baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"pins → {args.baseline}", file=sys.stderr)
        return 1 if lowered and not args.allow_regression else 0
    findings = check(record, baseline)
    print(_table(findings))
    failed = [f for f in findings if not f.ok]
    print(f"{len(findings) - len(failed)} of {len(findings)} pinned numbers hold", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
