"""The docs work as written: their shell and Python blocks run, and the CLI reference matches the CLI's help."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
RUNNABLE_PAGES = ("getting-started.md", "walkthrough.md")
TIMEOUT = 600  # seconds per page: each `dateline` command that extracts loads the model once


def blocks(page: str, language: str) -> list[str]:
    """The code blocks of one language on a docs page, in order."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return [code for lang, code in BLOCK.findall(text) if lang == language]


def _environment(home: Path) -> dict[str, str]:
    environment = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", HOME=str(home))
    environment.pop("DATELINE_DB", None)
    environment.pop("DATELINE_CONFIG", None)
    environment["DATELINE_CACHE_DIR"] = os.environ.get("DATELINE_CACHE_DIR", str(Path.home() / ".cache/dateline"))
    return environment


def _run_page(page: str, folder: Path) -> None:
    script = "set -euo pipefail\n" + "\n".join(blocks(page, "sh"))
    done = subprocess.run(
        ["bash", "-c", script], cwd=folder, env=_environment(folder), capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0, f"{page} sh blocks failed:\n{done.stderr[-3000:]}"
    python = blocks(page, "python")
    if python:
        done = subprocess.run(
            [sys.executable, "-c", "\n".join(python)],
            cwd=folder,
            env=_environment(folder),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, f"{page} python blocks failed:\n{done.stderr[-3000:]}"


@pytest.mark.parametrize(
    ("page", "sh", "python"),
    [("getting-started.md", 3, 0), ("walkthrough.md", 1, 7)],
)
def test_docs_pages_have_the_blocks_the_test_runs(page: str, sh: int, python: int) -> None:
    assert (len(blocks(page, "sh")), len(blocks(page, "python"))) == (sh, python)


@pytest.mark.slow
def test_docs_getting_started_commands_run(tmp_path: Path) -> None:
    _run_page("getting-started.md", tmp_path)
    assert (tmp_path / "events-acled.csv").read_text(encoding="utf-8").startswith("event_id_cnty,event_date,")
    assert (tmp_path / "events-by-month").is_dir()
    assert '"items"' in (tmp_path / "assaults.json").read_text(encoding="utf-8")


@pytest.mark.slow
def test_docs_walkthrough_runs_end_to_end(tmp_path: Path) -> None:
    _run_page("walkthrough.md", tmp_path)
    assert (tmp_path / "assaults.parquet").stat().st_size > 0


def test_docs_cli_reference_is_generated_from_help() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_docs_cli_reference_lists_every_option() -> None:
    import typer.main

    from dateline.cli import app

    reference = (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"## `dateline {name}`" in reference
        for param in command.params:
            for option in param.opts if param.param_type_name == "option" else []:
                assert f"`{option}`" in reference, (name, option)


@pytest.mark.parametrize(
    "page", ["getting-started.md", "walkthrough.md", "python-api.md", "codebook.md", "ontology.md"]
)
def test_docs_relative_links_resolve(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (DOCS / target).exists(), f"{page} links to missing {target}"
