"""The evaluation record (eval/last_scores.json) and the page made from it (docs/EVALUATION.md).

`eval/run_all.py` fills an `EvaluationRecord` with one `SuiteEntry` per suite (measured, not built, no data, not run
or failed); `render_report` turns it into Markdown: a summary of each suite's headline numbers, then per suite its
table, notes and the exact command that reproduces it, then the package versions the numbers were measured with.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dateline.evaluation import Direction, SuiteResult, score_at

Status = Literal["ok", "not built", "no data", "not run", "failed"]
# The packages whose versions are printed besides dateline's own dependencies: the model and what the scorers use.
EXTRA_PACKAGES = ("numpy", "scipy")


@dataclass(frozen=True)
class SuiteEntry:
    """One suite's outcome in an evaluation run."""

    suite: str
    status: Status
    folder: str  # the gold data folder as given on the command line
    command: str  # the command that reproduces the numbers
    scores: dict[str, Any] = field(default_factory=dict)
    headline: dict[str, Direction] = field(default_factory=dict)
    table: str = ""
    notes: list[str] = field(default_factory=list)
    seconds: float | None = None
    limit: int | None = None
    corpus_sha: str | None = None
    measured: str | None = None  # UTC time the suite ran, ISO 8601
    error: str | None = None

    @classmethod
    def from_result(cls, result: SuiteResult, **fields: Any) -> SuiteEntry:
        """The entry of a suite that ran; `fields` gives folder, command, seconds, limit, corpus_sha, measured."""
        return cls(
            suite=result.suite,
            status="ok",
            scores=result.scores,
            headline=dict(result.headline),
            table=result.table,
            notes=list(result.notes),
            **fields,
        )


@dataclass(frozen=True)
class EvaluationRecord:
    """Everything one `make eval` measured, with the context needed to reproduce it."""

    generated: str  # UTC time, ISO 8601
    data: str  # the --data folder
    commit: str | None
    python: str
    cpus: int
    versions: dict[str, str]
    suites: dict[str, SuiteEntry]

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EvaluationRecord:
        suites = {name: SuiteEntry(**entry) for name, entry in data.get("suites", {}).items()}
        return cls(**{**data, "suites": suites})


def read_record(path: Path) -> EvaluationRecord | None:
    """The record saved at `path`, or None when there is none yet."""
    if not path.exists():
        return None
    try:
        return EvaluationRecord.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise ValueError(f"{path}: not an evaluation record ({error})") from error


def write_record(path: Path, record: EvaluationRecord) -> None:
    path.write_text(json.dumps(record.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")


def corpus_sha(folder: Path) -> str:
    """SHA-256 of every file under `folder` (relative names and bytes): floors only compare on the same data."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def package_versions(distribution: str = "dateline") -> dict[str, str]:
    """Installed versions of `distribution`, its runtime dependencies and EXTRA_PACKAGES."""
    names = [distribution, *EXTRA_PACKAGES]
    for requirement in importlib.metadata.requires(distribution) or []:
        if "extra ==" not in requirement:
            names.append(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])
    versions = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return dict(sorted(versions.items()))


# --- Markdown -------------------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _headline_cells(entry: SuiteEntry) -> tuple[str, str]:
    if entry.status != "ok":
        return entry.status if entry.status != "failed" else f"failed: {entry.error}", ""
    if not entry.headline:
        return "(see table)", ""
    names = [
        f"{path}{' (lower is better)' if direction == 'lower' else ''}" for path, direction in entry.headline.items()
    ]
    values = [_number(score_at(entry.scores, path)) for path in entry.headline]
    return "<br>".join(names), "<br>".join(values)


def _part_cells(entry: SuiteEntry) -> str:
    """The headline numbers of the tune and check halves ("0.812 / 0.790"), where the suite scored both."""
    parts = entry.scores.get("parts") if entry.status == "ok" else None
    if not isinstance(parts, dict) or not all(part in parts for part in ("tune", "check")):
        return ""
    return "<br>".join(
        f"{_number(score_at(parts['tune'], path))} / {_number(score_at(parts['check'], path))}"
        for path in entry.headline
    )


def _summary(record: EvaluationRecord) -> list[str]:
    lines = [
        "| suite | data | metric | score | tune / check halves | time (s) |",
        "|---|---|---|---|---|---|",
    ]
    for name, entry in record.suites.items():
        metric, value = _headline_cells(entry)
        seconds = f"{entry.seconds:.0f}" if entry.seconds is not None else ""
        lines.append(f"| {name} | `{entry.folder}` | {metric} | {value} | {_part_cells(entry)} | {seconds} |")
    return lines


def _suite_section(entry: SuiteEntry) -> list[str]:
    lines = [f"## {entry.suite}", ""]
    if entry.status != "ok":
        reason = {
            "not built": "The suite's module does not exist yet.",
            "no data": f"No gold data at `{entry.folder}`{f' ({entry.error})' if entry.error else ''}.",
            "failed": f"The suite failed: `{entry.error}`.",
            "not run": f"Not run this time (see eval/run_all.py --suites). Run it: `{entry.command}`",
        }[entry.status]
        return [*lines, reason, ""]
    lines += [f"Reproduce: `{entry.command}`", ""]
    measured = f"Measured {entry.measured} in {entry.seconds:.1f} s" if entry.seconds is not None else "Measured"
    limit = f", **only the first {entry.limit} items** (--limit)" if entry.limit is not None else ""
    sha = f"; corpus sha256 `{entry.corpus_sha[:16]}`" if entry.corpus_sha else ""
    lines += [f"{measured}{limit}{sha}.", "", "```", entry.table, "```", ""]
    lines += [f"- {note}" for note in entry.notes]
    return [*lines, ""] if entry.notes else lines


def render_report(record: EvaluationRecord) -> str:
    """docs/EVALUATION.md as Markdown."""
    lines = [
        "# Evaluation",
        "",
        "dateline scored against gold data written by other people (the development splits in `../shared/eval`;",
        "each folder's ABOUT.md gives source, licence and published scores) and against the hand-written gold of the",
        "bundled demo corpus. Every suite scores only what the product outputs (`dateline extract`, or",
        "`dateline ingest` for the clustering suites). Generated by `make eval`, i.e.",
        f"`.venv/bin/python eval/run_all.py --data {record.data} --write docs/EVALUATION.md`: do not edit by hand.",
        "",
        "The tune / check column splits each suite's items by the hash of their ids (the project's dev split rule, see",
        "`dateline/evaluation/data.py`): rules are tuned on the tune half and kept only when the check half agrees;",
        "`dateline eval SUITE DIR --part tune|check` scores one half.",
        "",
        f"Generated {record.generated} (UTC) at commit `{record.commit or 'unknown'}`, Python {record.python}, "
        f"{record.cpus} CPUs. Raw scores: `eval/last_scores.json`; floors: `eval/baseline.json` (see eval/README.md).",
        "",
        *_summary(record),
        "",
    ]
    for entry in record.suites.values():
        lines += _suite_section(entry)
    lines += ["## Package versions", "", "| package | version |", "|---|---|"]
    lines += [f"| {name} | {version} |" for name, version in record.versions.items()]
    return "\n".join(lines) + "\n"


def write_report(path: Path, record: EvaluationRecord) -> None:
    """Write docs/EVALUATION.md (or `path`) from the record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(record), encoding="utf-8")
