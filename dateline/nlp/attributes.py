"""The model's attribute ruler (POS, morphology and lemma exceptions), applied with a cache instead of a Matcher.

spaCy's AttributeRuler runs a Matcher of ~180 token patterns over every token of every document: about 12% of the
parse in the English small model. Almost all patterns look at one token only, and what they decide depends only on
that token's TAG, LOWER, DEP and IS_SPACE, so the patterns that fire for one combination of those four values are
worked out once and remembered. Working them out tries only the patterns that can fit: each is filed under a value
it demands (its word, else its tag, else its dependency), so a new word costs a few dictionary look-ups rather than
~180 tests (in a fresh worker most words are new). The few patterns of two tokens are checked where their first
token fits.
The result is the ruler's: the same attributes written with spaCy's own `set_token_attrs`, later patterns winning
as in `AttributeRuler.match` (matches sorted by pattern number). tests/test_nlp_attributes.py compares both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

# What a pattern can test on a token, read from the token the way the Matcher reads it.
_FEATURES: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}

type Features = tuple[str, str, str, bool]  # TAG, LOWER, DEP, IS_SPACE of one token
type TokenTest = Callable[[Features], bool]

_POSITION = {name: number for number, name in enumerate(_FEATURES)}
# Remembered feature combinations per cache before it is emptied: a worker that reads for days meets ever more
# (tag, word, dependency) triples; 200,000 entries stay under ~60 MB and are met again within a few articles.
CACHE_LIMIT = 200_000


class UnsupportedPatternError(ValueError):
    """The ruler has a pattern this module cannot evaluate (the caller falls back to spaCy's ruler)."""


def _value_test(name: str, wanted: Any) -> Callable[[Any], bool]:
    if not isinstance(wanted, dict):
        return lambda value: bool(value == wanted)
    if len(wanted) != 1:
        raise UnsupportedPatternError(f"{name}: {wanted!r}")
    ((operator, argument),) = wanted.items()
    if operator == "IN":
        members = frozenset(argument)
        return lambda value: value in members
    if operator == "NOT_IN":
        excluded = frozenset(argument)
        return lambda value: value not in excluded
    if operator == "REGEX":
        regex = re.compile(argument)
        return lambda value: regex.search(str(value)) is not None
    raise UnsupportedPatternError(f"{name}: operator {operator!r}")


def _demanded(wanted: Any) -> frozenset[Any] | None:
    """The values a feature must take for a test of `wanted` to pass (None: a test that does not name them)."""
    if not isinstance(wanted, dict):
        return frozenset([wanted])
    ((operator, argument),) = wanted.items()
    return frozenset(argument) if operator == "IN" else None


def _filing(spec: Mapping[str, Any]) -> tuple[int, frozenset[Any]] | None:
    """Where a one-token pattern is filed: the position of the most selective feature whose values it names
    (LOWER, then TAG, DEP, IS_SPACE) and those values; None when it names none."""
    for name in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        values = _demanded(spec[name]) if name in spec else None
        if values is not None:
            return _POSITION[name], values
    return None


def _token_test(spec: Mapping[str, Any]) -> TokenTest:
    """A test on a token's features from one token pattern of the Matcher ({"TAG": "VB", "LOWER": {"IN": [...]}})."""
    unknown = sorted(set(spec) - set(_FEATURES))
    if unknown:
        raise UnsupportedPatternError(f"token pattern keys {unknown}")
    tests = [(_POSITION[name], _value_test(name, wanted)) for name, wanted in spec.items()]
    return lambda features: all(test(features[position]) for position, test in tests)


@dataclass(frozen=True)
class _Sequence:
    """A pattern of several tokens: which rule it belongs to, its token tests, and which token receives the attrs."""

    rule: int
    tests: tuple[TokenTest, ...]
    target: int


@dataclass
class CompiledRules:
    """The ruler's patterns as tests on token features, with the answers remembered per feature combination."""

    attrs: Sequence[Mapping[int, Any]]
    single: tuple[tuple[int, TokenTest], ...]
    sequences: tuple[_Sequence, ...]
    # The patterns of `single` (by position there) that can fit a token: filed by feature position and value, and
    # those filed nowhere; None: try them all.
    filed: tuple[tuple[int, Mapping[Any, tuple[int, ...]]], ...] | None = None
    unfiled: tuple[int, ...] = ()
    _single_hits: dict[Features, tuple[int, ...]] = field(default_factory=dict)
    _sequence_starts: dict[Features, tuple[_Sequence, ...]] = field(default_factory=dict)
    _merged: dict[tuple[int, ...], dict[int, Any]] = field(default_factory=dict)

    def rules_for(self, features: Features) -> tuple[int, ...]:
        """The one-token rules that fire for a token with these features, in rule order."""
        hits = self._single_hits.get(features)
        if hits is None:
            single = self.single
            if self.filed is None:
                hits = tuple(rule for rule, test in single if test(features))
            else:
                candidates = [*self.unfiled]
                for position, by_value in self.filed:
                    candidates.extend(by_value.get(features[position], ()))
                candidates.sort()  # rule order, as the patterns stand in `single`
                hits = tuple(single[number][0] for number in candidates if single[number][1](features))
            _remember(self._single_hits, features, hits)
        return hits

    def sequences_from(self, features: Features) -> tuple[_Sequence, ...]:
        """The multi-token patterns whose first token fits a token with these features."""
        found = self._sequence_starts.get(features)
        if found is None:
            found = tuple(sequence for sequence in self.sequences if sequence.tests[0](features))
            _remember(self._sequence_starts, features, found)
        return found

    def merged(self, rules: tuple[int, ...]) -> dict[int, Any]:
        """The attributes that rules applied in this order leave on a token (a later rule overrides an earlier one)."""
        attrs = self._merged.get(rules)
        if attrs is None:
            attrs = {}
            for rule in rules:
                attrs.update(self.attrs[rule])
            _remember(self._merged, rules, attrs)
        return attrs


def _remember[K, V](memory: dict[K, V], key: K, value: V) -> None:
    if len(memory) >= CACHE_LIMIT:
        memory.clear()
    memory[key] = value


@cache
def compile_rules(ruler: AttributeRuler) -> CompiledRules:
    """Compile a loaded AttributeRuler; raises UnsupportedPatternError on a pattern it cannot evaluate."""
    single: list[tuple[int, TokenTest]] = []
    filed: dict[int, dict[Any, list[int]]] = {}
    unfiled: list[int] = []
    sequences: list[_Sequence] = []
    entries: list[dict[str, Any]] = [dict(entry) for entry in ruler.patterns]
    for rule, entry in enumerate(entries):
        target = int(entry.get("index", 0))
        for pattern in entry["patterns"]:
            if any("OP" in spec for spec in pattern):
                raise UnsupportedPatternError(f"rule {rule}: operators")
            tests = tuple(_token_test(spec) for spec in pattern)
            if len(tests) == 1 and target in (0, -1):
                filing = _filing(pattern[0])
                if filing is None:
                    unfiled.append(len(single))
                else:
                    for value in filing[1]:
                        filed.setdefault(filing[0], {}).setdefault(value, []).append(len(single))
                single.append((rule, tests[0]))
            else:
                sequences.append(_Sequence(rule, tests, target if target >= 0 else len(tests) + target))
    if len(entries) != len(ruler.attrs):
        raise UnsupportedPatternError("patterns and attributes are not one to one")
    return CompiledRules(
        attrs=ruler.attrs,
        single=tuple(single),
        sequences=tuple(sequences),
        filed=tuple(
            (position, {value: tuple(numbers) for value, numbers in by_value.items()})
            for position, by_value in sorted(filed.items())
        ),
        unfiled=tuple(unfiled),
    )


def _features(doc: Doc) -> list[Features]:
    return [(token.tag_, token.lower_, token.dep_, token.is_space) for token in doc]


def _sequence_hits(rules: CompiledRules, features: list[Features]) -> dict[int, list[int]]:
    """Rules of multi-token patterns by the token they write to."""
    hits: dict[int, list[int]] = {}
    for start, first in enumerate(features):
        for sequence in rules.sequences_from(first):
            end = start + len(sequence.tests)
            if end <= len(features) and all(
                test(features[start + offset]) for offset, test in enumerate(sequence.tests[1:], 1)
            ):
                hits.setdefault(start + sequence.target, []).append(sequence.rule)
    return hits


def apply_rules(doc: Doc, rules: CompiledRules) -> Doc:
    """Write the ruler's attributes on every token of `doc`, as AttributeRuler.__call__ would."""
    features = _features(doc)
    extra = _sequence_hits(rules, features) if rules.sequences else {}
    for index, token_features in enumerate(features):
        fired = rules.rules_for(token_features)
        if index in extra:
            fired = tuple(sorted({*fired, *extra[index]}))
        if fired:
            set_token_attrs(doc[index], rules.merged(fired))
    return doc
