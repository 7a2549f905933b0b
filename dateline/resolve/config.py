"""The resolution settings in knowledge/resolve.yaml, loaded once."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dateline.records import PLOVER_TYPES

_FILE = "resolve.yaml"
_PATH = Path(__file__).resolve().parent.parent / "knowledge" / _FILE
PARTS = ("type", "date", "place", "actors", "casualties", "text")


@dataclass(frozen=True)
class ResolveConfig:
    """Type families, score weights and thresholds (see knowledge/resolve.yaml for what each means)."""

    family_of: dict[str, str]
    type_same_family: float
    date_slack_days: int
    near_km: float
    far_km: float
    block_km: float
    same_admin1: float
    same_country: float
    weights: dict[str, float]
    threshold: float
    stopwords: frozenset[str]
    max_candidates_per_block: int = 200
    # a dated report whose span is longer than this many days is blocked by place, as an undated one is
    block_max_days: int = 31
    document: dict[str, float] = dataclasses.field(default_factory=dict)


def _fail(key: str, problem: str) -> ValueError:
    return ValueError(f"dateline/knowledge/{_FILE}: key {key!r}: {problem}")


def _families(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise _fail("families", "must map family names to lists of PLOVER types")
    family_of: dict[str, str] = {}
    for family, types in raw.items():
        for type_ in types:
            if type_ not in PLOVER_TYPES:
                raise _fail(f"families.{family}", f"unknown PLOVER type {type_!r}")
            if type_ in family_of:
                raise _fail(f"families.{family}", f"{type_} is already in family {family_of[type_]!r}")
            family_of[type_] = str(family)
    return family_of


def parse_config(raw: dict[str, Any]) -> ResolveConfig:
    """Check and convert the parsed YAML; raises naming the bad key."""
    weights = {str(part): float(weight) for part, weight in raw["weights"].items()}
    unknown = set(weights) - set(PARTS)
    if unknown:
        raise _fail("weights", f"unknown parts {sorted(unknown)}; known: {list(PARTS)}")
    return ResolveConfig(
        family_of=_families(raw["families"]),
        type_same_family=float(raw["type_same_family"]),
        date_slack_days=int(raw["date_slack_days"]),
        near_km=float(raw["near_km"]),
        far_km=float(raw["far_km"]),
        block_km=float(raw["block_km"]),
        same_admin1=float(raw["same_admin1"]),
        same_country=float(raw["same_country"]),
        weights=weights,
        threshold=float(raw["threshold"]),
        stopwords=frozenset(str(word) for word in raw["stopwords"]),
        max_candidates_per_block=int(raw.get("max_candidates_per_block", 200)),
        block_max_days=int(raw.get("block_max_days", 31)),
        document=_document(raw.get("document") or {}),
    )


def _document(raw: dict[str, Any]) -> dict[str, float]:
    allowed = {"date_slack_days", "threshold", "near_km", "far_km", "block_km"}
    unknown = set(raw) - allowed
    if unknown:
        raise _fail("document", f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
    return {str(key): float(value) for key, value in raw.items()}


def document_config(config: ResolveConfig) -> ResolveConfig:
    """The settings for clustering whole articles: `config` with its `document` overrides."""
    overrides: dict[str, Any] = dict(config.document)
    if "date_slack_days" in overrides:
        overrides["date_slack_days"] = int(overrides["date_slack_days"])
    return dataclasses.replace(config, **overrides)


@functools.cache
def load_config() -> ResolveConfig:
    """The bundled resolution settings."""
    text = _PATH.read_text(encoding="utf-8")
    try:
        return parse_config(yaml.safe_load(text))
    except KeyError as missing:
        raise _fail(str(missing), "missing") from None
