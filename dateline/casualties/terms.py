"""The casualty vocabulary (knowledge/casualty_terms.tsv): verbs, nouns, adjectives, hedges, non-people nouns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CASUALTY_TERMS_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "casualty_terms.tsv"

CATEGORIES = frozenset({"killed", "injured", "displaced", "captured", "combined"})
HEDGES = frozenset({"at_least", "more_than", "up_to", "fewer_than", "about", "nearly"})
_KINDS = frozenset({"verb", "noun", "adjective", "hedge", "not_people", "reporting", "person"})
_HEADER = ["term", "kind", "category", "victim"]


@dataclass(frozen=True, slots=True)
class VerbTerm:
    category: str
    victim: str  # "object" (transitive: "killed 20") or "subject" (intransitive: "20 died")


@dataclass(frozen=True, slots=True)
class CasualtyTerms:
    verbs: Mapping[str, VerbTerm]
    nouns: Mapping[str, str]  # lemma → category
    adjectives: Mapping[str, str]
    hedges: Mapping[str, str]  # lower-case phrase → hedge kind
    not_people: frozenset[str]
    reporting: frozenset[str]  # lemmas of verbs whose subject is a figure's source
    people: frozenset[str] = frozenset()  # nouns that name a person ("a man is dead", not "the battery is dead")

    @property
    def longest_hedge(self) -> int:
        return max((len(phrase.split()) for phrase in self.hedges), default=0)


def _check(path: Path, number: int, fields: list[str]) -> None:
    if len(fields) != 4 or fields[1] not in _KINDS:
        raise ValueError(f"{path}:{number}: expected 4 tab-separated fields with a known kind: {fields!r}")
    term, kind, category, victim = fields
    if kind in ("verb", "noun", "adjective") and category not in CATEGORIES:
        raise ValueError(f"{path}:{number}: unknown category {category!r}")
    if kind == "verb" and victim not in ("object", "subject"):
        raise ValueError(f"{path}:{number}: a verb's victim must be object or subject, not {victim!r}")
    if kind == "hedge" and category not in HEDGES:
        raise ValueError(f"{path}:{number}: unknown hedge kind {category!r}")
    if not term.strip() or term != term.lower():
        raise ValueError(f"{path}:{number}: terms are non-empty and lower case: {term!r}")


@cache
def load_casualty_terms(path: Path = CASUALTY_TERMS_PATH) -> CasualtyTerms:
    """Read the casualty vocabulary; a bad row raises ValueError naming file:line."""
    verbs: dict[str, VerbTerm] = {}
    nouns: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    hedges: dict[str, str] = {}
    not_people: set[str] = set()
    reporting: set[str] = set()
    people: set[str] = set()
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != _HEADER:
                raise ValueError(f"{path}:{number}: expected the header {' '.join(_HEADER)}")
            header_seen = True
            continue
        _check(path, number, fields)
        term, kind, category, victim = fields
        if kind == "verb":
            verbs[term] = VerbTerm(category, victim)
        elif kind == "noun":
            nouns[term] = category
        elif kind == "adjective":
            adjectives[term] = category
        elif kind == "hedge":
            hedges[term] = category
        elif kind == "reporting":
            reporting.add(term)
        elif kind == "person":
            people.add(term)
        else:
            not_people.add(term)
    if not verbs or not nouns:
        raise ValueError(f"{path}: no casualty verbs or nouns")
    return CasualtyTerms(
        verbs, nouns, adjectives, hedges, frozenset(not_people), frozenset(reporting), frozenset(people)
    )
