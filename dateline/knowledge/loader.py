"""The one reader of dateline's knowledge files (everything under dateline/knowledge/).

Every vocabulary, table and mapping the stages use is a TSV, YAML or plain word-list file in this folder, with a
comment header that says where it comes from, its licence, its format and its known problems. The stages never
open these files themselves: their loaders call the readers below, and `pipeline.load_resources` hands the loaded
knowledge to the stages through `pipeline.Resources`.

Readers raise KnowledgeError whose message starts with `file:line`, so a bad row is found at once; they never skip
a row quietly.

- `knowledge_path("places", "aliases.tsv")`: the path of a knowledge file (the only place the folder is named).
- `read_tsv(path, columns)`: rows after the comment header and the column header; the header must start with
  `columns`; every row must fill them. Each row is a TsvRow (`.line`, `.cells`, `row["column"]`).
- `read_yaml(path)`: the parsed YAML; mappings remember their line under the key `__line__` (see `where`).
- `read_lines(path)`: one entry per line (comments and blank lines skipped), with line numbers.
- `yaml_words(path, data, key)`: a YAML list of non-empty strings as a frozenset, lower-cased unless told not to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parent
LINE_KEY = "__line__"


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message starts with file:line."""


def knowledge_path(*parts: str) -> Path:
    """The path of a file in dateline/knowledge/, e.g. knowledge_path("places", "aliases.tsv")."""
    return KNOWLEDGE_DIR.joinpath(*parts)


@dataclass(frozen=True, slots=True)
class TsvRow:
    """One data row of a knowledge TSV: its line number, its cells, and its cells by column name."""

    path: Path
    line: int
    header: tuple[str, ...]
    cells: tuple[str, ...]

    def __getitem__(self, column: str) -> str:
        try:
            index = self.header.index(column)
        except ValueError as error:
            raise KnowledgeError(f"{self.where}: no column {column!r} in the header") from error
        return self.cells[index] if index < len(self.cells) else ""

    def get(self, column: str, default: str = "") -> str:
        return self[column] if column in self.header else default

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def error(self, message: str) -> KnowledgeError:
        """An error about this row, naming file and line."""
        return KnowledgeError(f"{self.where}: {message}")

    def number(self, column: str) -> float:
        """A cell read as a number; a bad cell raises with file:line."""
        text = self[column]
        try:
            return float(text)
        except ValueError as error:
            raise self.error(f"{column} is not a number: {text!r}") from error

    def integer(self, column: str) -> int:
        text = self[column]
        try:
            return int(text)
        except ValueError as error:
            raise self.error(f"{column} is not an integer: {text!r}") from error


def _data_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Lines that are neither comments (#...) nor blank, with their 1-based numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(f"{path}:0: cannot read the knowledge file: {error.strerror or error}") from error
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def read_tsv(path: Path, columns: Sequence[str], *, required: Sequence[str] | None = None) -> list[TsvRow]:
    """The data rows of a knowledge TSV whose header starts with `columns`.

    Every row must have a cell for each of `columns`, and a non-empty one for each of `required` (default: all of
    `columns`); further columns after them are kept and may be empty."""
    must_fill = tuple(columns if required is None else required)
    rows: list[TsvRow] = []
    header: tuple[str, ...] | None = None
    for number, line in _data_lines(path):
        cells = tuple(line.split("\t"))
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            if header[: len(columns)] != tuple(columns):
                raise KnowledgeError(f"{path}:{number}: the header should start with {'\t'.join(columns)!r}")
            continue
        if len(cells) < len(columns):
            raise KnowledgeError(f"{path}:{number}: expected {len(columns)} tab-separated columns, got {len(cells)}")
        row = TsvRow(path, number, header, cells)
        empty = [column for column in must_fill if not row[column].strip()]
        if empty:
            raise row.error(f"empty {', '.join(empty)}")
        rows.append(row)
    if header is None:
        raise KnowledgeError(f"{path}:0: no header line (expected {'\t'.join(columns)!r})")
    return rows


def read_lines(path: Path) -> list[tuple[int, str]]:
    """One entry per line, stripped, with line numbers (comments and blank lines skipped)."""
    return [(number, line.strip()) for number, line in _data_lines(path)]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping under LINE_KEY."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path) -> Any:
    """Parse a YAML knowledge file; mappings carry their line under LINE_KEY; syntax errors name file:line."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # a SafeLoader subclass: no arbitrary objects
    except OSError as error:
        raise KnowledgeError(f"{path}:0: cannot read the knowledge file: {error.strerror or error}") from error
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise KnowledgeError(f"{path}:{line}: {error.problem}") from error


def where(path: Path, data: Any) -> str:
    """`file:line` of a parsed YAML mapping (line 0 when it is not a mapping)."""
    line = data.get(LINE_KEY, 0) if isinstance(data, Mapping) else 0
    return f"{path}:{line}"


def entries(data: Mapping[Any, Any]) -> Iterator[tuple[Any, Any]]:
    """The key/value pairs of a parsed YAML mapping, without the line marker."""
    return ((key, value) for key, value in data.items() if key != LINE_KEY)


def yaml_section(path: Path, data: Any, key: str, kind: type) -> Any:
    """data[key], which must be of `kind` (dict, list, str...); raises with file:line otherwise."""
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"{path}:1: expected a mapping with the section {key!r}")
    value = data.get(key)
    if not isinstance(value, kind):
        raise KnowledgeError(f"{where(path, data)}: `{key}` must be a {kind.__name__}")
    return value


def yaml_words(path: Path, data: Any, key: str, *, lower: bool = True) -> frozenset[str]:
    """A YAML list of non-empty strings as a frozenset (lower-cased unless lower=False)."""
    values = yaml_section(path, data, key, list)
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise KnowledgeError(f"{where(path, data)}: `{key}` must be a list of non-empty strings")
    return frozenset(value.strip().lower() if lower else value.strip() for value in values)
