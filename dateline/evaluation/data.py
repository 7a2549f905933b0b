"""What a suite scores of a gold data folder: its splits (as the data set publishes them), one half of its items
(`--part`), the first N (`--limit`); and the one error for a folder that holds nothing to score.

Every suite reads a folder in its data set's own published layout and finds the splits present there (`train`,
`dev`, `test`, TempEval-3's `TBAQ-cleaned` corpora and `te3-platinum`, ...). By default it scores every split
present; `--split NAME` scores one. Asking for a split the folder lacks, or giving a folder with nothing a suite can
read, raises `NoGoldDataError` (the CLI exits 2 with its message): never a silent score over zero items.

The tune/check halves (the project's dev split rule): an item is in the check half when the SHA-1 of its id in the
gold data, read as an integer, is odd; else in the tune half. Look at errors only on the tune half.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

Part = Literal["tune", "check"]
PARTS: tuple[Part, ...] = get_args(Part)


class NoGoldDataError(ValueError):
    """The folder holds nothing the suite can score as asked (no gold file, no such split, no item ids)."""


def part_of(item_id: str) -> Part:
    """The half an item belongs to, by its id in the gold data (see the module docstring)."""
    return "check" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2 == 1 else "tune"


@dataclass(frozen=True)
class Selection:
    """Which items of a folder to score: the splits (None: every split present), one half, the first N."""

    split: str | None = None
    part: Part | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.part is not None and self.part not in PARTS:
            raise NoGoldDataError(f"unknown part {self.part!r}; choose {' or '.join(PARTS)}")

    def splits(self, present: Sequence[str], folder: Path, what: str) -> list[str]:
        """The splits to score among those present in `folder`; raise when there are none or the one asked is
        missing. `what` says what a split is made of here ("gvc_docs.jsonl rows with a split", "*.tml files")."""
        if not present:
            raise NoGoldDataError(f"{folder}: nothing to score: no {what}")
        if self.split is None:
            return list(present)
        if self.split not in present:
            raise NoGoldDataError(f"{folder}: no split {self.split!r} (splits here: {', '.join(present)})")
        return [self.split]

    def keep(self, item_id: str) -> bool:
        """Whether an item is in the chosen half (always, when no half was chosen)."""
        return self.part is None or part_of(item_id) == self.part

    def items[T](self, items: Iterable[T], item_id: Callable[[T], str], folder: Path) -> list[T]:
        """The items of the chosen half, the first `limit` of them; raise when none is left."""
        kept = [item for item in items if self.keep(item_id(item))]
        kept = kept[: self.limit] if self.limit is not None else kept
        if not kept:
            half = f" in the {self.part} half" if self.part else ""
            raise NoGoldDataError(f"{folder}: nothing to score{half}")
        return kept

    def without_ids(self, suite: str) -> None:
        """For suites whose items have no ids: refuse --part."""
        if self.part is not None:
            raise NoGoldDataError(f"{suite}: its items have no ids, so it has no tune/check halves (--part)")

    def describe(self, splits: Sequence[str]) -> str:
        """A note saying what was scored: "splits dev, test; check half; first 20 items"."""
        words = [f"split{'s' if len(splits) > 1 else ''} {', '.join(splits)}"]
        words += [f"{self.part} half"] if self.part else []
        words += [f"first {self.limit} items (--limit)"] if self.limit is not None else []
        return "; ".join(words)


EVERYTHING = Selection()  # every split present, both halves, every item


def halves[T](items: Sequence[T], item_id: Callable[[T], str]) -> dict[Part, list[int]]:
    """Indexes of the items in each half, for suites that report both halves of one run."""
    found: dict[Part, list[int]] = {part: [] for part in PARTS}
    for index, item in enumerate(items):
        found[part_of(item_id(item))].append(index)
    return found
