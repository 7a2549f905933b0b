"""The casualty vocabulary (knowledge/casualty_terms.tsv, with the number words of knowledge/number_words.tsv).

`load_casualty_terms()` reads both once; `pipeline.load_resources` hands the result to the events stage, which
passes it to every casualties function.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dateline.knowledge import KnowledgeError, TsvRow, knowledge_path, read_tsv
from dateline.numbers import NUMBER_WORDS_FILE, NumberWords, load_number_words

CASUALTY_TERMS_FILE = knowledge_path("casualty_terms.tsv")

CATEGORIES = frozenset({"killed", "injured", "displaced", "captured", "combined"})
HEDGES = frozenset({"at_least", "more_than", "up_to", "fewer_than", "about", "nearly"})
# Kinds whose rows are plain word lists (category and victim "-").
_WORD_KINDS = (
    "not_people",
    "reporting",
    "person",
    "death_noun",
    "weapon",
    "address",
    "update",
    "fatal",
    "incident",
    "causative",
    "death_sign",
    "unharmed",
    "harm_verb",
    "harm_noun",
)
_KINDS = frozenset({"verb", "noun", "adjective", "hedge", *_WORD_KINDS})
_COLUMNS = ("term", "kind", "category", "victim")


@dataclass(frozen=True, slots=True)
class VerbTerm:
    category: str
    victim: str  # "object" (transitive: "killed 20") or "subject" (intransitive: "20 died")


# eq=False: compared and hashed by identity (the number-word table inside is a dict).
@dataclass(frozen=True, slots=True, eq=False)
class CasualtyTerms:
    verbs: Mapping[str, VerbTerm]
    nouns: Mapping[str, str]  # lemma → category
    adjectives: Mapping[str, str]
    hedges: Mapping[str, str]  # lower-case phrase → hedge kind
    not_people: frozenset[str]
    reporting: frozenset[str]  # lemmas of verbs whose subject is a figure's source
    people: frozenset[str] = frozenset()  # nouns that name a person ("a man is dead", not "the battery is dead")
    death_nouns: frozenset[str] = frozenset()  # nouns whose "of" phrase may name one victim ("the death of a man")
    weapons: frozenset[str] = frozenset()  # what someone "turned ... on himself"
    address_words: frozenset[str] = frozenset()  # words after a number that make it an address ("30 Porter St.")
    update_verbs: frozenset[str] = frozenset()  # a toll told as changed: "the toll rose to 12"
    fatal_words: frozenset[str] = frozenset()  # "a fatal shooting", "a deadly attack": someone died
    incident_nouns: frozenset[str] = frozenset()  # nouns of one violent occurrence that "fatal" may qualify
    causatives: frozenset[str] = frozenset()  # "forced 10,000 people to flee": the object did what the verb says
    # nouns (one or two words, lower case) whose office or act exists only for a death: "an autopsy", "the coroner"
    death_signs: frozenset[str] = frozenset()
    unharmed: frozenset[str] = frozenset()  # adjectives that say a person came to no harm ("the unharmed child")
    harm_verbs: frozenset[str] = frozenset()  # "suffered", "sustained": the subject was hurt when the object is harm
    harm_nouns: frozenset[str] = frozenset()  # the objects of those verbs that are harm ("injuries", "a wound")
    numbers: NumberWords = field(default_factory=dict)  # number_words.tsv, for the figures

    @property
    def longest_hedge(self) -> int:
        return max((len(phrase.split()) for phrase in self.hedges), default=0)


def _checked(row: TsvRow) -> tuple[str, str, str, str]:
    term, kind, category, victim = (row[column] for column in _COLUMNS)
    if kind not in _KINDS:
        raise row.error(f"unknown kind {kind!r} (expected one of {', '.join(sorted(_KINDS))})")
    if kind in ("verb", "noun", "adjective") and category not in CATEGORIES:
        raise row.error(f"unknown category {category!r}")
    if kind == "verb" and victim not in ("object", "subject"):
        raise row.error(f"a verb's victim must be object or subject, not {victim!r}")
    if kind == "hedge" and category not in HEDGES:
        raise row.error(f"unknown hedge kind {category!r}")
    if not term.strip() or term != term.lower():
        raise row.error(f"terms are non-empty and lower case: {term!r}")
    return term, kind, category, victim


@cache
def load_casualty_terms(path: Path = CASUALTY_TERMS_FILE, numbers_path: Path = NUMBER_WORDS_FILE) -> CasualtyTerms:
    """Read the casualty vocabulary and the number words; a bad row raises KnowledgeError naming file:line."""
    verbs: dict[str, VerbTerm] = {}
    by_kind: dict[str, dict[str, str]] = {"noun": {}, "adjective": {}, "hedge": {}}
    words: dict[str, set[str]] = {kind: set() for kind in _WORD_KINDS}
    for row in read_tsv(path, _COLUMNS):
        term, kind, category, victim = _checked(row)
        if kind == "verb":
            verbs[term] = VerbTerm(category, victim)
        elif kind in by_kind:
            by_kind[kind][term] = category
        else:
            words[kind].add(term)
    if not verbs or not by_kind["noun"]:
        raise KnowledgeError(f"{path}:0: no casualty verbs or nouns")
    return CasualtyTerms(
        verbs=verbs,
        nouns=by_kind["noun"],
        adjectives=by_kind["adjective"],
        hedges=by_kind["hedge"],
        not_people=frozenset(words["not_people"]),
        reporting=frozenset(words["reporting"]),
        people=frozenset(words["person"]),
        death_nouns=frozenset(words["death_noun"]),
        weapons=frozenset(words["weapon"]),
        address_words=frozenset(words["address"]),
        update_verbs=frozenset(words["update"]),
        fatal_words=frozenset(words["fatal"]),
        incident_nouns=frozenset(words["incident"]),
        causatives=frozenset(words["causative"]),
        death_signs=frozenset(words["death_sign"]),
        unharmed=frozenset(words["unharmed"]),
        harm_verbs=frozenset(words["harm_verb"]),
        harm_nouns=frozenset(words["harm_noun"]),
        numbers=load_number_words(numbers_path),
    )
