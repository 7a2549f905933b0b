"""Settings precedence (defaults < user file < DATELINE_* < CLI flags); docs cover every setting and command."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from dateline.bench.synthetic import synthetic_extraction
from dateline.cli import app
from dateline.settings import Settings, load_settings
from dateline.store import Store

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "user.toml"
    path.write_text('db = "from-file.duckdb"\nbatch_size = 3\nport = 9001\n', encoding="utf-8")
    return path


def test_settings_defaults_file_matches_dataclass() -> None:
    assert load_settings(environ={}) == Settings()


def test_settings_user_file_overrides_only_its_keys(user_file: Path) -> None:
    settings = load_settings(user_file, environ={})
    assert (settings.db, settings.batch_size, settings.port) == ("from-file.duckdb", 3, 9001)
    assert settings.host == Settings().host


def test_settings_env_beats_user_file(user_file: Path) -> None:
    settings = load_settings(user_file, environ={"DATELINE_DB": "from-env.duckdb", "DATELINE_BATCH_SIZE": "5"})
    assert (settings.db, settings.batch_size, settings.port) == ("from-env.duckdb", 5, 9001)


def test_settings_config_file_from_env(user_file: Path) -> None:
    assert load_settings(environ={"DATELINE_CONFIG": str(user_file)}).db == "from-file.duckdb"


def test_settings_cli_flags_beat_env(user_file: Path) -> None:
    settings = load_settings(user_file, environ={"DATELINE_DB": "from-env.duckdb"})
    flagged = settings.with_overrides(db="from-flag.duckdb", port=None)
    assert (flagged.db, flagged.port) == ("from-flag.duckdb", 9001)


@pytest.mark.parametrize(
    ("content", "environ", "message"),
    [
        ("colour = 'blue'\n", {}, "unknown setting"),
        ("", {"DATELINE_PORT": "eighty"}, "port"),
        ("batch_size = 'many'\n", {}, "batch_size"),
    ],
)
def test_settings_bad_values_name_the_key(tmp_path: Path, content: str, environ: dict[str, str], message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_settings(path, environ=environ)


def test_settings_precedence_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store("from-env.duckdb") as store:
        store.write_batch([synthetic_extraction(0)])
    monkeypatch.setenv("DATELINE_DB", "from-env.duckdb")
    runner = CliRunner()
    from_env = runner.invoke(app, ["export", "--table", "articles", "--format", "jsonl", "--quiet"])
    assert from_env.exit_code == 0 and len(from_env.stdout.splitlines()) == 1
    from_flag = runner.invoke(app, ["export", "--db", "flag.duckdb", "--table", "articles", "--format", "jsonl"])
    assert from_flag.exit_code == 2 and "flag.duckdb" in from_flag.stderr


def test_settings_bad_env_value_is_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATELINE_BATCH_SIZE", "lots")
    result = CliRunner().invoke(app, ["export", "--table", "events", "--format", "jsonl"])
    assert result.exit_code == 2 and "batch_size" in result.stderr


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_settings_every_field_documented(name: str) -> None:
    assert f"| `{name}` |" in (DOCS / "settings.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _section(text: str, command: str) -> str:
    match = re.search(rf"^## `dateline {command}`\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"docs/cli.md has no section for `dateline {command}`"
    return match.group(1)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_settings_every_cli_command_and_option_documented(command: str) -> None:
    section = _section((DOCS / "cli.md").read_text(encoding="utf-8"), command)
    for param in _commands()[command].params:
        if param.param_type_name == "option":
            assert any(f"`{flag}" in section for flag in param.opts), f"{command} {param.opts} undocumented"
        else:
            # an argument is documented by its name in capitals, singular or plural ("PATH...")
            assert param.name.upper().rstrip("S") in section, f"{command} argument {param.name} undocumented"
