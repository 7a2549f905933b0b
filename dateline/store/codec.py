"""Contract JSON back into records: the inverse of `records.to_json`, driven by the dataclasses' type hints."""

from __future__ import annotations

import dataclasses
import types
from functools import cache
from typing import Any, Literal, Union, cast, get_args, get_origin, get_type_hints


@cache
def _field_types(kind: Any) -> dict[str, Any]:
    hints = get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


def _decode(kind: Any, data: Any) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [option for option in get_args(kind) if option is not type(None)]
        if data is None:
            return None
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        item_kind = get_args(kind)[0]
        return tuple(_decode(item_kind, item) for item in data)
    if origin is Literal:
        return data
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return from_json(kind, data)
    if kind is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data


def from_json[R](kind: type[R], data: dict[str, Any]) -> R:
    """Rebuild a record of type `kind` from its contract JSON; keys the record does not know are ignored."""
    if not isinstance(data, dict):
        raise TypeError(f"{kind.__name__}: expected a JSON object, got {type(data).__name__}")
    fields = _field_types(cast(Any, kind))
    values = {name: _decode(field_type, data[name]) for name, field_type in fields.items() if name in data}
    return kind(**values)
